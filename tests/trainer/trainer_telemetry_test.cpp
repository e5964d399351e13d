// Trainer telemetry and faults: series order and channels, snapshot sequence, divergence and failure restore
// the checkpoint and pause with a message, and the run carries on after Resume.
#include "trainer_support.hpp"

#include <algorithm>

#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace phasor {
namespace {

using namespace std::chrono_literals;
using testing::eventually;
using testing::fake_log;
using testing::fake_params;
using testing::fake_view;
using testing::TrainerTest;

using TrainerTelemetry = TrainerTest;

TEST_F(TrainerTelemetry, SeriesSamplesArriveInTickOrderWithEveryChannel) {
    Trainer trainer(fake_params({{"fake.series_every", std::int64_t{10}}, {"fake.rate", 0.75f}}));
    trainer.start();
    std::vector<SeriesSample> samples;
    // Drained while running, as the UI does, so the ring never fills.
    ASSERT_TRUE(eventually([&] {
        trainer.drain_series(samples);
        return samples.size() >= 2000;
    }));
    trainer.post(Pause{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    trainer.drain_series(samples);
    ASSERT_FALSE(samples.empty());
    const bool none_dropped = trainer.series_dropped() == 0;
    const std::size_t rate_channel =
        testing::fake_family().channels.size(); // the runtime's, after the family's
    for (std::size_t i = 0; i < samples.size(); ++i) {
        EXPECT_EQ(samples[i].tick % 10, 0u);
        EXPECT_EQ(samples[i].values[0], 0.75f); // the family's first channel: the rate
        EXPECT_EQ(samples[i].run, trainer.run().id());
        EXPECT_GE(samples[i].values[rate_channel], 0.f);
        if (i == 0) continue;
        EXPECT_GT(samples[i].tick, samples[i - 1].tick);
        if (none_dropped) {
            EXPECT_EQ(samples[i].tick, samples[i - 1].tick + 10);
        }
    }
    EXPECT_EQ(samples.front().tick, 10u);
    EXPECT_GE(samples.back().tick, 20000u);
    EXPECT_TRUE(std::any_of(samples.begin(), samples.end(), [&](const SeriesSample& s) {
        return s.values[rate_channel] > 0.f;
    })) << "the measured speed is never filled in";
}

TEST_F(TrainerTelemetry, FullSeriesRingDropsInsteadOfBlocking) {
    Trainer trainer(fake_params({{"fake.series_every", std::int64_t{1}}}));
    trainer.start();
    // Nobody drains: the engine must keep ticking and count the samples it could not keep.
    ASSERT_TRUE(eventually([&] { return trainer.tick() > 3 * Trainer::kSeriesCapacity; }));
    trainer.post(Pause{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    EXPECT_GT(trainer.series_dropped(), 0u);
    std::vector<SeriesSample> samples;
    EXPECT_EQ(trainer.drain_series(samples), Trainer::kSeriesCapacity);
    EXPECT_EQ(samples.front().tick, 1u);
}

TEST_F(TrainerTelemetry, SnapshotSequenceIncreases) {
    Trainer trainer(fake_params());
    trainer.start();
    std::uint64_t last_sequence = 0, last_tick = 0;
    int refreshes = 0;
    ASSERT_TRUE(eventually([&] {
        if (trainer.refresh_snapshot()) {
            const Snapshot& s = trainer.snapshot();
            EXPECT_GT(s.sequence, last_sequence);
            EXPECT_GE(s.tick, last_tick);
            EXPECT_EQ(fake_view(s).ticks, s.tick); // header and payload are of the same moment
            last_sequence = s.sequence;
            last_tick = s.tick;
            ++refreshes;
        }
        return refreshes >= 5;
    }));
    EXPECT_EQ(trainer.snapshot().state, RunState::Running);
}

TEST_F(TrainerTelemetry, NonFiniteLossDivergesRestoresAndPauses) {
    Trainer trainer(fake_params({{"fake.nan_at", std::int64_t{1234}}}));
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Diverged; }));
    EXPECT_EQ(fake_log().restores(), 1);
    EXPECT_EQ(trainer.tick(), 1234u); // no tick after the divergent one

    EngineMessage message;
    ASSERT_TRUE(trainer.poll_message(message));
    EXPECT_TRUE(
        message.text.starts_with("diverged at tick 1234 (loss is not finite); restored the state of tick "))
        << message.text;
    EXPECT_TRUE(message.text.ends_with("; paused")) << message.text;
    EXPECT_EQ(message.tick, 1234u);
    ASSERT_TRUE(
        testing::snapshot_where(trainer, [](const Snapshot& s) { return s.state == RunState::Diverged; }));
    EXPECT_EQ(trainer.snapshot().message, message.text);
    EXPECT_TRUE(std::isfinite(fake_view(trainer.snapshot()).weight));

    trainer.post(Pause{}); // a diverged run stays marked as such
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    EXPECT_EQ(trainer.state(), RunState::Diverged);

    trainer.post(Resume{}); // carries on from the restored state
    ASSERT_TRUE(trainer.wait_for_commands(2, 20s));
    EXPECT_TRUE(eventually([&] { return trainer.tick() > 2000; }));
    EXPECT_EQ(trainer.state(), RunState::Running);
    EXPECT_EQ(fake_log().restores(), 1);
}

TEST_F(TrainerTelemetry, NonFiniteStateIsCaughtAtPublish) {
    Trainer trainer(fake_params({{"fake.nan_state_from", std::int64_t{5}}}), testing::paused());
    trainer.start();
    trainer.post(SingleStep{10}); // no checkpoint is due: the publish after the last step sees the state
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Diverged; }));
    EXPECT_EQ(fake_log().restores(), 1);
    EngineMessage message;
    ASSERT_TRUE(trainer.poll_message(message));
    EXPECT_NE(message.text.find("diverged at tick 10 (state is not finite); restored the state of tick 0"),
              std::string::npos)
        << message.text;
    ASSERT_TRUE(
        testing::snapshot_where(trainer, [](const Snapshot& s) { return s.state == RunState::Diverged; }));
    EXPECT_TRUE(std::isfinite(fake_view(trainer.snapshot()).weight));
}

TEST_F(TrainerTelemetry, AThrowingModelFailsRestoresAndPausesAndResumeCarriesOn) {
    Trainer trainer(fake_params({{"fake.throw_at", std::int64_t{300}}}));
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Failed; }));
    EXPECT_EQ(fake_log().restores(), 1);
    EXPECT_EQ(trainer.tick(), 300u);
    EngineMessage message;
    ASSERT_TRUE(trainer.poll_message(message));
    EXPECT_TRUE(
        message.text.starts_with("failed at tick 300 (the fake model threw at tick 300); restored the "
                                 "state of tick 0; paused"))
        << message.text;
    ASSERT_TRUE(
        testing::snapshot_where(trainer, [](const Snapshot& s) { return s.state == RunState::Failed; }));
    EXPECT_EQ(trainer.snapshot().message, message.text);

    trainer.post(Resume{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    EXPECT_TRUE(eventually([&] { return trainer.tick() > 1000; }));
    EXPECT_EQ(trainer.state(), RunState::Running);
}

TEST_F(TrainerTelemetry, ALiveChangeThatDivergesGoesBackToJustBeforeIt) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.start();
    trainer.post(SingleStep{250});
    ASSERT_TRUE(eventually([&] { return trainer.tick() >= 250; }));
    trainer.post(SetParam{"fake.nan_state_from", std::int64_t{260}});
    trainer.post(SingleStep{20});
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Diverged; }));
    EngineMessage message;
    ASSERT_TRUE(trainer.poll_message(message));
    // The state when the change was made became the checkpoint.
    EXPECT_NE(message.text.find("restored the state of tick 250"), std::string::npos) << message.text;
}

TEST_F(TrainerTelemetry, ResetAfterDivergenceClearsTheMessageAndPauses) {
    Trainer trainer(fake_params({{"fake.nan_at", std::int64_t{50}}}));
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Diverged; }));
    trainer.post(Reset{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    EXPECT_EQ(trainer.state(), RunState::Paused);
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_TRUE(trainer.snapshot().message.empty());
    EXPECT_EQ(trainer.snapshot().tick, 0u);
    EXPECT_EQ(trainer.snapshot().state, RunState::Paused);
}

} // namespace
} // namespace phasor
