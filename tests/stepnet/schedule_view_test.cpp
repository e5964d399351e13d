// The payload's view of the learning-rate schedule: the rate in use and the rate set, and for a decaying
// schedule how far the floor is and where the rate will be 1,000 updates on.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

TEST(ScheduleView, ExponentialShowsTheRatesAndTheUpdatesLeftToTheFloor) {
    phasor::Run run(testing::shipped("lowhighmix"));
    testing::NullSeries series;
    run.advance(1002, series); // 1,000 scored ticks: 1,000 updates
    Snapshot snapshot;
    run.fill(snapshot);
    const ScheduleView& s = snapshot.payload_as<StepNetView>()->schedule;
    LearningRateSchedule expected(
        {.kind = ScheduleKind::Exponential, .lr = 0.02f, .decay = 0.9995f, .floor = 0.001f});
    std::int64_t total = 0;
    for (LearningRateSchedule count = expected; count.lr() > 0.001f; count.advance()) ++total;
    for (int i = 0; i < 1000; ++i) expected.advance();
    EXPECT_EQ(s.kind, "exponential");
    EXPECT_EQ(s.updates, 1000u);
    EXPECT_EQ(s.lr, expected.lr());
    EXPECT_EQ(s.lr_set, 0.02f);
    EXPECT_EQ(s.floor, 0.001f);
    EXPECT_EQ(s.updates_to_floor, total - 1000);
    EXPECT_EQ(s.lr_after_1000, expected.lr_after(1000));
    EXPECT_LT(s.lr_after_1000, s.lr);

    // A rate set live is the rate set, and the count to the floor starts from it.
    ASSERT_FALSE(run.set_text("train.lr", "0.004"));
    run.advance(10, series);
    run.fill(snapshot);
    const ScheduleView& after = snapshot.payload_as<StepNetView>()->schedule;
    EXPECT_EQ(after.lr_set, 0.004f);
    EXPECT_LT(after.lr, 0.004f);
    std::int64_t left = 0;
    for (LearningRateSchedule count(
             {.kind = ScheduleKind::Exponential, .lr = after.lr, .decay = 0.9995f, .floor = 0.001f});
         count.lr() > 0.001f; count.advance())
        ++left;
    EXPECT_EQ(after.updates_to_floor, left);
}

TEST(ScheduleView, StepAndConstant) {
    phasor::Run run(testing::stepnet_params({{"train.schedule", "\"step\""},
                                             {"train.step_every", "100"},
                                             {"train.gamma", "0.5"},
                                             {"train.lr", "0.016"},
                                             {"train.floor", "0.001"}}));
    testing::NullSeries series;
    run.advance(152, series); // 150 updates: one step done, at update 100
    Snapshot snapshot;
    run.fill(snapshot);
    const ScheduleView* s = &snapshot.payload_as<StepNetView>()->schedule;
    EXPECT_EQ(s->kind, "step");
    EXPECT_EQ(s->lr, 0.008f);
    EXPECT_EQ(s->updates_to_floor, 250); // 0.004 at 200, 0.002 at 300, 0.001 at 400
    EXPECT_EQ(s->lr_after_1000, 0.001f);

    ASSERT_FALSE(run.set_text("train.schedule", "\"constant\""));
    run.fill(snapshot);
    s = &snapshot.payload_as<StepNetView>()->schedule;
    EXPECT_EQ(s->kind, "constant");
    EXPECT_EQ(s->updates_to_floor, -1);
    EXPECT_EQ(s->lr_after_1000, s->lr);
}

} // namespace
} // namespace phasor
