// Trainer commands: order, completeness under concurrent posting, rejections, and construction errors.
#include "fake_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <thread>
#include <variant>

namespace phasor {
namespace {

using namespace std::chrono_literals;
using testing::eventually;
using testing::FakeLog;

std::vector<std::string> drain_messages(Trainer& trainer) {
    std::vector<std::string> texts;
    EngineMessage message;
    while (trainer.poll_message(message)) texts.push_back(message.text);
    return texts;
}

TEST(TrainerCommands, AppliedInPostedOrderFromOneThread) {
    auto log = std::make_shared<FakeLog>();
    Trainer trainer(StepNetConfig{}, testing::fake_options(log));
    trainer.start();
    for (int i = 0; i < 300; ++i) {
        if (i % 3 == 0)
            trainer.post(SetLearningRate{static_cast<float>(i)});
        else if (i % 3 == 1)
            trainer.post(SetDelayDepth{i});
        else
            trainer.post(SetTemperature{static_cast<float>(i)});
    }
    ASSERT_TRUE(trainer.wait_for_commands(300, 10s));
    trainer.stop();
    ASSERT_EQ(log->commands.size(), 300u);
    for (int i = 0; i < 300; ++i) {
        const Command& c = log->commands[static_cast<std::size_t>(i)];
        if (i % 3 == 0)
            EXPECT_EQ(std::get<SetLearningRate>(c).lr, static_cast<float>(i));
        else if (i % 3 == 1)
            EXPECT_EQ(std::get<SetDelayDepth>(c).depth, i);
        else
            EXPECT_EQ(std::get<SetTemperature>(c).temperature, static_cast<float>(i));
    }
}

TEST(TrainerCommands, TwoPostingThreadsNoneDroppedEachInOrder) {
    auto log = std::make_shared<FakeLog>();
    Trainer trainer(StepNetConfig{}, testing::fake_options(log));
    trainer.start();
    constexpr int kEach = 5000; // several times the queue capacity, so posting has to wait for room
    std::thread a([&] {
        for (int i = 0; i < kEach; ++i) trainer.post(SetDelayDepth{i});
    });
    std::thread b([&] {
        for (int i = 0; i < kEach; ++i) trainer.post(SetTemperature{static_cast<float>(i)});
    });
    a.join();
    b.join();
    EXPECT_EQ(trainer.commands_posted(), 2u * kEach);
    ASSERT_TRUE(trainer.wait_for_commands(2 * kEach, 10s));
    trainer.stop();
    ASSERT_EQ(log->commands.size(), 2u * kEach);
    int next_depth = 0, next_temperature = 0;
    for (const Command& c : log->commands) {
        if (auto* d = std::get_if<SetDelayDepth>(&c))
            EXPECT_EQ(d->depth, next_depth++);
        else
            EXPECT_EQ(std::get<SetTemperature>(c).temperature, static_cast<float>(next_temperature++));
    }
    EXPECT_EQ(next_depth, kEach);
    EXPECT_EQ(next_temperature, kEach);
}

TEST(TrainerCommands, RunControlNeverReachesTheModel) {
    auto log = std::make_shared<FakeLog>();
    Trainer trainer(StepNetConfig{}, testing::fake_options(log, {}, true));
    trainer.start();
    trainer.post(SetSpeed{1000});
    trainer.post(Resume{});
    trainer.post(Pause{});
    trainer.post(SingleStep{1});
    trainer.post(SetAttention{false});
    ASSERT_TRUE(trainer.wait_for_commands(5, 10s));
    trainer.stop();
    ASSERT_EQ(log->commands.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<SetAttention>(log->commands[0]));
}

TEST(TrainerCommands, InvalidSpeedIsRejectedWithAMessage) {
    auto log = std::make_shared<FakeLog>();
    Trainer trainer(StepNetConfig{}, testing::fake_options(log, {}, true));
    trainer.start();
    trainer.post(SetSpeed{0.5});
    trainer.post(SetSpeed{2e7});
    trainer.post(SetSpeed{-3});
    trainer.post(SetSpeed{std::numeric_limits<double>::quiet_NaN()});
    trainer.post(SetSpeed{1e7}); // the bounds themselves are fine
    trainer.post(SetSpeed{1});
    trainer.post(SetSpeed{0});
    ASSERT_TRUE(trainer.wait_for_commands(7, 10s));
    const auto texts = drain_messages(trainer);
    ASSERT_EQ(texts.size(), 4u);
    for (const auto& text : texts) EXPECT_NE(text.find("speed"), std::string::npos) << text;
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_NE(trainer.snapshot().message.find("speed"), std::string::npos);
}

TEST(TrainerCommands, ModelRejectionBecomesAMessage) {
    auto log = std::make_shared<FakeLog>();
    Trainer trainer(StepNetConfig{}, testing::fake_options(log, {}, true));
    trainer.start();
    trainer.post(SetDelayDepth{-1});
    trainer.post(SingleStep{0});
    ASSERT_TRUE(trainer.wait_for_commands(2, 10s));
    const auto texts = drain_messages(trainer);
    ASSERT_EQ(texts.size(), 2u);
    EXPECT_NE(texts[0].find("delay depth"), std::string::npos);
    EXPECT_NE(texts[1].find("single step"), std::string::npos);
    EXPECT_EQ(trainer.tick(), 0u);
}

TEST(TrainerCommands, HotParameterShowsInTheNextSnapshot) {
    auto log = std::make_shared<FakeLog>();
    Trainer trainer(StepNetConfig{}, testing::fake_options(log));
    trainer.start();
    trainer.post(SetLearningRate{0.25f});
    ASSERT_TRUE(trainer.wait_for_commands(1, 10s));
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_EQ(trainer.snapshot().lr, 0.25f);
}

TEST(TrainerCommands, PostedBeforeStartApplyAfterStart) {
    auto log = std::make_shared<FakeLog>();
    Trainer trainer(StepNetConfig{}, testing::fake_options(log, {}, true));
    trainer.post(SetLearningRate{1.f});
    trainer.post(SetLearningRate{2.f});
    EXPECT_EQ(trainer.commands_applied(), 0u);
    trainer.start();
    ASSERT_TRUE(trainer.wait_for_commands(2, 10s));
    trainer.stop();
    ASSERT_EQ(log->commands.size(), 2u);
    EXPECT_EQ(std::get<SetLearningRate>(log->commands[1]).lr, 2.f);
}

TEST(TrainerCommands, ConstructionErrorsPropagate) {
    auto log = std::make_shared<FakeLog>();
    StepNetConfig bad;
    bad.layers.clear();
    EXPECT_THROW(Trainer(bad, testing::fake_options(log)), InputError);

    TrainerOptions too_fast = testing::fake_options(log);
    too_fast.ticks_per_second = 1e9;
    EXPECT_THROW(Trainer(StepNetConfig{}, too_fast), InputError);
}

TEST(TrainerCommands, NeverStartedTrainerDestructsCleanly) {
    auto log = std::make_shared<FakeLog>();
    Trainer trainer(StepNetConfig{}, testing::fake_options(log));
    ASSERT_TRUE(trainer.refresh_snapshot()); // the constructor already published a first picture
    EXPECT_EQ(trainer.snapshot().sequence, 1u);
    EXPECT_EQ(trainer.snapshot().state, RunState::Running);
}

} // namespace
} // namespace phasor

namespace phasor {
namespace {

TEST(TrainerCommands, OverfillingTheQueueBeforeStartThrowsInsteadOfHanging) {
    Trainer trainer(StepNetConfig{}, {.start_paused = true, .ticks_per_second = 0, .make_model = {}});
    for (std::size_t i = 0; i < Trainer::kCommandCapacity; ++i) trainer.post(SetLearningRate{0.01f});
    EXPECT_THROW(trainer.post(SetLearningRate{0.01f}), std::logic_error);
    trainer.start();
    EXPECT_TRUE(trainer.wait_for_commands(Trainer::kCommandCapacity, std::chrono::seconds(10)));
}

} // namespace
} // namespace phasor
