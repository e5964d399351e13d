// Threshold-fired accumulation: with T = 0 it is per-sample SGD (the reference built here from BatchMlp's own
// backprop), with T above everything nothing moves, a hand-made sample fires exactly the connections past T
// and leaves the neuron without credit silent, the accumulation modes and the relative scale follow their
// definitions, the counts and state are what the rule kept, training allocates nothing, and it learns.
#include "engine/rules/threshold_rule.hpp"
#include "support.hpp"
#include "support/allocation_counter.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace phasor {
namespace {

using rules_test::random_inputs;
using rules_test::random_labels;
using rules_test::spec_of;

std::unique_ptr<LearningRule> threshold_rule(const RuleNet& net, RuleSettings settings) {
    return make_rule("threshold", net, settings, Rng(5));
}

RuleSettings settings_with(float T, ThresholdScale scale = ThresholdScale::Absolute,
                           Accumulation acc = Accumulation::Plain, float decay = 0.9f) {
    RuleSettings s;
    s.threshold = T;
    s.threshold_scale = scale;
    s.accumulation = acc;
    s.accumulation_decay = decay;
    return s;
}

// Largest weight or bias difference relative to the largest weight.
double max_relative_difference(const RuleNet& a, const RuleNet& b) {
    double diff = 0, scale = 1e-30;
    for (std::size_t l = 0; l < a.layers(); ++l) {
        diff = std::max<double>(diff, (a.master_weight(l) - b.master_weight(l)).cwiseAbs().maxCoeff());
        diff = std::max<double>(diff, (a.master_bias(l) - b.master_bias(l)).cwiseAbs().maxCoeff());
        scale = std::max<double>(scale, a.master_weight(l).cwiseAbs().maxCoeff());
    }
    return diff / scale;
}

struct Reference {
    float loss = 0;
    int correct = 0;
    std::vector<LayerCounts> counts;
};

// Per-sample SGD: backprop on each sample alone (batch 1) and one optimizer step after it. What the rule
// should count at T = 0 follows from the same passes: a connection fires when its gradient entry is non-zero,
// and a neuron notifies its connections when its error is non-zero.
Reference per_sample_sgd(RuleNet& net, const Mat& X, const std::vector<std::int32_t>& labels) {
    BatchMlp& mlp = net.mlp();
    Reference ref;
    ref.counts.resize(net.layers());
    Mat P(mlp.out(), 1), dZ(mlp.out(), 1);
    double loss = 0;
    for (Eigen::Index s = 0; s < X.cols(); ++s) {
        const Mat x = X.col(s);
        mlp.forward(x);
        int ok = 0;
        loss += softmax_cross_entropy(mlp.logits(), std::span(labels).subspan(static_cast<std::size_t>(s), 1),
                                      P.leftCols(1), dZ.leftCols(1), &ok);
        ref.correct += ok;
        mlp.backward(x, dZ, false);
        for (std::size_t l = 0; l < net.layers(); ++l) {
            net.weight_grad(l) = mlp.weight_grad(l);
            net.bias_grad(l) = mlp.bias_grad(l);
            const Vec& gb = mlp.bias_grad(l);
            ref.counts[l].fired += (mlp.weight_grad(l).array() != 0.f).count() + (gb.array() != 0.f).count();
            ref.counts[l].notifications += (gb.array() != 0.f).count() * (mlp.layers()[l].in() + 1);
        }
        net.step();
    }
    ref.loss = static_cast<float>(loss / static_cast<double>(X.cols()));
    return ref;
}

TEST(ThresholdRule, ZeroThresholdIsPerSampleSgd) {
    for (Activation hidden : {Activation::Relu, Activation::Tanh}) {
        const RuleNetSpec spec = spec_of({4, 6, 3}, hidden, 0.2f);
        Rng init_a(7), init_b(7);
        RuleNet net(spec, init_a), reference(spec, init_b);
        const Mat X = random_inputs(4, 20, 3);
        const auto labels = random_labels(20, 3, 4);
        auto rule = threshold_rule(net, settings_with(0.f));
        std::vector<LayerCounts> counts(2);
        int correct = -1;
        // Two batches: the state between calls must carry on as one stream of samples.
        float loss = rule->train(net, X.leftCols(12), std::span(labels).first(12), counts, &correct) * 12.f;
        int correct_2 = -1;
        loss += rule->train(net, X.rightCols(8), std::span(labels).subspan(12), counts, &correct_2) * 8.f;
        const Reference ref = per_sample_sgd(reference, X, labels);

        EXPECT_LT(max_relative_difference(net, reference), 1e-6) << to_string(hidden);
        EXPECT_NEAR(loss / 20.f, ref.loss, 1e-5f);
        EXPECT_EQ(correct + correct_2, ref.correct);
        for (std::size_t l = 0; l < 2; ++l) {
            EXPECT_EQ(counts[l].fired, ref.counts[l].fired) << "layer " << l;
            EXPECT_EQ(counts[l].notifications, ref.counts[l].notifications) << "layer " << l;
        }
        // The output layer's errors are never zero, so it is notified in full; under ReLU some hidden neurons
        // are off each sample and stay silent.
        EXPECT_EQ(counts[1].notifications, 20 * 3 * 7);
        if (hidden == Activation::Relu) {
            EXPECT_LT(counts[0].notifications, 20 * 6 * 5);
        }
        EXPECT_GT(counts[0].notifications, 0);
    }
}

TEST(ThresholdRule, ThresholdAboveEverythingChangesNothing) {
    const RuleNetSpec spec = spec_of({4, 6, 3}, Activation::Relu, 0.2f);
    Rng init_a(7), init_b(7);
    RuleNet net(spec, init_a), untouched(spec, init_b);
    const Mat X = random_inputs(4, 20, 3);
    const auto labels = random_labels(20, 3, 4);
    auto rule = threshold_rule(net, settings_with(1e30f));
    std::vector<LayerCounts> counts(2);
    rule->train(net, X, labels, counts, nullptr);
    for (std::size_t l = 0; l < 2; ++l) {
        EXPECT_TRUE((net.master_weight(l).array() == untouched.master_weight(l).array()).all());
        EXPECT_TRUE((net.master_bias(l).array() == untouched.master_bias(l).array()).all());
        EXPECT_EQ(counts[l].fired, 0);
        EXPECT_EQ(net.updates()[l], 0);
    }
    EXPECT_EQ(counts[1].notifications, 20 * 3 * (6 + 1));
    EXPECT_EQ(counts[0].notifications, 0);
    // What did not fire is still there, waiting.
    EXPECT_NE(static_cast<ThresholdRule&>(*rule).accumulator(1, 0, 0), 0.f);
}

TEST(ThresholdRule, EachLayerFiresAtItsOwnThreshold) {
    const RuleNetSpec spec = spec_of({4, 6, 5, 3}, Activation::Relu, 0.2f);
    const Mat X = random_inputs(4, 30, 3);
    const auto labels = random_labels(30, 3, 4);
    struct Run {
        std::vector<Mat> W;
        std::vector<LayerCounts> counts{3};
    };
    auto run = [&](RuleSettings settings) {
        Rng init(7);
        RuleNet net(spec, init);
        auto rule = threshold_rule(net, settings);
        Run r;
        rule->train(net, X, labels, r.counts, nullptr);
        for (std::size_t l = 0; l < 3; ++l) r.W.push_back(net.master_weight(l));
        return r;
    };
    Rng init(7);
    const RuleNet untouched(spec, init);

    // The same T on every layer is the global T, bit for bit.
    RuleSettings every = settings_with(0.01f);
    every.layer_thresholds = {0.01f, 0.01f, 0.01f};
    const Run global = run(settings_with(0.01f)), listed = run(every);
    for (std::size_t l = 0; l < 3; ++l) EXPECT_TRUE(global.W[l] == listed.W[l]) << l;

    // The first layer out of reach: the two above still learn, it never changes (though it hears errors).
    RuleSettings low = settings_with(0.f);
    low.layer_thresholds = {1e30f, 0.f, 0.f};
    const Run held = run(low);
    EXPECT_TRUE(held.W[0] == untouched.master_weight(0));
    EXPECT_EQ(held.counts[0].fired, 0);
    EXPECT_GT(held.counts[0].notifications, 0);
    for (std::size_t l = 1; l < 3; ++l) {
        EXPECT_FALSE(held.W[l] == untouched.master_weight(l)) << l;
        EXPECT_GT(held.counts[l].fired, 0) << l;
    }

    // The output out of reach: no credit goes further down, so nothing below is told anything.
    RuleSettings top = settings_with(0.f);
    top.layer_thresholds = {0.f, 0.f, 1e30f};
    const Run silent = run(top);
    for (std::size_t l = 0; l < 3; ++l) EXPECT_EQ(silent.counts[l].fired, 0) << l;
    EXPECT_EQ(silent.counts[0].notifications + silent.counts[1].notifications, 0);
}

// A 2-2-2 net by hand: x = (1, 0.3), hidden ReLU h = (x0, 0.1·x1), output z = W1·h.
struct HandNet {
    RuleNetSpec spec = spec_of({2, 2, 2}, Activation::Relu, 0.5f);
    Rng init{1};
    RuleNet net{spec, init};
    Mat W0{2, 2}, W1{2, 2};
    Vec b0 = Vec::Zero(2), b1 = Vec::Zero(2);

    HandNet() {
        W0 << 1.f, 0.f, 0.f, 0.1f;
        W1 << 1.f, -1.f, 0.5f, 2.f;
        const std::vector<Mat> W{W0, W1};
        const std::vector<Vec> b{b0, b1};
        net.restore(W, b);
    }
};

// The output error δ = softmax(z) − onehot(label) of the hand net (double), with its hidden activity h.
void hand_errors(const Mat& W0, const Vec& b0, const Mat& W1, const Vec& b1, const Vec& x, int label,
                 Eigen::Vector2d& h, Eigen::Vector2d& delta) {
    const Eigen::Vector2d z0 = (W0 * x + b0).cast<double>();
    h = z0.cwiseMax(0.0);
    const Eigen::Vector2d z = W1.cast<double>() * h + b1.cast<double>();
    const Eigen::Vector2d p =
        (z.array() - z.maxCoeff()).exp().matrix() / (z.array() - z.maxCoeff()).exp().sum();
    delta = p;
    delta(label) -= 1.0;
}

TEST(ThresholdRule, HandSampleFiresOnlyPastThreshold) {
    HandNet hand;
    const float T = 0.09f, lr = 0.5f;
    auto rule_ptr = threshold_rule(hand.net, settings_with(T));
    auto& rule = static_cast<ThresholdRule&>(*rule_ptr);
    Mat X(2, 1);
    X << 1.f, 0.3f;
    const std::vector<std::int32_t> label{0};
    Eigen::Vector2d h, d;
    hand_errors(hand.W0, hand.b0, hand.W1, hand.b1, X.col(0), 0, h, d);
    std::vector<LayerCounts> counts(2);
    rule.train(hand.net, X, label, counts, nullptr);

    // Output layer: h = (1, 0.03), so the shares δ_j·h_0 and the biases' δ_j (|δ| ≈ 0.41) pass T and the
    // shares δ_j·h_1 (≈ 0.012) do not.
    const Mat& W1 = hand.net.master_weight(1);
    for (int j = 0; j < 2; ++j) {
        ASSERT_GT(std::abs(d(j) * h(0)), T);
        ASSERT_LT(std::abs(d(j) * h(1)), T);
        EXPECT_NEAR(W1(j, 0), hand.W1(j, 0) - lr * d(j) * h(0), 1e-6);
        EXPECT_EQ(W1(j, 1), hand.W1(j, 1));
        EXPECT_NEAR(rule.accumulator(1, j, 1), d(j) * h(1), 1e-7);
        EXPECT_EQ(rule.accumulator(1, j, 0), 0.f);
        EXPECT_NEAR(hand.net.master_bias(1)(j), -lr * d(j), 1e-6);
    }
    EXPECT_EQ(counts[1].fired, 4);
    EXPECT_EQ(counts[1].notifications, 2 * 3);

    // Hidden neuron 0 hears both fired connections: δ_h0 = W1(0,0)·δ_0 + W1(1,0)·δ_1 (ReLU on). Neuron 1
    // heard nothing (neither of its connections fired) and stays silent: its row and bias are untouched and
    // its accumulators never woke.
    const double dh0 = hand.W1(0, 0) * d(0) + hand.W1(1, 0) * d(1);
    ASSERT_GT(std::abs(dh0 * 1.0), T);
    ASSERT_LT(std::abs(dh0 * 0.3), T);
    const Mat& W0 = hand.net.master_weight(0);
    EXPECT_NEAR(W0(0, 0), 1.0 - lr * dh0, 1e-6);
    EXPECT_EQ(W0(0, 1), 0.f);
    EXPECT_NEAR(rule.accumulator(0, 0, 1), dh0 * 0.3, 1e-7);
    EXPECT_NEAR(hand.net.master_bias(0)(0), -lr * dh0, 1e-6);
    EXPECT_EQ(W0(1, 0), 0.f);
    EXPECT_EQ(W0(1, 1), 0.1f);
    EXPECT_EQ(hand.net.master_bias(0)(1), 0.f);
    EXPECT_EQ(rule.accumulator(0, 1, 0), 0.f);
    EXPECT_EQ(rule.accumulator(0, 1, 1), 0.f);
    EXPECT_EQ(rule.bias_accumulator(0, 1), 0.f);
    EXPECT_EQ(counts[0].fired, 2);
    EXPECT_EQ(counts[0].notifications, 3);
}

// Two samples on the hand net with T = 0.3: the first fires the output's connections from h_0 and its biases,
// so hidden neuron 0 is notified (its shares, ≈ 0.21 and 0.06, stay below T); the second is a faint input
// whose only shares past T are the output biases', which pass no credit, so the hidden layer is not notified.
// Output connection (j ← 1) is notified both times.
TEST(ThresholdRule, AccumulationModesOnTwoSamples) {
    for (Accumulation mode : {Accumulation::Plain, Accumulation::Momentum, Accumulation::Decaying}) {
        HandNet hand;
        const float T = 0.3f, k = 0.5f;
        auto rule_ptr = threshold_rule(hand.net, settings_with(T, ThresholdScale::Absolute, mode, k));
        auto& rule = static_cast<ThresholdRule&>(*rule_ptr);
        const std::vector<std::int32_t> label{0};
        std::vector<LayerCounts> counts(2);

        Mat x1(2, 1), x2(2, 1);
        x1 << 1.f, 0.3f;
        x2 << 0.01f, 0.003f;
        Eigen::Vector2d h1, d1, h2, d2;
        hand_errors(hand.W0, hand.b0, hand.W1, hand.b1, x1.col(0), 0, h1, d1);
        rule.train(hand.net, x1, label, counts, nullptr);
        const double dh0 = hand.W1(0, 0) * d1(0) + hand.W1(1, 0) * d1(1);
        EXPECT_EQ(counts[0].notifications, 3);
        EXPECT_EQ(counts[0].fired, 0);
        EXPECT_EQ(counts[1].fired, 4);

        hand_errors(hand.net.master_weight(0), hand.net.master_bias(0), hand.net.master_weight(1),
                    hand.net.master_bias(1), x2.col(0), 0, h2, d2);
        rule.train(hand.net, x2, label, counts, nullptr);
        EXPECT_EQ(counts[0].notifications, 3) << "the hidden layer must not hear the second sample";
        EXPECT_EQ(counts[1].fired, 4 + 2);

        // Notified twice: Plain adds, Momentum and Decaying keep k of the first share.
        const double keep = mode == Accumulation::Plain ? 1.0 : k;
        for (int j = 0; j < 2; ++j)
            EXPECT_NEAR(rule.accumulator(1, j, 1), keep * d1(j) * h1(1) + d2(j) * h2(1), 1e-7) << j;
        // Notified once, on the first sample: only Decaying fades with the sample that passed by.
        const double fade = mode == Accumulation::Decaying ? k : 1.0;
        EXPECT_NEAR(rule.accumulator(0, 0, 0), fade * dh0 * 1.0, 1e-7);
        EXPECT_NEAR(rule.accumulator(0, 0, 1), fade * dh0 * 0.3, 1e-7);
        EXPECT_NEAR(rule.bias_accumulator(0, 0), fade * dh0, 1e-7);
    }
}

TEST(ThresholdRule, RelativeThresholdScalesByTheRunningRms) {
    const RuleNetSpec spec = spec_of({4, 6, 3}, Activation::Relu, 0.1f);
    Rng init(11);
    RuleNet net(spec, init);
    auto rule_ptr = threshold_rule(net, settings_with(1.f, ThresholdScale::Relative));
    auto& rule = static_cast<ThresholdRule&>(*rule_ptr);
    const Mat X = random_inputs(4, 2, 21);
    const std::vector<std::int32_t> labels{1, 2};
    std::vector<LayerCounts> counts(2);
    Mat P(3, 1), dZ(3, 1);

    // The output layer's shares of a sample: δ_j·h_i and the biases' δ_j, with δ and h from a forward pass.
    auto shares = [&](Eigen::Index s) {
        net.mlp().forward(X.col(s));
        softmax_cross_entropy(net.mlp().logits(), std::span(labels).subspan(static_cast<std::size_t>(s), 1),
                              P.leftCols(1), dZ.leftCols(1));
        Mat S(3, 7);
        S.leftCols(6) = dZ * net.mlp().activation(0).transpose();
        S.col(6) = dZ.col(0);
        return S;
    };
    const Mat S1 = shares(0);
    const Mat W_before = net.master_weight(1);
    const Vec b_before = net.master_bias(1);
    rule.train(net, X.leftCols(1), std::span(labels).first(1), counts, nullptr);
    // The first sample sets the scale: exactly the shares at least as large as their RMS fire.
    const double rms1 = std::sqrt(S1.cast<double>().array().square().mean());
    EXPECT_NEAR(rule.scale(1), rms1, 1e-6 * rms1);
    const auto past = (S1.array().abs() >= static_cast<float>(rms1));
    EXPECT_EQ(counts[1].fired, past.count());
    ASSERT_GT(past.count(), 0);
    ASSERT_LT(past.count(), S1.size());
    for (int j = 0; j < 3; ++j) {
        for (int i = 0; i < 6; ++i)
            EXPECT_EQ(net.master_weight(1)(j, i) != W_before(j, i), bool(past(j, i))) << j << "," << i;
        EXPECT_EQ(net.master_bias(1)(j) != b_before(j), bool(past(j, 6))) << j;
    }

    // The second sample moves the running mean of share² by kThresholdScaleRate of the way to its own.
    const Mat S2 = shares(1);
    rule.train(net, X.rightCols(1), std::span(labels).subspan(1), counts, nullptr);
    const double ms =
        rms1 * rms1 + kThresholdScaleRate * (S2.cast<double>().array().square().mean() - rms1 * rms1);
    EXPECT_NEAR(rule.scale(1), std::sqrt(ms), 1e-6 * std::sqrt(ms));

    rule.clear_state();
    EXPECT_EQ(rule.scale(1), 0.f);
    for (int j = 0; j < 3; ++j)
        for (int i = 0; i < 6; ++i) EXPECT_EQ(rule.accumulator(1, j, i), 0.f);
}

TEST(ThresholdRule, StateBytesAndClearState) {
    const RuleNetSpec spec = spec_of({4, 6, 3}, Activation::Relu, 0.1f);
    Rng init(2);
    RuleNet net(spec, init);
    auto rule_ptr =
        threshold_rule(net, settings_with(1e30f, ThresholdScale::Absolute, Accumulation::Decaying));
    auto& rule = static_cast<ThresholdRule&>(*rule_ptr);
    // Accumulators for every weight and bias (4 bytes each), the sample each neuron's row faded to (8), one
    // running scale per layer (4).
    EXPECT_EQ(rule.state_bytes(), 4 * 51 + 8 * 9 + 4 * 2);
    const Mat X = random_inputs(4, 5, 8);
    const auto labels = random_labels(5, 3, 9);
    std::vector<LayerCounts> counts(2);
    rule.train(net, X, labels, counts, nullptr);
    EXPECT_NE(rule.bias_accumulator(1, 0), 0.f);
    rule.clear_state();
    for (int j = 0; j < 3; ++j) {
        EXPECT_EQ(rule.bias_accumulator(1, j), 0.f);
        for (int i = 0; i < 6; ++i) EXPECT_EQ(rule.accumulator(1, j, i), 0.f);
    }
}

#ifdef PHASOR_COUNT_MALLOC
TEST(ThresholdRule, TrainingAllocatesNothingOnceWarm) {
    for (ThresholdScale scale : {ThresholdScale::Absolute, ThresholdScale::Relative}) {
        const RuleNetSpec spec = spec_of({8, 16, 12, 3}, Activation::Relu, 0.05f, 16);
        Rng init(3);
        RuleNet net(spec, init);
        auto rule = threshold_rule(net, settings_with(scale == ThresholdScale::Absolute ? 1e-3f : 0.5f, scale,
                                                      Accumulation::Decaying));
        const Mat X = random_inputs(8, 16, 1);
        const auto labels = random_labels(16, 3, 2);
        std::vector<LayerCounts> counts(3);
        int correct = 0;
        rule->train(net, X, labels, counts, &correct);
        const long mallocs = testing::count_mallocs(
            [&] { rule->train(net, X.leftCols(10), std::span(labels).first(10), counts, &correct); });
        EXPECT_EQ(mallocs, 0);
    }
}
#endif

// Mean accuracy of the net's argmax on (X, labels).
double accuracy(RuleNet& net, LearningRule& rule, const rules_test::Blobs& data) {
    std::vector<std::int32_t> predicted(data.labels.size());
    const Eigen::Index B = net.spec().max_batch;
    for (Eigen::Index c = 0; c < data.X.cols(); c += B) {
        const Eigen::Index n = std::min(B, data.X.cols() - c);
        rule.predict(net, data.X.middleCols(c, n),
                     std::span(predicted).subspan(static_cast<std::size_t>(c), n));
    }
    int right = 0;
    for (std::size_t i = 0; i < predicted.size(); ++i) right += predicted[i] == data.labels[i];
    return double(right) / double(predicted.size());
}

// Threshold rule, T = 0.05 absolute, lr 0.05, batches of 16, on 4 blobs in 8-D: 90% held-out accuracy within
// 10 batches (measured: first reached after 6, and 5 to 7 over other seeds).
TEST(ThresholdRule, LearnsBlobs) {
    const auto train = rules_test::make_blobs(480, 8, 3, 4, 0.35f, 1);
    const auto test = rules_test::make_blobs(400, 8, 3, 4, 0.35f, 2);
    const RuleNetSpec spec = spec_of({8, 16, 4}, Activation::Relu, 0.05f, 16);
    Rng init(4);
    RuleNet net(spec, init);
    auto rule = threshold_rule(net, settings_with(0.05f));
    std::vector<LayerCounts> counts(2);
    const int budget = 10;
    for (int batch = 0; batch < budget; ++batch) {
        const Eigen::Index start = (batch * 16) % train.X.cols();
        rule->train(net, train.X.middleCols(start, 16),
                    std::span(train.labels).subspan(static_cast<std::size_t>(start), 16), counts, nullptr);
    }
    EXPECT_GE(accuracy(net, *rule, test), 0.9);
    // Below T some shares wait in their accumulators: fewer connections fired than were notified.
    EXPECT_LT(counts[0].fired, counts[0].notifications);
}

} // namespace
} // namespace phasor
