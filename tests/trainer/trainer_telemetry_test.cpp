// Trainer telemetry and divergence: series order, snapshot sequence, and recovery from non-finite values.
#include "fake_model.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace phasor {
namespace {

using namespace std::chrono_literals;
using testing::eventually;
using testing::FakeLog;
using testing::FakeScript;

TEST(TrainerTelemetry, SeriesSamplesArriveInTickOrder) {
    auto log = std::make_shared<FakeLog>();
    FakeScript script;
    script.series_every = 10;
    Trainer trainer(StepNetConfig{}, testing::fake_options(log, script));
    trainer.start();
    std::vector<SeriesSample> samples;
    // Drained while running, as the UI does, so the ring never fills.
    ASSERT_TRUE(eventually([&] {
        trainer.drain_series(samples);
        return samples.size() >= 2000;
    }));
    trainer.post(Pause{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 10s));
    trainer.drain_series(samples);
    ASSERT_FALSE(samples.empty());
    const bool none_dropped = trainer.series_dropped() == 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        EXPECT_EQ(samples[i].tick % 10, 0u);
        if (i == 0) continue;
        EXPECT_GT(samples[i].tick, samples[i - 1].tick);
        if (none_dropped) {
            EXPECT_EQ(samples[i].tick, samples[i - 1].tick + 10);
        }
    }
    EXPECT_EQ(samples.front().tick, 10u);
    EXPECT_GE(samples.back().tick, 20000u);
}

TEST(TrainerTelemetry, FullSeriesRingDropsInsteadOfBlocking) {
    auto log = std::make_shared<FakeLog>();
    FakeScript script;
    script.series_every = 1;
    Trainer trainer(StepNetConfig{}, testing::fake_options(log, script));
    trainer.start();
    // Nobody drains: the engine must keep ticking and count the samples it could not keep.
    ASSERT_TRUE(eventually([&] { return trainer.tick() > 3 * Trainer::kSeriesCapacity; }));
    trainer.post(Pause{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 10s));
    EXPECT_GT(trainer.series_dropped(), 0u);
    std::vector<SeriesSample> samples;
    EXPECT_EQ(trainer.drain_series(samples), Trainer::kSeriesCapacity);
    EXPECT_EQ(samples.front().tick, 1u);
}

TEST(TrainerTelemetry, SnapshotSequenceIncreases) {
    auto log = std::make_shared<FakeLog>();
    Trainer trainer(StepNetConfig{}, testing::fake_options(log));
    trainer.start();
    std::uint64_t last_sequence = 0, last_tick = 0;
    int refreshes = 0;
    ASSERT_TRUE(eventually([&] {
        if (trainer.refresh_snapshot()) {
            const Snapshot& s = trainer.snapshot();
            EXPECT_GT(s.sequence, last_sequence);
            EXPECT_GE(s.tick, last_tick);
            last_sequence = s.sequence;
            last_tick = s.tick;
            ++refreshes;
        }
        return refreshes >= 5;
    }));
    EXPECT_EQ(trainer.snapshot().state, RunState::Running);
}

TEST(TrainerTelemetry, NonFiniteLossDivergesRestoresAndPauses) {
    auto log = std::make_shared<FakeLog>();
    FakeScript script;
    script.nan_loss_at = 1234;
    Trainer trainer(StepNetConfig{}, testing::fake_options(log, script));
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Diverged; }));
    EXPECT_EQ(log->restores.load(), 1);
    EXPECT_EQ(trainer.tick(), 1234u); // no tick after the divergent one

    EngineMessage message;
    ASSERT_TRUE(trainer.poll_message(message));
    EXPECT_NE(message.text.find("tick 1234"), std::string::npos) << message.text;
    EXPECT_NE(message.text.find("loss"), std::string::npos) << message.text;
    EXPECT_EQ(message.tick, 1234u);
    ASSERT_TRUE(eventually([&] {
        trainer.refresh_snapshot();
        return trainer.snapshot().state == RunState::Diverged;
    }));
    EXPECT_EQ(trainer.snapshot().message, message.text);

    trainer.post(Pause{}); // a diverged run stays marked as such
    ASSERT_TRUE(trainer.wait_for_commands(1, 10s));
    EXPECT_EQ(trainer.state(), RunState::Diverged);

    trainer.post(Resume{}); // carries on from the restored weights
    ASSERT_TRUE(trainer.wait_for_commands(2, 10s));
    EXPECT_TRUE(eventually([&] { return trainer.tick() > 2000; }));
    EXPECT_EQ(trainer.state(), RunState::Running);
}

TEST(TrainerTelemetry, NonFiniteWeightsAreCaughtAtPublish) {
    auto log = std::make_shared<FakeLog>();
    FakeScript script;
    script.nan_weights_from = 5;
    Trainer trainer(StepNetConfig{}, testing::fake_options(log, script, true));
    trainer.start();
    trainer.post(SingleStep{10}); // the publish after the last step sees the weights
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Diverged; }));
    EXPECT_EQ(log->restores.load(), 1);
    EngineMessage message;
    ASSERT_TRUE(trainer.poll_message(message));
    EXPECT_NE(message.text.find("weights are not finite"), std::string::npos) << message.text;
}

TEST(TrainerTelemetry, ResetAfterDivergenceClearsTheMessageAndPauses) {
    auto log = std::make_shared<FakeLog>();
    FakeScript script;
    script.nan_loss_at = 50;
    Trainer trainer(StepNetConfig{}, testing::fake_options(log, script));
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Diverged; }));
    trainer.post(Reset{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 10s));
    EXPECT_EQ(trainer.state(), RunState::Paused);
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_TRUE(trainer.snapshot().message.empty());
    EXPECT_EQ(trainer.snapshot().tick, 0u);
}

} // namespace
} // namespace phasor
