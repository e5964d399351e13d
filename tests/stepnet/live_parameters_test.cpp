// Determinism, live parameter commands, telemetry contents and the model's own divergence bookkeeping.
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

StepNetConfig lowhighmix(std::uint64_t seed) {
    StepNetConfig c;
    c.seed = seed;
    return c;
}

bool same_weights(const StepNet& a, const StepNet& b) {
    for (int l = 0; l < a.layer_count(); ++l) {
        const auto li = static_cast<std::size_t>(l);
        if (a.layers()[li].W != b.layers()[li].W || a.layers()[li].b != b.layers()[li].b) return false;
    }
    return true;
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
        EXPECT_TRUE(same_weights(a, b)) << to_string(mode);
        EXPECT_FALSE(same_weights(a, c)) << to_string(mode);
    }
}

TEST(LiveParameters, RejectedValuesLeaveTheModelUnchangedAndSayWhy) {
    StepNet net(lowhighmix(1));
    const auto lr_msg = net.apply(SetLearningRate{-1.f});
    ASSERT_TRUE(lr_msg);
    EXPECT_NE(lr_msg->find("learning rate"), std::string::npos);
    EXPECT_FLOAT_EQ(net.lr(), 0.02f);
    EXPECT_TRUE(net.apply(SetTemperature{0.f}));
    EXPECT_TRUE(net.apply(SetTemperature{INFINITY}));
    EXPECT_TRUE(net.apply(SetSchedule{{.kind = ScheduleKind::Exponential, .decay = 2.f}}));
    EXPECT_TRUE(net.apply(Pause{})); // run control belongs to the trainer
    EXPECT_EQ(net.config().temperature, 1.f);
}

TEST(LiveParameters, LearningRateAndScheduleApplyOnTheNextUpdate) {
    auto cfg = lowhighmix(1);
    cfg.schedule = {.kind = ScheduleKind::Exponential, .lr = 0.02f, .decay = 0.5f, .floor = 0.f};
    StepNet net(cfg);
    for (int t = 0; t < 3; ++t) net.tick(); // two ticks fill the queue, the third is the first update
    EXPECT_FLOAT_EQ(net.lr(), 0.01f);
    ASSERT_FALSE(net.apply(SetLearningRate{0.4f}));
    net.tick();
    EXPECT_FLOAT_EQ(net.lr(), 0.2f);
    ASSERT_FALSE(net.apply(SetSchedule{{.kind = ScheduleKind::Constant}}));
    net.tick();
    EXPECT_FLOAT_EQ(net.lr(), 0.2f);
}

TEST(LiveParameters, AttentionOffShowsUnitFactorsAndModeSwitchesKeepLearning) {
    StepNet net(lowhighmix(2));
    Snapshot snap;
    for (int t = 0; t < 500; ++t) net.tick();
    net.fill(snap);
    const auto& f = snap.layers[1].attention_w;
    ASSERT_EQ(f.size(), 32u * 16u);
    EXPECT_FALSE(std::all_of(f.begin(), f.end(), [](float v) { return v == 1.f; }));
    ASSERT_FALSE(net.apply(SetAttention{false}));
    net.fill(snap);
    EXPECT_TRUE(std::all_of(snap.layers[1].attention_w.begin(), snap.layers[1].attention_w.end(),
                            [](float v) { return v == 1.f; }));
    for (auto mode : {BackwardMode::Pipelined, BackwardMode::Snapshot, BackwardMode::Aligned}) {
        ASSERT_FALSE(net.apply(SetBackwardMode{mode}));
        for (int t = 0; t < 5000; ++t) net.tick();
        net.fill(snap);
        EXPECT_EQ(snap.mode, to_string(mode));
        EXPECT_TRUE(net.weights_finite());
    }
    EXPECT_EQ(net.evaluate().accuracy, 1.f);
}

TEST(Telemetry, SnapshotAndSeriesDescribeTheRun) {
    auto cfg = lowhighmix(3);
    cfg.series_every = 50;
    StepNet net(cfg);
    Snapshot snap;
    SeriesSample s;
    int samples = 0;
    for (int t = 0; t < 2000; ++t) {
        net.tick();
        if (net.series_due()) {
            net.sample(s);
            ++samples;
            EXPECT_EQ(s.tick, static_cast<std::uint64_t>(t + 1));
            EXPECT_GT(s.attention_max, s.attention_min);
            EXPECT_GT(s.attention_entropy, 0.f);
            EXPECT_LE(s.attention_entropy, 1.f);
            EXPECT_EQ(s.queue_occupancy, 2.f);
        }
    }
    EXPECT_EQ(samples, 40);
    net.fill(snap);
    EXPECT_EQ(snap.tick, 2000u);
    ASSERT_EQ(snap.layers.size(), 3u);
    EXPECT_EQ(snap.layers[0].weights.size(), 4u * 32u);
    EXPECT_EQ(snap.layers[0].weights[1], net.layers()[0].W(0, 1)); // row-major: row = output neuron
    EXPECT_EQ(snap.class_names, (std::vector<std::string>{"Low", "High", "Mix"}));
    EXPECT_EQ(snap.eval.per_class_count, (std::vector<int>{2, 2, 2}));
    EXPECT_GT(snap.rolling_accuracy, 0.5f);
}

TEST(Divergence, NonFiniteLossIsFlaggedAndRestoreGoesBackToTheCheckpoint) {
    StepNet net(lowhighmix(1));
    for (int t = 0; t < 100; ++t) net.tick();
    net.checkpoint();
    const Mat good = net.layers()[0].W;
    ASSERT_FALSE(net.apply(SetLearningRate{3e38f}));
    int t = 0;
    while (!net.loss_diverged() && net.weights_finite() && t < 10000) {
        net.tick();
        ++t;
    }
    ASSERT_TRUE(net.loss_diverged() || !net.weights_finite());
    EXPECT_EQ(net.checkpoint_tick(), 100u);
    net.restore();
    EXPECT_FALSE(net.loss_diverged());
    EXPECT_TRUE(net.weights_finite());
    EXPECT_EQ(net.layers()[0].W, good);
}

} // namespace
} // namespace phasor
