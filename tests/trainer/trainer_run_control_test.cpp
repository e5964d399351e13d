// Trainer run control: pause, resume, single steps, pacing, reset and rebuild.
#include "fake_model.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <thread>

namespace phasor {
namespace {

using namespace std::chrono_literals;
using testing::eventually;
using testing::FakeLog;

TEST(TrainerRunControl, StartPausedThenSingleStepAdvancesExactly) {
    auto log = std::make_shared<FakeLog>();
    Trainer trainer(StepNetConfig{}, testing::fake_options(log, {}, true));
    trainer.start();
    EXPECT_EQ(trainer.state(), RunState::Paused);
    trainer.post(SingleStep{5});
    ASSERT_TRUE(eventually([&] { return trainer.tick() >= 5; }));
    // The snapshot published when the steps are done shows the end state.
    ASSERT_TRUE(eventually([&] {
        trainer.refresh_snapshot();
        return trainer.snapshot().tick == 5;
    }));
    EXPECT_EQ(trainer.snapshot().state, RunState::Paused);
    std::this_thread::sleep_for(50ms); // give a wrongly running engine the chance to overshoot
    EXPECT_EQ(trainer.tick(), 5u);
    EXPECT_EQ(trainer.state(), RunState::Paused);

    trainer.post(SingleStep{1});
    trainer.post(SingleStep{2}); // steps add up
    ASSERT_TRUE(eventually([&] { return trainer.tick() >= 8; }));
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(trainer.tick(), 8u);
}

TEST(TrainerRunControl, PauseStopsTickingAndResumeContinues) {
    auto log = std::make_shared<FakeLog>();
    Trainer trainer(StepNetConfig{}, testing::fake_options(log));
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.tick() > 1000; }));
    trainer.post(Pause{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 10s));
    EXPECT_EQ(trainer.state(), RunState::Paused);
    const std::uint64_t paused_at = trainer.tick();
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(trainer.tick(), paused_at);
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_EQ(trainer.snapshot().tick, paused_at);
    EXPECT_EQ(trainer.snapshot().state, RunState::Paused);
    EXPECT_EQ(trainer.snapshot().ticks_per_second, 0.f);

    trainer.post(Resume{});
    ASSERT_TRUE(trainer.wait_for_commands(2, 10s));
    EXPECT_EQ(trainer.state(), RunState::Running);
    EXPECT_TRUE(eventually([&] { return trainer.tick() > paused_at + 1000; }));
}

TEST(TrainerRunControl, SlowMotionStillAppliesCommands) {
    auto log = std::make_shared<FakeLog>();
    TrainerOptions options = testing::fake_options(log);
    options.ticks_per_second = 1;
    Trainer trainer(StepNetConfig{}, options);
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.tick() >= 1; })); // the first tick is due at once
    trainer.post(Pause{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 10s));
    const std::uint64_t paused_at = trainer.tick();
    trainer.post(SetSpeed{100000});
    trainer.post(Resume{});
    ASSERT_TRUE(trainer.wait_for_commands(3, 10s));
    EXPECT_TRUE(eventually([&] { return trainer.tick() > paused_at + 100; }));
}

TEST(TrainerRunControl, PacedSingleSteps) {
    auto log = std::make_shared<FakeLog>();
    TrainerOptions options = testing::fake_options(log, {}, true);
    options.ticks_per_second = 200;
    Trainer trainer(StepNetConfig{}, options);
    trainer.start();
    trainer.post(SingleStep{3});
    ASSERT_TRUE(eventually([&] { return trainer.tick() >= 3; }));
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(trainer.tick(), 3u);
}

TEST(TrainerRunControl, ResetRebuildsWithTheNewSeed) {
    auto log = std::make_shared<FakeLog>();
    Trainer trainer(StepNetConfig{}, testing::fake_options(log));
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.tick() > 100; }));
    trainer.post(Pause{});
    trainer.post(Reset{42});
    ASSERT_TRUE(trainer.wait_for_commands(2, 10s));
    EXPECT_EQ(log->build_count.load(), 2);
    EXPECT_EQ(trainer.tick(), 0u);
    EXPECT_EQ(trainer.state(), RunState::Paused);
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_EQ(trainer.snapshot().tick, 0u);

    trainer.post(Reset{}); // no seed: keeps the one stored by the previous reset
    ASSERT_TRUE(trainer.wait_for_commands(3, 10s));
    trainer.stop();
    ASSERT_EQ(log->builds.size(), 3u);
    EXPECT_EQ(log->builds[1].seed, 42u);
    EXPECT_EQ(log->builds[2].seed, 42u);
    EXPECT_GE(log->checkpoints.load(), 3); // every build starts with a checkpoint
}

TEST(TrainerRunControl, ResetWhileRunningKeepsRunning) {
    auto log = std::make_shared<FakeLog>();
    Trainer trainer(StepNetConfig{}, testing::fake_options(log));
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.tick() > 100; }));
    trainer.post(Reset{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 10s));
    EXPECT_EQ(log->build_count.load(), 2);
    EXPECT_EQ(trainer.state(), RunState::Running);
}

TEST(TrainerRunControl, RebuildReplacesTheConfigAndAFailedOneKeepsTheOldModel) {
    auto log = std::make_shared<FakeLog>();
    Trainer trainer(StepNetConfig{}, testing::fake_options(log, {}, true));
    trainer.start();
    trainer.post(SingleStep{7});
    ASSERT_TRUE(eventually([&] { return trainer.tick() >= 7; }));

    auto bad = std::make_shared<StepNetConfig>();
    bad->layers.clear();
    trainer.post(Rebuild{bad});
    trainer.post(Rebuild{nullptr});
    ASSERT_TRUE(trainer.wait_for_commands(3, 10s));
    EXPECT_EQ(trainer.tick(), 7u); // the old model is still there
    EngineMessage message;
    ASSERT_TRUE(trainer.poll_message(message));
    EXPECT_NE(message.text.find("network.layers"), std::string::npos) << message.text;
    ASSERT_TRUE(trainer.poll_message(message));

    auto good = std::make_shared<StepNetConfig>();
    good->layers = {2, 5, 2};
    good->seed = 9;
    trainer.post(Rebuild{good});
    trainer.post(Reset{}); // resets from the rebuilt config
    ASSERT_TRUE(trainer.wait_for_commands(5, 10s));
    EXPECT_EQ(trainer.tick(), 0u);
    trainer.stop();
    ASSERT_EQ(log->builds.size(), 3u);
    EXPECT_EQ(log->builds[2].layers, (std::vector<int>{2, 5, 2}));
    EXPECT_EQ(log->builds[2].seed, 9u);
}

} // namespace
} // namespace phasor
