// The trainer driving the real stepped network: its payload, live learning rate, and recovery from a learning
// rate that blows up.
#include "engine/core/error.hpp"
#include "engine/trainer/trainer.hpp"
#include "support/eventually.hpp"
#include "support/stepnet_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace phasor {
namespace {

using namespace std::chrono_literals;
using testing::eventually;

TEST(TrainerStepNet, BuildsAStepNetPublishesItsViewAndTicks) {
    // At full speed, where the series keeps the preset's interval (a paced run samples more often).
    Trainer trainer(testing::shipped("lowhighmix"),
                    {.start_paused = false, .ticks_per_second = 0, .script = {}, .pause_at = {}});
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_EQ(trainer.snapshot().family, &stepnet_family());
    const StepNetView* view = trainer.snapshot().payload_as<StepNetView>();
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(view->layers.size(), 3u);
    EXPECT_EQ(trainer.snapshot().class_names, (std::vector<std::string>{"Low", "High", "Mix"}));
    trainer.start();
    EXPECT_TRUE(eventually([&] { return trainer.tick() > 500; }));
    std::vector<SeriesSample> samples;
    EXPECT_TRUE(eventually([&] { return trainer.drain_series(samples) > 0 || !samples.empty(); }));
    EXPECT_EQ(samples.front().tick % 100, 0u);
}

TEST(TrainerStepNet, LearningRateChangeShowsInTheSnapshot) {
    Trainer trainer(testing::shipped("lowhighmix"),
                    {.start_paused = true, .ticks_per_second = 0, .script = {}, .pause_at = {}});
    trainer.start();
    trainer.post(SetParam{"train.lr", 0.125f});
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_FLOAT_EQ(trainer.snapshot().metric("lr"), 0.125f);
    EXPECT_EQ(*trainer.snapshot().param("train.lr"), ParamValue{0.125f});

    trainer.post(SetParam{"train.lr", -1.f}); // refused, with a message
    ASSERT_TRUE(trainer.wait_for_commands(2, 20s));
    EngineMessage message;
    ASSERT_TRUE(trainer.poll_message(message));
    EXPECT_EQ(message.text, "train.lr: must be > 0, got -1");
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_FLOAT_EQ(trainer.snapshot().metric("lr"), 0.125f);
    EXPECT_EQ(trainer.snapshot().message, message.text);
}

TEST(TrainerStepNet, HugeLearningRateDivergesAndRestoresFiniteWeights) {
    // A linear output with squared error: nothing saturates, so a huge rate really overflows. (The default
    // softmax network mostly saturates instead and keeps a finite, if useless, loss.)
    Trainer trainer(testing::shipped(
        "lowhighmix", {"network.loss=mse", R"(network.activations=["relu", "tanh", "identity"])"}));
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.tick() > 200; }));
    trainer.post(SetParam{"train.lr", 1e30f});
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Diverged; }));
    EngineMessage message;
    ASSERT_TRUE(trainer.poll_message(message));
    EXPECT_NE(message.text.find("diverged at tick"), std::string::npos) << message.text;
    ASSERT_TRUE(
        testing::snapshot_where(trainer, [](const Snapshot& s) { return s.state == RunState::Diverged; }));
    EXPECT_EQ(trainer.snapshot().message, message.text);
    for (const LayerView& layer : trainer.snapshot().payload_as<StepNetView>()->layers)
        EXPECT_TRUE(std::isfinite(layer.largest_weight));
    EXPECT_TRUE(std::isfinite(trainer.snapshot().metric("accuracy")));

    const std::uint64_t diverged_at = trainer.tick();
    trainer.post(SetParam{"train.lr", 0.01f});
    trainer.post(Resume{}); // from the restored weights
    ASSERT_TRUE(trainer.wait_for_commands(3, 20s));
    EXPECT_TRUE(eventually([&] { return trainer.tick() > diverged_at + 100; }));
    EXPECT_EQ(trainer.state(), RunState::Running);
}

TEST(TrainerStepNet, InvalidParametersThrowFromTheConstructor) {
    ParamSet bad = testing::stepnet_params(
        {{"network.layers", "[4, 3]"}, {"network.activations", "[\"relu\", \"relu\", \"relu\"]"}});
    EXPECT_THROW(Trainer{bad}, InputError);
}

} // namespace
} // namespace phasor
