// train.batch: each layer gathers the gradients of `batch` updates and applies one update with their mean;
// the schedule advances once per batch; batch 1 is the plain per-tick update.
#include "test_support.hpp"

#include <deque>
#include <gtest/gtest.h>

namespace phasor {
namespace {

using testing::reference_backprop;

const std::vector<Activation> kActs{Activation::Tanh, Activation::Tanh, Activation::Softmax};

StepNetConfig batched(int batch, int hold, BackwardMode mode = BackwardMode::Aligned) {
    StepNetConfig c = testing::frozen_config({4, 8, 6, 3}, kActs, mode, hold);
    c.schedule = {.kind = ScheduleKind::Constant, .lr = 0.1f};
    c.batch = batch;
    return c;
}

float max_difference(const Mat& a, const Mat& b) {
    return (a - b).cwiseAbs().maxCoeff();
}

// With the weights fixed while a batch is gathered, the one update it makes is lr times the mean of the
// per-sample gradients of the scored samples (an input switching every tick, so each differs).
TEST(Batch, OneUpdateWithTheMeanGradientOfTheBatch) {
    for (int batch : {2, 4, 5}) {
        SCOPED_TRACE(batch);
        StepNet net(batched(batch, 1));
        const std::vector<DenseLayer> start = net.layers();
        testing::Picture picture(net);
        std::deque<std::pair<Vec, int>> inputs;
        std::vector<Mat> sum_w(start.size());
        std::vector<Vec> sum_b(start.size());
        const int lag = net.pipeline_lag();
        for (int t = 0; t < lag + batch; ++t) {
            if (t >= lag) {
                // Nothing is applied until the batch is full.
                ASSERT_TRUE(testing::same_weights(net, StepNet(batched(batch, 1)))) << "tick " << t;
            }
            net.tick();
            picture.fill(net);
            inputs.emplace_back(Eigen::Map<const Vec>(picture.view().input.data(), 4),
                                picture.view().input_label);
            if (t < lag) continue;
            // Aligned: the output of tick t is scored against the sample that went in at t − lag.
            const auto& [x, label] = inputs[static_cast<std::size_t>(t - lag)];
            const auto g = reference_backprop(start, x, label);
            for (std::size_t l = 0; l < start.size(); ++l) {
                sum_w[l] = t == lag ? g.w[l] : Mat(sum_w[l] + g.w[l]);
                sum_b[l] = t == lag ? g.b[l] : Vec(sum_b[l] + g.b[l]);
            }
        }
        for (std::size_t l = 0; l < start.size(); ++l) {
            const Mat expected = start[l].W - 0.1f * sum_w[l] / static_cast<float>(batch);
            const Vec expected_b = start[l].b - 0.1f * sum_b[l] / static_cast<float>(batch);
            EXPECT_LT(max_difference(net.layers()[l].W, expected), 1e-6f) << "layer " << l;
            EXPECT_LT((net.layers()[l].b - expected_b).cwiseAbs().maxCoeff(), 1e-6f) << "layer " << l;
        }
    }
}

// Held input: every gradient of the batch is the same, so batch k makes the one update a single gradient
// would, k times more rarely.
TEST(Batch, OnAFrozenInputEqualsOneUpdateWithThatGradient) {
    StepNet net(batched(4, 100));
    StepNet single(batched(1, 100));
    const int lag = net.pipeline_lag();
    for (int t = 0; t < lag + 4; ++t) net.tick();
    for (int t = 0; t < lag + 1; ++t) single.tick();
    for (std::size_t l = 0; l < net.layers().size(); ++l)
        EXPECT_LT(max_difference(net.layers()[l].W, single.layers()[l].W), 1e-7f) << "layer " << l;
}

TEST(Batch, OfOneIsThePlainUpdate) {
    StepNetConfig plain;
    StepNetConfig one = plain;
    one.batch = 1;
    StepNet a(plain), b(one);
    for (int t = 0; t < 2000; ++t) {
        a.tick();
        b.tick();
    }
    EXPECT_TRUE(testing::same_weights(a, b));
}

// Pipelined: every stage gathers its own batch from the messages it receives, and applies it every k of them.
TEST(Batch, EveryPipelinedStageUpdatesOncePerBatchOfItsOwnGradients) {
    const int batch = 3;
    StepNet net(batched(batch, 1, BackwardMode::Pipelined));
    std::vector<std::vector<int>> changed(net.layers().size());
    for (int t = 0; t < 40; ++t) {
        const std::vector<DenseLayer> before = net.layers();
        net.tick();
        for (std::size_t l = 0; l < before.size(); ++l)
            if (before[l].W != net.layers()[l].W) changed[l].push_back(t);
    }
    const int top = net.layer_count() - 1;
    for (int l = 0; l <= top; ++l) {
        const auto& ticks = changed[static_cast<std::size_t>(l)];
        ASSERT_GE(ticks.size(), 5u) << "layer " << l;
        // The output's first gradient comes at tick lag; the message reaches layer l (top − l) ticks later.
        EXPECT_EQ(ticks.front(), top + (top - l) + batch - 1) << "layer " << l;
        for (std::size_t i = 1; i < ticks.size(); ++i)
            EXPECT_EQ(ticks[i] - ticks[i - 1], batch) << "layer " << l;
    }
}

TEST(Batch, TheScheduleAdvancesOncePerBatch) {
    for (int batch : {1, 4}) {
        StepNetConfig c;
        c.batch = batch;
        StepNet net(c);
        for (int t = 0; t < 1002; ++t) net.tick(); // 1000 scored ticks: the first is at the delay depth, 2
        LearningRateSchedule expected(c.schedule);
        for (int u = 0; u < 1000 / batch; ++u) expected.advance();
        EXPECT_EQ(net.lr(), expected.lr()) << batch;
    }
}

TEST(Batch, ASmallerBatchSetLiveAppliesTheGatheredOneAtItsNextGradient) {
    phasor::Run run(testing::stepnet_params({{"train.batch", "8"}}));
    testing::NullSeries series;
    StepNet& net = testing::stepnet(run);
    run.advance(5, series); // scored at ticks 2, 3, 4: three gradients gathered, nothing applied
    const std::vector<DenseLayer> before = net.layers();
    ASSERT_FALSE(run.set_text("train.batch", "2"));
    run.advance(1, series); // the fourth: applied as the mean of four
    EXPECT_NE(before[2].W, net.layers()[2].W);
    const std::vector<DenseLayer> after = net.layers();
    run.advance(1, series); // the first of a new batch of two
    EXPECT_EQ(after[2].W, net.layers()[2].W);
    run.advance(1, series);
    EXPECT_NE(after[2].W, net.layers()[2].W);
}

} // namespace
} // namespace phasor
