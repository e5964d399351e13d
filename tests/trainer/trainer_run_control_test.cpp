// Trainer run control: pause, resume, single steps, pacing, reset, structural changes and loading a preset.
#include "trainer_support.hpp"

#include <algorithm>

#include <memory>
#include <thread>

namespace phasor {
namespace {

using namespace std::chrono_literals;
using testing::eventually;
using testing::fake_log;
using testing::fake_params;
using testing::fake_view;
using testing::TrainerTest;

using TrainerRunControl = TrainerTest;

TEST_F(TrainerRunControl, StartPausedThenSingleStepAdvancesExactly) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.start();
    EXPECT_EQ(trainer.state(), RunState::Paused);
    trainer.post(SingleStep{5});
    ASSERT_TRUE(eventually([&] { return trainer.tick() >= 5; }));
    // The snapshot published when the steps are done shows the end state.
    ASSERT_TRUE(testing::snapshot_where(trainer, [](const Snapshot& s) { return s.tick == 5; }));
    EXPECT_EQ(trainer.snapshot().state, RunState::Paused);
    EXPECT_EQ(fake_view(trainer.snapshot()).ticks, 5u);
    std::this_thread::sleep_for(50ms); // give a wrongly running engine the chance to overshoot
    EXPECT_EQ(trainer.tick(), 5u);
    EXPECT_EQ(trainer.state(), RunState::Paused);

    trainer.post(SingleStep{1});
    trainer.post(SingleStep{2}); // steps add up
    ASSERT_TRUE(eventually([&] { return trainer.tick() >= 8; }));
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(trainer.tick(), 8u);
}

TEST_F(TrainerRunControl, PauseStopsTickingAndResumeContinues) {
    Trainer trainer(fake_params());
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.tick() > 1000; }));
    trainer.post(Pause{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    EXPECT_EQ(trainer.state(), RunState::Paused);
    const std::uint64_t paused_at = trainer.tick();
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(trainer.tick(), paused_at);
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_EQ(trainer.snapshot().tick, paused_at);
    EXPECT_EQ(trainer.snapshot().state, RunState::Paused);
    EXPECT_EQ(trainer.snapshot().ticks_per_second, 0.f);

    trainer.post(Resume{});
    ASSERT_TRUE(trainer.wait_for_commands(2, 20s));
    EXPECT_EQ(trainer.state(), RunState::Running);
    EXPECT_TRUE(eventually([&] { return trainer.tick() > paused_at + 1000; }));
}

// At full speed the trainer sizes its batches of ticks to the model's batch_time: a model that asks for 40 ms
// releases (a threaded one) gets batches of hundreds of its 0.2 ms ticks, one with the default 1 ms a few.
TEST_F(TrainerRunControl, FullSpeedBatchesLastAboutTheModelsBatchTime) {
    auto largest = [&](std::int64_t batch_ms) {
        Trainer trainer(fake_params({{"fake.tick_us", std::int64_t{200}}, {"fake.batch_ms", batch_ms}}));
        trainer.start();
        EXPECT_TRUE(eventually([&] { return trainer.tick() > 2000; }));
        trainer.post(Pause{});
        EXPECT_TRUE(trainer.wait_for_commands(1, 20s));
        EXPECT_TRUE(trainer.refresh_snapshot());
        return fake_view(trainer.snapshot()).largest_batch;
    };
    EXPECT_LE(largest(0), 16u) << "1 ms is five ticks; the batch doubles past it once at most";
    EXPECT_GE(largest(40), 64u) << "40 ms is 200 ticks";
}

TEST_F(TrainerRunControl, SlowMotionStillAppliesCommands) {
    TrainerOptions options;
    options.ticks_per_second = 1;
    Trainer trainer(fake_params(), options);
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.tick() >= 1; })); // the first tick is due at once
    trainer.post(Pause{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    const std::uint64_t paused_at = trainer.tick();
    trainer.post(SetSpeed{100000});
    trainer.post(Resume{});
    ASSERT_TRUE(trainer.wait_for_commands(3, 20s));
    EXPECT_TRUE(eventually([&] { return trainer.tick() > paused_at + 100; }));
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_EQ(trainer.snapshot().speed, 100000.0);
}

TEST_F(TrainerRunControl, PacedSingleSteps) {
    TrainerOptions options = testing::paused();
    options.ticks_per_second = 200;
    Trainer trainer(fake_params(), options);
    trainer.start();
    trainer.post(SingleStep{3});
    ASSERT_TRUE(eventually([&] { return trainer.tick() >= 3; }));
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(trainer.tick(), 3u);
}

TEST_F(TrainerRunControl, ResetRebuildsFromTheCurrentParametersLiveChangesIncluded) {
    Trainer trainer(fake_params());
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.tick() > 100; }));
    trainer.post(Pause{});
    trainer.post(SetParam{"fake.rate", 0.5f});
    trainer.post(Reset{});
    ASSERT_TRUE(trainer.wait_for_commands(3, 20s));
    EXPECT_EQ(fake_log().build_count(), 2u);
    EXPECT_EQ(trainer.tick(), 0u);
    EXPECT_EQ(trainer.state(), RunState::Paused);
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_EQ(trainer.snapshot().tick, 0u);
    EXPECT_EQ(fake_view(trainer.snapshot()).rate, 0.5f); // built with the live change

    trainer.post(SetParam{"seed", std::int64_t{42}}); // a new seed is a structural change: a new run
    ASSERT_TRUE(trainer.wait_for_commands(4, 20s));
    trainer.post(Reset{}); // keeps the seed
    ASSERT_TRUE(trainer.wait_for_commands(5, 20s));
    trainer.stop();
    const auto builds = fake_log().builds();
    ASSERT_EQ(builds.size(), 4u);
    EXPECT_EQ(builds[1].params.real("fake.rate"), 0.5f);
    EXPECT_EQ(builds[2].params.integer("seed"), 42);
    EXPECT_EQ(builds[3].params.integer("seed"), 42);
    EXPECT_EQ(builds[3].params.real("fake.rate"), 0.5f);
    const auto checkpoints = fake_log().checkpoints();
    EXPECT_GE(std::count(checkpoints.begin(), checkpoints.end(), 0u), 4); // every build starts with one
}

TEST_F(TrainerRunControl, ResetWhileRunningKeepsRunning) {
    Trainer trainer(fake_params());
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.tick() > 100; }));
    trainer.post(Reset{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    EXPECT_EQ(fake_log().build_count(), 2u);
    EXPECT_EQ(trainer.state(), RunState::Running);
}

TEST_F(TrainerRunControl, StructuralChangeStartsANewRunFromTickZero) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.start();
    trainer.post(SingleStep{7});
    ASSERT_TRUE(testing::snapshot_where(trainer, [](const Snapshot& s) { return s.tick == 7; }));
    const std::uint64_t first_run = trainer.snapshot().run;
    const std::uint64_t first_model = fake_view(trainer.snapshot()).model;

    trainer.post(SetParam{"fake.width", std::int64_t{9}});
    ASSERT_TRUE(trainer.wait_for_commands(2, 20s));
    ASSERT_TRUE(trainer.refresh_snapshot());
    const Snapshot& s = trainer.snapshot();
    EXPECT_NE(s.run, first_run);
    EXPECT_EQ(s.tick, 0u);
    EXPECT_EQ(trainer.tick(), 0u);
    EXPECT_EQ(*s.param("fake.width"), ParamValue{std::int64_t{9}});
    EXPECT_NE(fake_view(s).model, first_model);
    EXPECT_EQ(fake_view(s).width, 9);
    EXPECT_EQ(s.state, RunState::Paused);
}

TEST_F(TrainerRunControl, AFailedRebuildKeepsTheOldRun) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.start();
    trainer.post(SingleStep{7});
    ASSERT_TRUE(eventually([&] { return trainer.tick() >= 7; }));
    trainer.post(SetParam{"fake.width", std::int64_t{500}});
    trainer.post(LoadPreset{nullptr, "nothing"});
    ASSERT_TRUE(trainer.wait_for_commands(3, 20s));
    EXPECT_EQ(trainer.tick(), 7u); // the old run is still there
    const auto texts = testing::drain_messages(trainer);
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_EQ(texts[0], "fake.width: at most 100 for the fake model, got 500");
    EXPECT_NE(texts[1].find("needs its parameters"), std::string::npos) << texts[1];
    EXPECT_EQ(fake_log().build_count(), 1u);
}

TEST_F(TrainerRunControl, LoadPresetStartsANewRunAndResetKeepsIt) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.start();
    trainer.post(SingleStep{7});
    ASSERT_TRUE(eventually([&] { return trainer.tick() >= 7; }));
    ASSERT_TRUE(trainer.refresh_snapshot());
    const std::uint64_t first_run = trainer.snapshot().run;

    auto other = std::make_shared<const ParamSet>(fake_params(
        {{"name", std::string("other")}, {"seed", std::int64_t{9}}, {"fake.width", std::int64_t{5}}}));
    trainer.post(LoadPreset{other, "other"});
    trainer.post(Reset{}); // resets to the loaded parameters
    ASSERT_TRUE(trainer.wait_for_commands(3, 20s));
    EXPECT_EQ(trainer.tick(), 0u);
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_NE(trainer.snapshot().run, first_run);
    EXPECT_EQ(*trainer.snapshot().param("name"), ParamValue{std::string("other")});
    const auto changes = testing::drain_changes(trainer);
    ASSERT_GE(changes.size(), 3u);
    const Change& load = changes[changes.size() - 2];
    EXPECT_EQ(load.key, "load");
    EXPECT_EQ(load.value, "\"other\"");
    EXPECT_EQ(load.tick, 7u);
    EXPECT_EQ(load.run, first_run);
    EXPECT_TRUE(load.rebuilds);
    EXPECT_EQ(changes.back().key, "reset");
    trainer.stop();
    const auto builds = fake_log().builds();
    ASSERT_EQ(builds.size(), 3u);
    EXPECT_EQ(builds[1].params, *other);
    EXPECT_EQ(builds[2].params, *other);
}

TEST_F(TrainerRunControl, StopIsIdempotentAndLeavesTheRunToTheCaller) {
    Trainer trainer(fake_params());
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.tick() > 100; }));
    trainer.stop();
    trainer.stop();
    const std::uint64_t at = trainer.run().ticks();
    std::this_thread::sleep_for(20ms);
    EXPECT_EQ(trainer.run().ticks(), at);
    trainer.post(Pause{}); // nothing left to apply it: returns rather than waits
}

} // namespace
} // namespace phasor
