// The decision map agrees with the settled network's own predictions, covers the data, and is absent for
// tasks that are not 2-D.
#include "support/allocation_counter.hpp"
#include "support/stepnet_support.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

std::unique_ptr<StepNet> trained(const char* preset, int ticks) {
    auto net = std::make_unique<StepNet>(stepnet_config(testing::shipped(preset)));
    for (int t = 0; t < ticks; ++t) net->tick();
    return net;
}

TEST(DecisionMap, MatchesPredictAtEveryCellCentreAndCoversThePoints) {
    const auto owned = trained("xor", 3000);
    StepNet& net = *owned;
    testing::Picture snap(net);
    snap.fill(net);
    const DecisionMap& m = snap.view().decision;
    ASSERT_EQ(m.resolution, StepNet::kDecisionResolution);
    const int n = m.resolution;
    ASSERT_EQ(m.predicted.size(), static_cast<std::size_t>(n * n));
    ASSERT_EQ(m.points_label.size(), net.task().train_set().size());
    for (std::size_t i = 0; i < m.points_x.size(); ++i) {
        EXPECT_GT(m.points_x[i], m.x0);
        EXPECT_LT(m.points_x[i], m.x1);
        EXPECT_GT(m.points_y[i], m.y0);
        EXPECT_LT(m.points_y[i], m.y1);
    }
    Vec x(2);
    for (int row = 0; row < n; row += 7)
        for (int col = 0; col < n; col += 5) {
            // Row 0 is the top of the plane.
            x[0] = m.x0 + (static_cast<float>(col) + 0.5f) * (m.x1 - m.x0) / static_cast<float>(n);
            x[1] = m.y1 - (static_cast<float>(row) + 0.5f) * (m.y1 - m.y0) / static_cast<float>(n);
            const auto cell = static_cast<std::size_t>(row * n + col);
            EXPECT_EQ(static_cast<int>(m.predicted[cell]), net.predict(x)) << row << "," << col;
            EXPECT_GE(m.confidence[cell], 0.5f); // two classes: the winner has at least half
            EXPECT_LE(m.confidence[cell], 1.f);
        }
}

TEST(DecisionMap, ClassifiesTheTrainingPointsOnceLearnt) {
    const auto owned = trained("xor", 20000);
    StepNet& net = *owned;
    testing::Picture snap(net);
    snap.fill(net);
    ASSERT_FLOAT_EQ(snap.snapshot.eval.accuracy, 1.f);
    const DecisionMap& m = snap.view().decision;
    const int n = m.resolution;
    for (std::size_t i = 0; i < m.points_x.size(); ++i) {
        const int col = static_cast<int>((m.points_x[i] - m.x0) / (m.x1 - m.x0) * static_cast<float>(n));
        const int row = static_cast<int>((m.y1 - m.points_y[i]) / (m.y1 - m.y0) * static_cast<float>(n));
        EXPECT_EQ(static_cast<int>(m.predicted[static_cast<std::size_t>(row * n + col)]), m.points_label[i]);
    }
}

TEST(DecisionMap, AbsentForTasksThatAreNotTwoDimensional) {
    const auto owned = trained("lowhighmix", 10);
    StepNet& net = *owned;
    testing::Picture snap(net);
    snap.fill(net);
    EXPECT_EQ(snap.view().decision.resolution, 0);
    EXPECT_TRUE(snap.view().decision.predicted.empty());
}

// What the map should be for the current weights, computed afresh.
DecisionMap current_map(StepNet& net) {
    DecisionMap map;
    net.fill_decision_map(map);
    return map;
}

TEST(DecisionMap, SingleStepsShowTheCurrentWeightsEveryTime) {
    const auto owned = trained("xor", 500);
    StepNet& net = *owned;
    testing::Picture snap(net);
    for (int step = 0; step < 6; ++step) {
        net.tick();
        snap.fill(net);
        EXPECT_EQ(snap.view().decision.confidence, current_map(net).confidence) << "step " << step;
    }
}

TEST(DecisionMap, AtSpeedEveryFourthPublishRecomputesAndTheOthersCopyTheLatest) {
    const auto owned = trained("xor", 500);
    StepNet& net = *owned;
    testing::Picture snap(net);
    std::vector<float> computed;
    for (int publish = 0; publish < 9; ++publish) {
        for (int t = 0; t < 2000; ++t) net.tick(); // far apart: a run at full speed
        snap.fill(net);
        const bool due = publish % StepNet::kDecisionEvery == 0;
        if (due) computed = current_map(net).confidence;
        EXPECT_EQ(snap.view().decision.confidence, computed) << "publish " << publish;
        if (!due) {
            EXPECT_NE(snap.view().decision.confidence, current_map(net).confidence) << "publish " << publish;
        }
    }
}

#ifdef PHASOR_COUNT_MALLOC
TEST(DecisionMap, RefillingAllocatesNothing) {
    const auto owned = trained("xor", 100);
    StepNet& net = *owned;
    DecisionMap map;
    net.fill_decision_map(map);
    const long allocations = testing::count_mallocs([&] { net.fill_decision_map(map); });
    EXPECT_EQ(allocations, 0);
}
#endif

} // namespace
} // namespace phasor
