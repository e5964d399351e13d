// Determinism, live parameters set on the model, telemetry contents and the model's own divergence
// bookkeeping.
#include "test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace phasor {
namespace {

using testing::Picture;
using testing::stepnet_row;

StepNetConfig lowhighmix(std::uint64_t seed) {
    StepNetConfig c;
    c.seed = seed;
    return c;
}

std::size_t channel(std::string_view name) {
    const auto& channels = stepnet_family().channels;
    for (std::size_t i = 0; i < channels.size(); ++i)
        if (channels[i].name == name) return i;
    ADD_FAILURE() << "no channel " << name;
    return 0;
}

TEST(Determinism, SameSeedGivesIdenticalWeightsInEveryMode) {
    for (auto mode : {BackwardMode::Snapshot, BackwardMode::Aligned, BackwardMode::Pipelined}) {
        auto cfg = lowhighmix(4);
        cfg.backward = mode;
        StepNet a(cfg), b(cfg);
        cfg.seed = 5;
        StepNet c(cfg);
        for (int t = 0; t < 3000; ++t) {
            a.tick();
            b.tick();
            c.tick();
        }
        EXPECT_TRUE(testing::same_weights(a, b)) << to_string(mode);
        EXPECT_FALSE(testing::same_weights(a, c)) << to_string(mode);
    }
}

TEST(LiveParameters, RejectedValuesLeaveTheRunUnchangedAndSayWhy) {
    phasor::Run run(testing::stepnet_params());
    const StepNet& net = testing::stepnet(run);
    EXPECT_EQ(run.set("train.lr", -1.f), "train.lr: must be > 0, got -1");
    EXPECT_FLOAT_EQ(net.lr(), 0.02f);
    EXPECT_EQ(run.set("train.temperature", 0.f), "train.temperature: must be > 0, got 0");
    EXPECT_EQ(run.set("train.temperature", INFINITY), "train.temperature: must be a finite number, got inf");
    EXPECT_EQ(run.set("train.decay", 2.f), "train.decay: must be in (0, 1], got 2");
    const auto pause = run.set("pause", true); // run control belongs to the trainer
    ASSERT_TRUE(pause);
    EXPECT_NE(pause->find("unknown parameter 'pause'"), std::string::npos) << *pause;
    EXPECT_EQ(net.config().temperature, 1.f);
    EXPECT_FLOAT_EQ(net.config().schedule.decay, 0.9995f);
    EXPECT_TRUE(run.log().empty());
}

TEST(LiveParameters, TheModelRefusesWhatItCannotTakeLive) {
    StepNet net(lowhighmix(1));
    const auto refused = net.set(stepnet_row("network.layers"), std::vector<std::int64_t>{4, 8, 3});
    ASSERT_TRUE(refused);
    EXPECT_NE(refused->find("not a live parameter"), std::string::npos) << *refused;
    EXPECT_EQ(net.config().layers, (std::vector<int>{4, 32, 16, 3}));
}

TEST(LiveParameters, LearningRateAndScheduleApplyOnTheNextUpdate) {
    auto cfg = lowhighmix(1);
    cfg.schedule = {.kind = ScheduleKind::Exponential, .lr = 0.02f, .decay = 0.5f, .floor = 0.f};
    StepNet net(cfg);
    for (int t = 0; t < 3; ++t) net.tick(); // two ticks fill the queue, the third is the first update
    EXPECT_FLOAT_EQ(net.lr(), 0.01f);
    ASSERT_FALSE(net.set(stepnet_row("train.lr"), 0.4f));
    EXPECT_FLOAT_EQ(net.lr(), 0.4f);
    net.tick();
    EXPECT_FLOAT_EQ(net.lr(), 0.2f);
    ASSERT_FALSE(net.set(stepnet_row("train.decay"), 0.25f)); // the schedule carries on from the rate
    net.tick();
    EXPECT_FLOAT_EQ(net.lr(), 0.05f);
    ASSERT_FALSE(net.set(stepnet_row("train.floor"), 0.04f));
    net.tick();
    EXPECT_FLOAT_EQ(net.lr(), 0.04f);
    ASSERT_FALSE(net.set(stepnet_row("train.schedule"), std::string("constant")));
    ASSERT_FALSE(net.set(stepnet_row("train.lr"), 0.2f));
    net.tick();
    EXPECT_FLOAT_EQ(net.lr(), 0.2f);
    EXPECT_EQ(net.config().schedule.kind, ScheduleKind::Constant);
}

TEST(LiveParameters, StepScheduleFieldsApplyLive) {
    auto cfg = lowhighmix(1);
    cfg.schedule = {.kind = ScheduleKind::Constant, .lr = 0.08f};
    StepNet net(cfg);
    ASSERT_FALSE(net.set(stepnet_row("train.schedule"), std::string("step")));
    ASSERT_FALSE(net.set(stepnet_row("train.step_every"), std::int64_t{2}));
    ASSERT_FALSE(net.set(stepnet_row("train.gamma"), 0.5f));
    ASSERT_FALSE(net.set(stepnet_row("train.floor"), 0.f));
    for (int t = 0; t < 2 + 4; ++t) net.tick(); // four updates: two steps
    EXPECT_FLOAT_EQ(net.lr(), 0.02f);
}

TEST(LiveParameters, AttentionOffShowsUnitFactorsAndModeSwitchesKeepLearning) {
    StepNet net(lowhighmix(2));
    Picture snap(net);
    for (int t = 0; t < 500; ++t) net.tick();
    snap.fill(net);
    const LayerView& layer = snap.view().layers[1];
    ASSERT_EQ(layer.factor_rows, 16);
    ASSERT_EQ(layer.factor_cols, 32);
    ASSERT_EQ(layer.factors.size(), 32u * 16u);
    EXPECT_FALSE(std::all_of(layer.factors.begin(), layer.factors.end(), [](float v) { return v == 1.f; }));
    EXPECT_TRUE(snap.view().attention);
    ASSERT_FALSE(net.set(stepnet_row("train.attention"), false));
    snap.fill(net);
    EXPECT_FALSE(snap.view().attention);
    const auto& factors = snap.view().layers[1].factors;
    EXPECT_TRUE(std::all_of(factors.begin(), factors.end(), [](float v) { return v == 1.f; }));
    for (const char* mode : {"pipelined", "snapshot", "aligned"}) {
        ASSERT_FALSE(net.set(stepnet_row("train.backward"), std::string(mode)));
        for (int t = 0; t < 5000; ++t) net.tick();
        snap.fill(net);
        EXPECT_EQ(snap.view().mode, mode);
        EXPECT_TRUE(net.weights_finite());
    }
    EXPECT_EQ(net.evaluate().accuracy, 1.f);
}

TEST(Telemetry, SnapshotAndSeriesDescribeTheRun) {
    auto cfg = lowhighmix(3);
    cfg.series_every = 50;
    StepNet net(cfg);
    testing::SeriesLog series;
    ASSERT_EQ(net.advance(2000, series), 2000u);
    ASSERT_EQ(series.samples.size(), 40u);
    for (std::size_t i = 0; i < series.samples.size(); ++i) {
        const auto& s = series.samples[i];
        EXPECT_EQ(s.tick, 50u * (i + 1));
        EXPECT_GT(s.values[channel("attention_max")], s.values[channel("attention_min")]);
        EXPECT_GT(s.values[channel("attention_entropy")], 0.f);
        EXPECT_LE(s.values[channel("attention_entropy")], 1.f);
        EXPECT_EQ(s.values[channel("queue_occupancy")], 2.f);
        EXPECT_GT(s.values[channel("loss")], 0.f);
        if (i > 0) {
            EXPECT_LT(s.values[channel("lr")], series.samples[i - 1].values[channel("lr")]); // decaying
        }
    }
    EXPECT_EQ(series.samples.back().values[channel("lr")], net.lr());
    EXPECT_EQ(series.samples.back().values[channel("rolling_accuracy")], net.rolling_accuracy());

    Picture snap(net);
    snap.fill(net);
    const StepNetView& view = snap.view();
    EXPECT_EQ(snap.snapshot.tick, 2000u);
    ASSERT_EQ(view.layers.size(), 3u);
    EXPECT_EQ(view.layers[0].in, 4);
    EXPECT_EQ(view.layers[0].out, 32);
    ASSERT_FALSE(view.layers[0].connections.empty());
    const Mat& W = net.layers()[0].W;
    EXPECT_EQ(view.layers[0].largest_weight, W.cwiseAbs().maxCoeff());
    for (const Connection& c : view.layers[0].connections) // from an input to an output neuron
        EXPECT_EQ(c.weight, W(c.to, c.from)) << c.from << "->" << c.to;
    EXPECT_EQ(snap.snapshot.class_names, (std::vector<std::string>{"Low", "High", "Mix"}));
    EXPECT_EQ(snap.snapshot.eval.per_class_count, (std::vector<int>{2, 2, 2}));
    EXPECT_EQ(snap.snapshot.metric("rolling_accuracy"), net.rolling_accuracy());
    EXPECT_GT(snap.snapshot.metric("rolling_accuracy"), 0.5f);
    EXPECT_EQ(snap.snapshot.metric("lr"), net.lr());
    EXPECT_EQ(snap.snapshot.metric("loss"), net.last_loss());
    EXPECT_EQ(snap.snapshot.metric("accuracy"), snap.snapshot.eval.accuracy);
    EXPECT_TRUE(std::isnan(snap.snapshot.metric("no such metric")));
}

TEST(Divergence, NonFiniteLossIsAFaultAndRestoreGoesBackToTheCheckpoint) {
    StepNet net(lowhighmix(1));
    for (int t = 0; t < 100; ++t) net.tick();
    net.checkpoint();
    const Mat good = net.layers()[0].W;
    EXPECT_EQ(net.fault(), nullptr);
    ASSERT_FALSE(net.set(stepnet_row("train.lr"), 3e38f));
    testing::NullSeries series;
    std::uint64_t ran = 0;
    for (int i = 0; i < 100 && !net.fault() && net.weights_finite(); ++i) ran += net.advance(100, series);
    ASSERT_TRUE(net.fault() || !net.weights_finite());
    if (net.fault()) {
        EXPECT_TRUE(net.diverged());
        EXPECT_EQ(net.fault()->what, "loss is not finite");
        EXPECT_FALSE(net.fault()->thrown);
        EXPECT_EQ(net.ticks(), 100u + ran); // advance stopped on the faulty tick
    }
    EXPECT_EQ(net.checkpoint_tick(), 100u);
    net.restore();
    EXPECT_EQ(net.fault(), nullptr);
    EXPECT_FALSE(net.diverged());
    EXPECT_TRUE(net.weights_finite());
    EXPECT_TRUE(net.state_finite());
    EXPECT_EQ(net.layers()[0].W, good);
    EXPECT_EQ(net.queue().size(), 0);
}

} // namespace
} // namespace phasor
