// The stepping itself: pipeline lag, and each backward mode against ordinary per-sample backprop.
#include "test_support.hpp"

#include <cstring>
#include <deque>
#include <gtest/gtest.h>

namespace phasor {
namespace {

using testing::frozen_config;
using testing::Gradients;
using testing::max_difference;
using testing::reference_backprop;

const std::vector<Activation> kActs{Activation::Relu, Activation::Tanh, Activation::Softmax};

// Records the input and label on the network's input at every tick (the payload shows the last tick's).
struct InputLog {
    std::deque<Vec> x;
    std::deque<int> label;
    void record(StepNet& net, testing::Picture& snap) {
        snap.fill(net);
        const StepNetView& view = snap.view();
        x.emplace_back(
            Eigen::Map<const Vec>(view.input.data(), static_cast<Eigen::Index>(view.input.size())));
        label.push_back(view.input_label);
    }
};

TEST(Stepping, OutputAtTickTReflectsTheInputOfTickTMinusLagInEveryLayerCount) {
    for (int hidden : {0, 1, 2, 4}) {
        std::vector<int> sizes{4};
        std::vector<Activation> acts;
        for (int h = 0; h < hidden; ++h) {
            sizes.push_back(6);
            acts.push_back(Activation::Tanh);
        }
        sizes.push_back(3);
        acts.push_back(Activation::Softmax);
        StepNet net(frozen_config(sizes, acts, BackwardMode::Aligned, 1));
        const int lag = net.pipeline_lag();
        ASSERT_EQ(lag, hidden);
        InputLog log;
        testing::Picture snap(net);
        for (int t = 0; t < 40; ++t) {
            net.tick();
            log.record(net, snap);
            if (t < lag) continue;
            const Vec& then = log.x[static_cast<std::size_t>(t - lag)];
            const Vec expected = net.settled_forward(then);
            const auto& out = snap.view().layers.back().act;
            for (int i = 0; i < 3; ++i)
                EXPECT_NEAR(out[static_cast<std::size_t>(i)], expected[i], 1e-6f) << "t=" << t;
        }
    }
}

TEST(Stepping, ASignalMovesOneLayerPerTick) {
    StepNet net(frozen_config({4, 5, 5, 3}, {Activation::Tanh, Activation::Tanh, Activation::Softmax},
                              BackwardMode::Aligned, 100));
    testing::Picture snap(net);
    net.tick();
    snap.fill(net);
    // Tick 0: only the first layer has seen the input; the layers above still hold their zero start.
    EXPECT_GT(Eigen::Map<const Vec>(snap.view().layers[0].pre.data(), 5).cwiseAbs().sum(), 0.f);
    EXPECT_TRUE(Eigen::Map<const Vec>(snap.view().layers[1].pre.data(), 5).isZero());
    net.tick();
    snap.fill(net);
    EXPECT_GT(Eigen::Map<const Vec>(snap.view().layers[1].pre.data(), 5).cwiseAbs().sum(), 0.f);
}

// Aligned mode is exact backprop of the scored sample: with the weights frozen it matches the reference at
// every scored tick, whether the input is held for L ticks or switches every tick.
TEST(BackwardModes, AlignedEqualsPerSampleBackprop) {
    for (int hold : {3, 1}) {
        StepNet net(frozen_config({4, 8, 6, 3}, kActs, BackwardMode::Aligned, hold));
        InputLog log;
        testing::Picture snap(net);
        for (int t = 0; t < 60; ++t) {
            net.tick();
            log.record(net, snap);
            if (t < net.pipeline_lag()) continue;
            const auto src = static_cast<std::size_t>(t - net.pipeline_lag());
            ASSERT_EQ(snap.view().scored_from_tick, src);
            const auto g = reference_backprop(net.layers(), log.x[src], log.label[src]);
            EXPECT_LT(max_difference(net, g), 1e-5f) << "hold=" << hold << " t=" << t;
        }
    }
}

// Snapshot mode backprops through the current buffers: right when all layers hold the same sample it equals
// the reference; right after an input switch the layers mix samples and it does not.
TEST(BackwardModes, SnapshotMatchesOnlyWhenAllLayersHoldTheSameSample) {
    StepNet net(frozen_config({4, 8, 6, 3}, kActs, BackwardMode::Snapshot, 5));
    InputLog log;
    testing::Picture snap(net);
    int agreed = 0, mixed = 0;
    for (int t = 0; t < 200; ++t) {
        net.tick();
        log.record(net, snap);
        if (t < 4) continue;
        const auto tu = static_cast<std::size_t>(t);
        const bool same_sample = log.x[tu].isApprox(log.x[tu - 1]) && log.x[tu - 1].isApprox(log.x[tu - 2]);
        const auto g = reference_backprop(net.layers(), log.x[tu - 2], log.label[tu - 2]);
        const float diff = max_difference(net, g);
        if (same_sample) {
            EXPECT_LT(diff, 1e-5f) << "t=" << t;
            ++agreed;
        } else if (diff > 1e-3f) {
            ++mixed;
        }
    }
    EXPECT_GT(agreed, 50);
    EXPECT_GT(mixed, 10);
}

TEST(BackwardModes, PipelinedOnASingleLayerEqualsBackprop) {
    StepNet net(frozen_config({4, 3}, {Activation::Softmax}, BackwardMode::Pipelined, 1));
    InputLog log;
    testing::Picture snap(net);
    for (int t = 0; t < 30; ++t) {
        net.tick();
        log.record(net, snap);
        const auto g = reference_backprop(net.layers(), log.x.back(), log.label.back());
        EXPECT_LT(max_difference(net, g), 1e-6f) << "t=" << t;
    }
    EXPECT_EQ(net.staleness(0), 0);
}

// With frozen weights the pipeline's stages see exactly the error of the sample whose forward they did, so
// each layer's gradient equals the reference for the sample that was scored L−1−l ticks before its update.
TEST(BackwardModes, PipelinedStagesUpdateFromTheirOwnStoredForward) {
    StepNet net(frozen_config({4, 8, 6, 3}, kActs, BackwardMode::Pipelined, 1));
    const int L = net.layer_count();
    InputLog log;
    testing::Picture snap(net);
    std::vector<Gradients> refs; // reference for the sample scored at each tick
    for (int t = 0; t < 40; ++t) {
        net.tick();
        log.record(net, snap);
        refs.push_back(t >= L - 1
                           ? reference_backprop(net.layers(), log.x[static_cast<std::size_t>(t - (L - 1))],
                                                log.label[static_cast<std::size_t>(t - (L - 1))])
                           : Gradients{});
        for (int l = 0; l < L; ++l) {
            const int scored_at = t - (L - 1 - l); // the error reaching layer l now was scored then
            if (scored_at < L - 1) continue;
            const auto& g = refs[static_cast<std::size_t>(scored_at)];
            EXPECT_LT((net.weight_gradient(l) - g.w[static_cast<std::size_t>(l)]).cwiseAbs().maxCoeff(),
                      1e-5f)
                << "t=" << t << " layer " << l;
        }
    }
    EXPECT_EQ(net.staleness(0), 4);
    EXPECT_EQ(net.staleness(1), 2);
    EXPECT_EQ(net.staleness(2), 0);
}

// With gradient attention on, each gradient is the reference one re-weighted by the straightforward Eigen
// form of attention, to the bit (the engine fuses the gradient, the attention and a relu layer's zero
// columns).
TEST(BackwardModes, AttentionReweightsExactlyTheBackpropGradient) {
    auto cfg = frozen_config({4, 32, 16, 3}, kActs, BackwardMode::Aligned, 1);
    cfg.attention = true;
    cfg.temperature = 0.5f;
    StepNet net(cfg);
    InputLog log;
    testing::Picture snap(net);
    auto reweighted = [&](Vec g) {
        Vec f(g.size());
        const float inv_tau = 1.f / cfg.temperature;
        const float peak = g.cwiseAbs().maxCoeff() * inv_tau;
        f = (g.array().abs() * inv_tau - peak).exp();
        f *= static_cast<float>(g.size()) / f.sum();
        g.array() *= f.array();
        return g;
    };
    for (int t = 0; t < 40; ++t) {
        net.tick();
        log.record(net, snap);
        if (t < net.pipeline_lag()) continue;
        const auto src = static_cast<std::size_t>(t - net.pipeline_lag());
        const auto g = reference_backprop(net.layers(), log.x[src], log.label[src]);
        for (int l = 0; l < net.layer_count(); ++l) {
            const auto li = static_cast<std::size_t>(l);
            const Vec w = reweighted(Eigen::Map<const Vec>(g.w[li].data(), g.w[li].size()));
            const Vec b = reweighted(g.b[li]);
            EXPECT_EQ(std::memcmp(net.weight_gradient(l).data(), w.data(), sizeof(float) * w.size()), 0)
                << "t=" << t << " layer " << l;
            EXPECT_EQ(std::memcmp(net.bias_gradient(l).data(), b.data(), sizeof(float) * b.size()), 0)
                << "t=" << t << " layer " << l;
        }
    }
}

TEST(BackwardModes, HistoryMemoryIsReportedPerMode) {
    auto cfg = frozen_config({4, 32, 16, 3}, kActs, BackwardMode::Snapshot, 1);
    EXPECT_EQ(StepNet(cfg).history_bytes(), 0u);
    cfg.backward = BackwardMode::Aligned;
    // Layer 0 keeps 2 ticks of (z, a) and input, layer 1 one tick of (z, a): (2·(64+4) + 32) floats.
    EXPECT_EQ(StepNet(cfg).history_bytes(), (2u * (64 + 4) + 32u) * 4u);
    cfg.backward = BackwardMode::Pipelined;
    EXPECT_EQ(StepNet(cfg).history_bytes(), (4u * (64 + 4) + 2u * 32u) * 4u);
}

} // namespace
} // namespace phasor
