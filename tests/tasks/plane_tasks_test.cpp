// Tests for the 2-D point sets: sizes, balance, determinism, each set's geometry, and what noise does.
#include "engine/core/error.hpp"
#include "engine/tasks/task.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>

namespace phasor {
namespace {

std::unique_ptr<Task> build(const std::string& name, std::uint64_t seed, int points = 200,
                            float noise = 0.f) {
    TaskSpec spec;
    spec.name = name;
    spec.points = points;
    spec.noise = noise;
    return make_task(spec, seed);
}

bool same_set(const std::vector<Sample>& a, const std::vector<Sample>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].x != b[i].x || a[i].label != b[i].label) return false;
    return true;
}

// Share of `test` that a 1-nearest-neighbour classifier built on `train` labels correctly.
double nearest_neighbour_accuracy(const std::vector<Sample>& train, const std::vector<Sample>& test) {
    int correct = 0;
    for (const Sample& t : test) {
        float best = std::numeric_limits<float>::max();
        int label = -1;
        for (const Sample& s : train) {
            const float d = (s.x - t.x).squaredNorm();
            if (d < best) best = d, label = s.label;
        }
        correct += label == t.label;
    }
    return static_cast<double>(correct) / static_cast<double>(test.size());
}

class PlaneTask : public testing::TestWithParam<std::string> {};

TEST_P(PlaneTask, SetsHaveRequestedSizeAndBalancedLabels) {
    for (int points : {4, 200, 201}) {
        auto task = build(GetParam(), 1, points);
        EXPECT_EQ(task->input_dim(), 2);
        EXPECT_EQ(task->num_classes(), 2);
        EXPECT_EQ(task->class_names().size(), 2u);
        for (const auto* set : {&task->train_set(), &task->eval_set()}) {
            ASSERT_EQ(set->size(), static_cast<std::size_t>(points));
            int ones = 0;
            for (const Sample& s : *set) {
                ASSERT_EQ(s.x.size(), 2);
                ASSERT_TRUE(s.label == 0 || s.label == 1);
                ones += s.label;
                // Gaussian blobs have tails; the other clean sets stay inside the unit square.
                const float bound = GetParam() == "gaussians" ? 1.6f : 1.0f + 1e-6f;
                EXPECT_LE(std::abs(s.x[0]), bound);
                EXPECT_LE(std::abs(s.x[1]), bound);
            }
            EXPECT_LE(std::abs(points - 2 * ones), 1) << points;
        }
    }
}

TEST_P(PlaneTask, SameSeedSameDataDifferentSeedDifferentData) {
    auto a = build(GetParam(), 5), b = build(GetParam(), 5), c = build(GetParam(), 6);
    EXPECT_TRUE(same_set(a->train_set(), b->train_set()));
    EXPECT_TRUE(same_set(a->eval_set(), b->eval_set()));
    EXPECT_FALSE(same_set(a->train_set(), c->train_set()));
    EXPECT_FALSE(same_set(a->eval_set(), c->eval_set()));
    EXPECT_FALSE(same_set(a->train_set(), a->eval_set())) << "the held-out set must be drawn separately";
}

TEST_P(PlaneTask, DrawPicksTrainingPointsDeterministically) {
    auto task = build(GetParam(), 3);
    Rng a(10), b(10);
    Vec xa(2), xb(2);
    for (int i = 0; i < 300; ++i) {
        const int label = task->draw(a, xa);
        EXPECT_EQ(label, task->draw(b, xb));
        EXPECT_EQ(xa, xb);
        bool found = false;
        for (const Sample& s : task->train_set()) found = found || (s.x == xa && s.label == label);
        EXPECT_TRUE(found) << "draw must return a training point with its label";
    }
}

TEST_P(PlaneTask, CleanSetIsLearnableAndHeavyNoiseBlursIt) {
    auto clean = build(GetParam(), 7, 400);
    EXPECT_GE(nearest_neighbour_accuracy(clean->train_set(), clean->eval_set()), 0.9);
    auto noisy = build(GetParam(), 7, 400, 2.0f);
    EXPECT_LE(nearest_neighbour_accuracy(noisy->train_set(), noisy->eval_set()), 0.75);
}

// task.test_points: the held-out set's own size, from its own stream. Left unset it is as large as the
// training set, and that set is the one drawn before the parameter existed (the same stream, the same count).
TEST_P(PlaneTask, TestPointsSizeTheHeldOutSetAlone) {
    TaskSpec spec{.name = GetParam(), .points = 120};
    const auto by_default = make_task(spec, 9);
    spec.test_points = 120;
    const auto same = make_task(spec, 9);
    spec.test_points = 31;
    const auto fewer = make_task(spec, 9);
    spec.test_points = 500;
    const auto more = make_task(spec, 9);
    EXPECT_TRUE(same_set(by_default->eval_set(), same->eval_set()));
    EXPECT_EQ(fewer->eval_set().size(), 31u);
    EXPECT_EQ(more->eval_set().size(), 500u);
    for (const auto* task : {fewer.get(), more.get()}) {
        EXPECT_TRUE(same_set(task->train_set(), by_default->train_set())) << "the training data is untouched";
        EXPECT_TRUE(task->eval_held_out());
        // The same stream: the first points are the default set's first points.
        for (std::size_t i = 0; i < 31; ++i) {
            EXPECT_EQ(task->eval_set()[i].x, by_default->eval_set()[i].x);
            EXPECT_EQ(task->eval_set()[i].label, by_default->eval_set()[i].label);
        }
    }
    int ones = 0;
    for (const Sample& s : more->eval_set()) ones += s.label;
    EXPECT_EQ(ones, 250);
    spec.test_points = 0;
    EXPECT_THROW(make_task(spec, 9), InputError);
}

INSTANTIATE_TEST_SUITE_P(AllPlaneTasks, PlaneTask,
                         testing::Values("circles", "xor_quadrants", "gaussians", "spirals"));

TEST(Circles, InnerDiscAndOuterRingAreSeparated) {
    auto task = build("circles", 2, 1000);
    EXPECT_EQ(task->class_names(), (std::vector<std::string>{"inner", "outer"}));
    for (const Sample& s : task->train_set()) {
        const float r = s.x.norm();
        if (s.label == 0) {
            EXPECT_LE(r, 0.5f + 1e-5f);
        } else {
            EXPECT_GE(r, 0.7f - 1e-5f);
            EXPECT_LE(r, 1.0f + 1e-5f);
        }
    }
}

TEST(Circles, NoiseJittersPointsAcrossTheGap) {
    auto task = build("circles", 2, 1000, 0.2f);
    int inner_outside = 0;
    for (const Sample& s : task->train_set()) inner_outside += s.label == 0 && s.x.norm() > 0.5f;
    EXPECT_GT(inner_outside, 20);
}

TEST(XorQuadrants, LabelIsWhetherSignsDiffer) {
    auto task = build("xor_quadrants", 4, 1000);
    EXPECT_EQ(task->class_names(), (std::vector<std::string>{"same sign", "opposite sign"}));
    for (const Sample& s : task->train_set()) {
        const bool opposite = (s.x[0] < 0.f) != (s.x[1] < 0.f);
        EXPECT_EQ(s.label, opposite ? 1 : 0) << s.x.transpose();
    }
}

TEST(XorQuadrants, NoiseMovesSomePointsAcrossAnAxis) {
    auto task = build("xor_quadrants", 4, 1000, 0.3f);
    int crossed = 0;
    for (const Sample& s : task->train_set())
        crossed += s.label != (((s.x[0] < 0.f) != (s.x[1] < 0.f)) ? 1 : 0);
    EXPECT_GT(crossed, 20);
    EXPECT_LT(crossed, 400);
}

// Per-class mean and standard deviation of each coordinate, pooled over both coordinates.
struct BlobStats {
    double mean[2][2] = {};
    double sd[2] = {};
};

BlobStats blob_stats(const std::vector<Sample>& set) {
    BlobStats st;
    double sum2[2] = {}, n[2] = {};
    for (const Sample& s : set)
        for (int d = 0; d < 2; ++d) st.mean[s.label][d] += s.x[d];
    for (const Sample& s : set) n[s.label] += 1;
    for (int c = 0; c < 2; ++c)
        for (int d = 0; d < 2; ++d) st.mean[c][d] /= n[c];
    for (const Sample& s : set)
        for (int d = 0; d < 2; ++d) sum2[s.label] += std::pow(s.x[d] - st.mean[s.label][d], 2);
    for (int c = 0; c < 2; ++c) st.sd[c] = std::sqrt(sum2[c] / (2 * n[c]));
    return st;
}

TEST(Gaussians, BlobsSitAtTheirCentresWithDefaultSpread) {
    auto task = build("gaussians", 6, 4000);
    EXPECT_EQ(task->class_names(), (std::vector<std::string>{"A", "B"}));
    const BlobStats st = blob_stats(task->train_set());
    for (int d = 0; d < 2; ++d) {
        EXPECT_NEAR(st.mean[0][d], -0.4, 0.02);
        EXPECT_NEAR(st.mean[1][d], 0.4, 0.02);
    }
    EXPECT_NEAR(st.sd[0], 0.2, 0.01);
    EXPECT_NEAR(st.sd[1], 0.2, 0.01);
}

TEST(Gaussians, NoiseSetsTheSpread) {
    const BlobStats st = blob_stats(build("gaussians", 6, 4000, 0.1f)->eval_set());
    EXPECT_NEAR(st.sd[0], 0.1, 0.005);
    EXPECT_NEAR(st.sd[1], 0.1, 0.005);
}

TEST(Spirals, ArmsInterleaveAroundTheOrigin) {
    auto task = build("spirals", 8, 1000);
    EXPECT_EQ(task->class_names(), (std::vector<std::string>{"arm A", "arm B"}));
    // The arms are point-symmetric images of each other, so both classes have their centre of mass near the
    // origin yet neighbouring points belong to the same arm.
    double mean[2][2] = {};
    for (const Sample& s : task->train_set())
        for (int d = 0; d < 2; ++d) mean[s.label][d] += s.x[d] / 500.0;
    for (int c = 0; c < 2; ++c) EXPECT_NEAR(mean[c][0], -mean[1 - c][0], 0.1);
    for (int c = 0; c < 2; ++c) EXPECT_NEAR(mean[c][1], -mean[1 - c][1], 0.1);
    EXPECT_GE(nearest_neighbour_accuracy(task->train_set(), task->eval_set()), 0.97);
    for (const Sample& s : task->train_set()) EXPECT_LE(s.x.norm(), 1.0f);
}

} // namespace
} // namespace phasor
