// Tests for the Low/High/Mix task: the exact six samples, the uniform draw, and the noisy stream's
// statistics.
#include "engine/tasks/task.hpp"

#include <array>
#include <cmath>
#include <gtest/gtest.h>

namespace phasor {
namespace {

struct Expected {
    std::array<float, 4> x;
    int label;
};

const std::array<Expected, 6> kExpected = {{
    {{0.1f, 0.2f, 0.1f, 0.3f}, 0},
    {{0.2f, 0.1f, 0.3f, 0.2f}, 0},
    {{0.8f, 0.9f, 0.8f, 0.7f}, 1},
    {{0.9f, 0.8f, 0.7f, 0.9f}, 1},
    {{0.1f, 0.9f, 0.1f, 0.9f}, 2},
    {{0.9f, 0.1f, 0.9f, 0.1f}, 2},
}};

TaskSpec spec(const char* name, float noise = 0.f) {
    TaskSpec s;
    s.name = name;
    s.noise = noise;
    return s;
}

float distance(const Vec& x, const Expected& e) {
    float d2 = 0.f;
    for (int i = 0; i < 4; ++i)
        d2 += (x[i] - e.x[static_cast<std::size_t>(i)]) * (x[i] - e.x[static_cast<std::size_t>(i)]);
    return std::sqrt(d2);
}

int nearest_prototype(const Vec& x) {
    int best = 0;
    for (int p = 1; p < 6; ++p)
        if (distance(x, kExpected[static_cast<std::size_t>(p)]) <
            distance(x, kExpected[static_cast<std::size_t>(best)]))
            best = p;
    return best;
}

void expect_exact_six(const std::vector<Sample>& set) {
    ASSERT_EQ(set.size(), 6u);
    for (std::size_t i = 0; i < 6; ++i) {
        ASSERT_EQ(set[i].x.size(), 4);
        for (int j = 0; j < 4; ++j)
            EXPECT_FLOAT_EQ(set[i].x[j], kExpected[i].x[static_cast<std::size_t>(j)]) << i;
        EXPECT_EQ(set[i].label, kExpected[i].label) << i;
    }
}

TEST(LowHighMix, HasExactlyTheSixSamplesInOrder) {
    auto task = make_task(spec("lowhighmix"), 1);
    EXPECT_EQ(task->input_dim(), 4);
    EXPECT_EQ(task->num_classes(), 3);
    EXPECT_EQ(task->class_names(), (std::vector<std::string>{"Low", "High", "Mix"}));
    expect_exact_six(task->train_set());
    expect_exact_six(task->eval_set());
}

TEST(LowHighMix, DataDoesNotDependOnSeed) {
    auto a = make_task(spec("lowhighmix"), 1);
    auto b = make_task(spec("lowhighmix"), 999);
    expect_exact_six(b->train_set());
    for (std::size_t i = 0; i < 6; ++i) EXPECT_EQ(a->train_set()[i].x, b->train_set()[i].x);
}

TEST(LowHighMix, DrawPicksSampleBelowSix) {
    auto task = make_task(spec("lowhighmix"), 1);
    Rng rng(42), mirror(42);
    Vec x(4);
    for (int i = 0; i < 200; ++i) {
        const int label = task->draw(rng, x);
        const auto& expected = kExpected[static_cast<std::size_t>(mirror.below(6))];
        EXPECT_EQ(label, expected.label);
        EXPECT_FLOAT_EQ(distance(x, expected), 0.f);
    }
}

TEST(LowHighMix, DrawIsRoughlyUniform) {
    auto task = make_task(spec("lowhighmix"), 1);
    Rng rng(3);
    Vec x(4);
    std::array<int, 6> counts{};
    const int draws = 6000;
    for (int i = 0; i < draws; ++i) {
        task->draw(rng, x);
        ++counts[static_cast<std::size_t>(nearest_prototype(x))];
    }
    for (int c : counts) EXPECT_NEAR(c, draws / 6, 150); // about 5 standard deviations
}

TEST(LowHighMixNoisy, IsEndlessWithSixtySampleEvalSet) {
    auto task = make_task(spec("lowhighmix_noisy", 0.01f), 5);
    EXPECT_EQ(task->input_dim(), 4);
    EXPECT_EQ(task->class_names(), (std::vector<std::string>{"Low", "High", "Mix"}));
    EXPECT_TRUE(task->train_set().empty());
    ASSERT_EQ(task->eval_set().size(), 60u);
    std::array<int, 6> per_prototype{};
    for (const Sample& s : task->eval_set()) {
        ASSERT_EQ(s.x.size(), 4);
        const int p = nearest_prototype(s.x);
        EXPECT_EQ(s.label, kExpected[static_cast<std::size_t>(p)].label);
        EXPECT_LT(distance(s.x, kExpected[static_cast<std::size_t>(p)]), 0.1f);
        ++per_prototype[static_cast<std::size_t>(p)];
    }
    for (int c : per_prototype) EXPECT_EQ(c, 10);
}

TEST(LowHighMixNoisy, EvalSetIsFixedPerSeed) {
    auto a = make_task(spec("lowhighmix_noisy", 0.05f), 11);
    auto b = make_task(spec("lowhighmix_noisy", 0.05f), 11);
    auto c = make_task(spec("lowhighmix_noisy", 0.05f), 12);
    Rng rng(11);
    Vec x(4);
    for (int i = 0; i < 100; ++i) a->draw(rng, x); // drawing must not disturb the eval set
    int differing = 0;
    for (std::size_t i = 0; i < 60; ++i) {
        EXPECT_EQ(a->eval_set()[i].x, b->eval_set()[i].x);
        EXPECT_EQ(a->eval_set()[i].label, b->eval_set()[i].label);
        differing += a->eval_set()[i].x != c->eval_set()[i].x;
    }
    EXPECT_EQ(differing, 60);
}

TEST(LowHighMixNoisy, DrawNoiseHasRequestedMeanAndSpread) {
    const float noise = 0.01f; // small enough that the nearest prototype is never in doubt
    auto task = make_task(spec("lowhighmix_noisy", noise), 8);
    Rng rng(8);
    Vec x(4);
    double sum = 0, sum2 = 0;
    const int draws = 20000;
    for (int i = 0; i < draws; ++i) {
        const int label = task->draw(rng, x);
        const auto& p = kExpected[static_cast<std::size_t>(nearest_prototype(x))];
        ASSERT_EQ(label, p.label);
        for (int j = 0; j < 4; ++j) {
            const double d = x[j] - p.x[static_cast<std::size_t>(j)];
            sum += d;
            sum2 += d * d;
        }
    }
    const double n = draws * 4.0;
    const double mean = sum / n;
    const double sd = std::sqrt(sum2 / n - mean * mean);
    EXPECT_NEAR(mean, 0.0, 0.0005);
    EXPECT_NEAR(sd, noise, 0.03 * noise);
}

TEST(LowHighMixNoisy, ZeroNoiseMeansDefaultOfFiveHundredths) {
    auto by_default = make_task(spec("lowhighmix_noisy", 0.f), 21);
    auto explicit_default = make_task(spec("lowhighmix_noisy", 0.05f), 21);
    auto other = make_task(spec("lowhighmix_noisy", 0.1f), 21);
    for (std::size_t i = 0; i < 60; ++i)
        EXPECT_EQ(by_default->eval_set()[i].x, explicit_default->eval_set()[i].x);
    EXPECT_NE(by_default->eval_set()[0].x, other->eval_set()[0].x);
    Rng ra(4), rb(4);
    Vec xa(4), xb(4);
    for (int i = 0; i < 100; ++i) {
        EXPECT_EQ(by_default->draw(ra, xa), explicit_default->draw(rb, xb));
        EXPECT_EQ(xa, xb);
    }
}

TEST(LowHighMixNoisy, SameRngGivesSameStreamAndDifferentRngDiffers) {
    auto task = make_task(spec("lowhighmix_noisy"), 2);
    Rng a(77), b(77), c(78);
    Vec xa(4), xb(4), xc(4);
    int differing = 0;
    for (int i = 0; i < 50; ++i) {
        EXPECT_EQ(task->draw(a, xa), task->draw(b, xb));
        EXPECT_EQ(xa, xb);
        task->draw(c, xc);
        differing += xa != xc;
    }
    EXPECT_GT(differing, 45);
}

} // namespace
} // namespace phasor
