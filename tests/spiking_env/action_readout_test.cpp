// The action readout: probabilities from hand-made spike counts by each rule, exactly; the window keeps C
// cycles and a live change of C keeps what fits; draws follow the probabilities; recording allocates nothing.
#include "engine/spiking/action_readout.hpp"
#include "support/allocation_counter.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace phasor {
namespace {

// Three actions of two neurons each, output neurons from global index 10.
ReadoutConfig three_actions(int window) {
    return ReadoutConfig{.actions = 3, .neurons_per_action = 2, .window = window, .floor = 0.1f};
}

void record(ActionReadout& r, std::vector<std::uint32_t> spiked) {
    r.record(spiked, 10);
}

TEST(ActionReadout, CountsEachActionsSpikesInTheWindowAndTurnsThemIntoProportionalProbabilities) {
    ActionReadout r(three_actions(4), 1);
    record(r, {10, 11, 12, 3, 99}); // 3 and 99 are not output neurons
    record(r, {13, 13});
    record(r, {});
    record(r, {11});
    const auto s = r.evidence();
    EXPECT_EQ(s[0], 3.f);
    EXPECT_EQ(s[1], 3.f);
    EXPECT_EQ(s[2], 0.f);
    const auto p = r.probabilities();
    EXPECT_FLOAT_EQ(p[0], 0.9f * 3 / 6 + 0.1f / 3);
    EXPECT_FLOAT_EQ(p[1], 0.9f * 3 / 6 + 0.1f / 3);
    EXPECT_FLOAT_EQ(p[2], 0.1f / 3);
    // A fifth cycle pushes the first out of the window of four.
    record(r, {14});
    EXPECT_EQ(r.evidence()[0], 1.f);
    EXPECT_EQ(r.evidence()[1], 2.f);
    EXPECT_EQ(r.evidence()[2], 1.f);
}

TEST(ActionReadout, WithoutSpikesEveryActionIsEquallyLikely) {
    ActionReadout r(three_actions(3), 1);
    record(r, {});
    for (float p : r.probabilities()) EXPECT_FLOAT_EQ(p, 1.f / 3);
}

TEST(ActionReadout, RecencyWeighsASpikeByItsAgeAndSoftmaxUsesTheTemperature) {
    ReadoutConfig c = three_actions(5);
    c.recency = 2.f;
    c.rule = ReadoutRule::softmax;
    c.temperature = 0.5f;
    ActionReadout r(c, 1);
    record(r, {10});     // age 2 when read
    record(r, {12, 13}); // age 1
    record(r, {15});     // age 0
    const auto s = r.evidence();
    const float a0 = std::exp(-1.f), a1 = 2 * std::exp(-0.5f), a2 = 1.f;
    EXPECT_FLOAT_EQ(s[0], a0);
    EXPECT_FLOAT_EQ(s[1], a1);
    EXPECT_FLOAT_EQ(s[2], a2);
    const auto p = r.probabilities();
    const float z = std::exp(a0 / 0.5f) + std::exp(a1 / 0.5f) + std::exp(a2 / 0.5f);
    EXPECT_NEAR(p[0], std::exp(a0 / 0.5f) / z, 1e-6);
    EXPECT_NEAR(p[1], std::exp(a1 / 0.5f) / z, 1e-6);
    EXPECT_NEAR(p[2], std::exp(a2 / 0.5f) / z, 1e-6);
}

TEST(ActionReadout, ChangingTheWindowKeepsTheNewestCyclesThatFit) {
    ActionReadout r(three_actions(4), 1);
    record(r, {10});
    record(r, {12});
    record(r, {14});
    r.set_window(2); // the two newest stay
    EXPECT_EQ(r.filled(), 2);
    EXPECT_EQ(r.evidence()[0], 0.f);
    EXPECT_EQ(r.evidence()[1], 1.f);
    EXPECT_EQ(r.evidence()[2], 1.f);
    r.set_window(5); // nothing older was kept, and new cycles now accumulate up to five
    EXPECT_EQ(r.evidence()[1] + r.evidence()[2], 2.f);
    for (int k = 0; k < 3; ++k) record(r, {10});
    EXPECT_EQ(r.evidence()[0], 3.f);
    EXPECT_EQ(r.evidence()[1], 1.f);
    record(r, {});
    EXPECT_EQ(r.evidence()[1], 0.f) << "the cycle with action 1's spike has left the window of five";
    EXPECT_EQ(r.evidence()[2], 1.f);
}

TEST(ActionReadout, DrawsFollowTheProbabilitiesAndGreedyTakesTheLargest) {
    ActionReadout r(three_actions(2), 7);
    record(r, {10, 10, 10, 12});
    std::array<int, 3> n{};
    const int draws = 40000;
    for (int k = 0; k < draws; ++k) ++n[r.choose()];
    const auto p = r.last_probabilities();
    for (int a = 0; a < 3; ++a) EXPECT_NEAR(n[a] / double(draws), p[a], 0.01) << a;
    ReadoutConfig g = three_actions(2);
    g.greedy = true;
    ActionReadout greedy(g, 7);
    greedy.record(std::vector<std::uint32_t>{12, 13, 10}, 10);
    for (int k = 0; k < 20; ++k) EXPECT_EQ(greedy.choose(), 1);
}

TEST(ActionReadout, TheSameSeedDrawsTheSameActions) {
    ActionReadout a(three_actions(2), 3), b(three_actions(2), 3);
    record(a, {10, 12, 14});
    record(b, {10, 12, 14});
    for (int k = 0; k < 100; ++k) EXPECT_EQ(a.choose(), b.choose());
}

#ifdef PHASOR_COUNT_MALLOC
TEST(ActionReadout, RecordingAndChoosingAllocateNothing) {
    ActionReadout r(three_actions(50), 1);
    const std::vector<std::uint32_t> spiked{10, 12, 15};
    const long allocations = testing::count_mallocs([&] {
        for (int k = 0; k < 500; ++k) {
            r.record(spiked, 10);
            if (k % 50 == 0) r.choose();
        }
    });
    EXPECT_EQ(allocations, 0);
}
#endif

} // namespace
} // namespace phasor
