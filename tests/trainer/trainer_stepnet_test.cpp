// The trainer driving the real StepNet: live learning rate, and recovery from a learning rate that blows up.
#include "engine/core/error.hpp"
#include "engine/stepnet/stepnet.hpp"
#include "engine/trainer/trainer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <string>
#include <thread>

namespace phasor {
namespace {

using namespace std::chrono_literals;

template <class Predicate> bool eventually(Predicate predicate, std::chrono::milliseconds timeout = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!predicate()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

bool all_finite(const Snapshot& snapshot) {
    for (const LayerView& layer : snapshot.layers) {
        for (float w : layer.weights)
            if (!std::isfinite(w)) return false;
        for (float b : layer.bias)
            if (!std::isfinite(b)) return false;
    }
    return true;
}

TEST(TrainerStepNet, DefaultFactoryBuildsAStepNetAndTicks) {
    Trainer trainer(StepNetConfig{});
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_FALSE(trainer.snapshot().layers.empty());
    trainer.start();
    EXPECT_TRUE(eventually([&] { return trainer.tick() > 500; }));
    std::vector<SeriesSample> samples;
    EXPECT_TRUE(eventually([&] { return trainer.drain_series(samples) > 0 || !samples.empty(); }));
}

TEST(TrainerStepNet, LearningRateChangeShowsInTheSnapshot) {
    TrainerOptions options;
    options.start_paused = true;
    Trainer trainer(StepNetConfig{}, options);
    trainer.start();
    trainer.post(SetLearningRate{0.125f});
    ASSERT_TRUE(trainer.wait_for_commands(1, 10s));
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_FLOAT_EQ(trainer.snapshot().lr, 0.125f);

    trainer.post(SetLearningRate{-1.f}); // rejected by the model, with a message
    ASSERT_TRUE(trainer.wait_for_commands(2, 10s));
    EngineMessage message;
    ASSERT_TRUE(trainer.poll_message(message));
    EXPECT_NE(message.text.find("learning rate"), std::string::npos) << message.text;
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_FLOAT_EQ(trainer.snapshot().lr, 0.125f);
}

TEST(TrainerStepNet, HugeLearningRateDivergesAndRestoresFiniteWeights) {
    // A linear output with squared error: nothing saturates, so a huge rate really overflows. (The default
    // softmax network mostly saturates instead and keeps a finite, if useless, loss.)
    StepNetConfig config;
    config.activations = {Activation::Relu, Activation::Tanh, Activation::Identity};
    config.loss = Loss::MSE;
    Trainer trainer(config);
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.tick() > 200; }));
    trainer.post(SetLearningRate{1e30f});
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Diverged; }));
    EngineMessage message;
    ASSERT_TRUE(trainer.poll_message(message));
    EXPECT_NE(message.text.find("diverged at tick"), std::string::npos) << message.text;
    ASSERT_TRUE(eventually([&] {
        trainer.refresh_snapshot();
        return trainer.snapshot().state == RunState::Diverged;
    }));
    EXPECT_TRUE(all_finite(trainer.snapshot()));
    EXPECT_EQ(trainer.snapshot().message, message.text);

    const std::uint64_t diverged_at = trainer.tick();
    trainer.post(SetLearningRate{0.01f});
    trainer.post(Resume{}); // from the restored weights
    ASSERT_TRUE(trainer.wait_for_commands(3, 10s));
    EXPECT_TRUE(eventually([&] { return trainer.tick() > diverged_at + 100; }));
    EXPECT_EQ(trainer.state(), RunState::Running);
}

TEST(TrainerStepNet, InvalidConfigThrowsFromTheConstructor) {
    StepNetConfig bad;
    bad.layers = {4, 3};
    bad.activations = {Activation::Relu, Activation::Relu, Activation::Relu}; // does not match the layers
    EXPECT_THROW(Trainer{bad}, InputError);
}

} // namespace
} // namespace phasor
