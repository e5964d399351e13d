// The target delay queue on its own, and the alignment it gives (or, at a wrong depth, breaks) in the
// network.
#include "engine/stepnet/delay_queue.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

TEST(DelayQueue, ScoresEachTargetExactlyDepthTicksLater) {
    for (int depth : {0, 1, 2, 7}) {
        DelayQueue q(depth, 16);
        QueuedTarget out;
        for (std::uint64_t t = 0; t < 40; ++t) {
            const bool scored = q.push({static_cast<int>(t % 3), t}, out);
            EXPECT_EQ(scored, t >= static_cast<std::uint64_t>(depth));
            if (scored) {
                EXPECT_EQ(out.from_tick, t - static_cast<std::uint64_t>(depth));
                EXPECT_EQ(out.label, static_cast<int>(out.from_tick % 3));
            }
            EXPECT_EQ(q.size(), std::min<int>(depth, static_cast<int>(t) + 1));
        }
    }
}

TEST(DelayQueue, ShrinkingDropsTheOldestAndGrowingWaits) {
    DelayQueue q(4, 16);
    QueuedTarget out;
    for (std::uint64_t t = 0; t < 10; ++t) q.push({0, t}, out);
    ASSERT_EQ(q.size(), 4);
    EXPECT_EQ(q.at(0).from_tick, 6u);
    q.set_depth(2);
    EXPECT_EQ(q.size(), 2);
    EXPECT_EQ(q.at(0).from_tick, 8u);
    ASSERT_TRUE(q.push({0, 10}, out));
    EXPECT_EQ(out.from_tick, 8u);
    q.set_depth(5);
    int silent = 0;
    for (std::uint64_t t = 11; t < 20; ++t)
        if (!q.push({0, t}, out))
            ++silent;
        else
            EXPECT_EQ(out.from_tick, t - 5);
    EXPECT_EQ(silent, 3); // the queue refills from 2 to 5 before it scores again
}

TEST(DelayQueue, NetworkIsAlignedOnlyAtThePipelineLag) {
    auto cfg = testing::frozen_config({4, 8, 8, 3}, {Activation::Tanh, Activation::Tanh, Activation::Softmax},
                                      BackwardMode::Aligned, 20);
    StepNet net(cfg);
    EXPECT_EQ(net.queue().depth(), 2);
    testing::Picture snap(net);
    for (int t = 0; t < 10; ++t) net.tick();
    snap.fill(net);
    EXPECT_TRUE(snap.view().aligned);
    EXPECT_EQ(snap.view().delay_depth, 2);
    EXPECT_EQ(snap.view().pipeline_lag, 2);
    EXPECT_EQ(snap.view().scored_from_tick, 9u - 2u);
    ASSERT_EQ(snap.view().queue.size(), 2u);
    EXPECT_EQ(snap.view().queue[0].from_tick, 8u);
    EXPECT_EQ(snap.view().queue[1].from_tick, 9u);

    ASSERT_FALSE(net.set(testing::stepnet_row("train.delay_depth"), std::int64_t{5}));
    for (int t = 0; t < 10; ++t) net.tick();
    snap.fill(net);
    EXPECT_FALSE(snap.view().aligned);
    EXPECT_EQ(snap.view().scored_from_tick, 19u - 5u);
    EXPECT_EQ(snap.view().queue.size(), 5u);

    // "auto" goes back to the pipeline lag, and alignment with it.
    ASSERT_FALSE(net.set(testing::stepnet_row("train.delay_depth"), std::monostate{}));
    EXPECT_EQ(net.queue().depth(), 2);
    for (int t = 0; t < 10; ++t) net.tick();
    snap.fill(net);
    EXPECT_TRUE(snap.view().aligned);
}

// `filling`: the queue held fewer targets than the depth, so the last tick scored nothing and `aligned` is
// false for a reason the UI should not warn about. After a build, a deeper delay set live, a restore, a
// reset.
TEST(DelayQueue, FillingWhileTheQueueRefills) {
    phasor::Run run(testing::shipped("lowhighmix"));
    testing::NullSeries series;
    Snapshot snapshot;
    auto view = [&]() -> const StepNetView& {
        run.fill(snapshot);
        return *snapshot.payload_as<StepNetView>();
    };
    EXPECT_TRUE(view().filling) << "built, nothing queued yet";
    for (int t = 0; t < 2; ++t) { // depth 2: the first two targets wait
        run.advance(1, series);
        EXPECT_TRUE(view().filling) << t;
        EXPECT_FALSE(view().aligned);
    }
    run.advance(1, series);
    EXPECT_FALSE(view().filling);
    EXPECT_TRUE(view().aligned);

    ASSERT_FALSE(run.set_text("train.delay_depth", "4")); // two more targets to wait for
    for (int t = 0; t < 2; ++t) {
        run.advance(1, series);
        EXPECT_TRUE(view().filling) << t;
        EXPECT_FALSE(view().aligned);
    }
    run.advance(1, series);
    EXPECT_FALSE(view().filling);
    EXPECT_FALSE(view().aligned) << "scoring again, and really not aligned: depth 4, lag 2";

    ASSERT_FALSE(run.set_text("train.delay_depth", "0")); // nothing waits: never filling
    run.advance(1, series);
    EXPECT_FALSE(view().filling);

    ASSERT_FALSE(run.set_text("train.delay_depth", "auto"));
    run.advance(5, series);
    ASSERT_TRUE(view().aligned);
    testing::stepnet(run).restore(); // a divergence empties the queue
    EXPECT_TRUE(view().filling);
    run.advance(5, series);
    ASSERT_FALSE(view().filling);
    ASSERT_FALSE(run.reset());
    EXPECT_TRUE(view().filling);
}

TEST(DelayQueue, DepthsOutsideTheQueueAreRefusedByTheTable) {
    const ParamSpec& row = testing::stepnet_row("train.delay_depth");
    EXPECT_EQ(check_value(row, std::int64_t{-1}), "must be in [0, 1024], got -1");
    EXPECT_EQ(check_value(row, std::int64_t{kMaxDelayDepth + 1}), "must be in [0, 1024], got 1025");
    EXPECT_FALSE(check_value(row, std::int64_t{kMaxDelayDepth}));
    phasor::Run run(testing::stepnet_params());
    const auto refused = run.set("train.delay_depth", std::int64_t{-1});
    ASSERT_TRUE(refused);
    EXPECT_EQ(*refused, "train.delay_depth: must be in [0, 1024], got -1");
    EXPECT_EQ(testing::stepnet(run).queue().depth(), 2);
}

// The lesson a wrong depth teaches: with samples switching every tick, scoring the wrong target stops
// learning.
TEST(DelayQueue, AWrongDepthVisiblyMisalignsLearning) {
    StepNetConfig cfg;
    cfg.task = {.name = "xor", .hold_ticks = 1};
    cfg.layers = {2, 8, 8, 2};
    cfg.activations = {Activation::Tanh, Activation::Tanh, Activation::Softmax};
    cfg.schedule = {.kind = ScheduleKind::Constant, .lr = 0.05f};
    StepNet right(cfg);
    cfg.delay_depth = 0;
    StepNet wrong(cfg);
    for (int t = 0; t < 30000; ++t) {
        right.tick();
        wrong.tick();
    }
    EXPECT_EQ(right.evaluate().accuracy, 1.f);
    EXPECT_LT(wrong.evaluate().accuracy, 1.f);
    EXPECT_LT(wrong.rolling_accuracy(), 0.8f);
}

} // namespace
} // namespace phasor
