// Tests for xor and parity4: every pattern present once, labels computed here independently, uniform draws.
#include "engine/tasks/task.hpp"

#include <gtest/gtest.h>
#include <set>

namespace phasor {
namespace {

std::unique_ptr<Task> build(const char* name) {
    TaskSpec spec;
    spec.name = name;
    return make_task(spec, 1);
}

// Reads a sample's inputs as bits, checking that each is exactly 0 or 1.
int pattern_bits(const Vec& x) {
    int bits = 0;
    for (int i = 0; i < x.size(); ++i) {
        EXPECT_TRUE(x[i] == 0.f || x[i] == 1.f) << x[i];
        if (x[i] == 1.f) bits |= 1 << i;
    }
    return bits;
}

void expect_all_patterns(const std::vector<Sample>& set, int inputs) {
    ASSERT_EQ(set.size(), std::size_t{1} << inputs);
    std::set<int> seen;
    for (const Sample& s : set) {
        ASSERT_EQ(s.x.size(), inputs);
        int ones = 0;
        for (int i = 0; i < inputs; ++i) ones += s.x[i] == 1.f;
        EXPECT_EQ(s.label, ones % 2);
        seen.insert(pattern_bits(s.x));
    }
    EXPECT_EQ(seen.size(), set.size());
}

TEST(Xor, IsTheTruthTable) {
    auto task = build("xor");
    EXPECT_EQ(task->input_dim(), 2);
    EXPECT_EQ(task->num_classes(), 2);
    EXPECT_EQ(task->class_names(), (std::vector<std::string>{"0", "1"}));
    expect_all_patterns(task->train_set(), 2);
    expect_all_patterns(task->eval_set(), 2);
    for (const Sample& s : task->train_set()) {
        const bool a = s.x[0] == 1.f, b = s.x[1] == 1.f;
        EXPECT_EQ(s.label, a != b ? 1 : 0);
    }
}

TEST(Parity4, HasAllSixteenPatternsLabelledByParity) {
    auto task = build("parity4");
    EXPECT_EQ(task->input_dim(), 4);
    EXPECT_EQ(task->num_classes(), 2);
    EXPECT_EQ(task->class_names(), (std::vector<std::string>{"even", "odd"}));
    expect_all_patterns(task->train_set(), 4);
    expect_all_patterns(task->eval_set(), 4);
    int odd = 0;
    for (const Sample& s : task->train_set()) odd += s.label;
    EXPECT_EQ(odd, 8);
}

void expect_uniform_draws(const char* name, int patterns) {
    auto task = build(name);
    Rng rng(9);
    Vec x(task->input_dim());
    std::vector<int> counts(static_cast<std::size_t>(patterns), 0);
    const int per_pattern = 1000;
    for (int i = 0; i < per_pattern * patterns; ++i) {
        const int label = task->draw(rng, x);
        int ones = 0;
        for (int j = 0; j < x.size(); ++j) ones += x[j] == 1.f;
        EXPECT_EQ(label, ones % 2);
        ++counts[static_cast<std::size_t>(pattern_bits(x))];
    }
    for (int c : counts) EXPECT_NEAR(c, per_pattern, 160) << name; // about 5 standard deviations
}

TEST(Xor, DrawsEachPatternUniformly) {
    expect_uniform_draws("xor", 4);
}
TEST(Parity4, DrawsEachPatternUniformly) {
    expect_uniform_draws("parity4", 16);
}

} // namespace
} // namespace phasor
