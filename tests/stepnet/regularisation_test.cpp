// train.l2 and train.l1: the weight gradient the optimizer gets is the gradient of the regularised loss
// (checked against finite differences), the biases are left alone, and attention re-weights the regularised
// gradient rather than the plain one.
#include "test_support.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace phasor {
namespace {

using testing::frozen_config;
using testing::reference_backprop;

const std::vector<Activation> kActs{Activation::Tanh, Activation::Tanh, Activation::Softmax};

// A network frozen after a few ticks of one held sample, and that sample.
struct Held {
    StepNet net;
    Vec x;
    int label = 0;
    explicit Held(const StepNetConfig& config) : net(config) {
        testing::Picture picture(net);
        for (int t = 0; t < 6; ++t) net.tick(); // the input is held for 50 ticks: every layer holds it
        picture.fill(net);
        x = Eigen::Map<const Vec>(picture.view().input.data(), 4);
        label = picture.view().input_label;
    }
};

StepNetConfig regularised(float l2, float l1, bool attention) {
    StepNetConfig c = frozen_config({4, 6, 5, 3}, kActs, BackwardMode::Aligned, 50);
    c.l2 = l2;
    c.l1 = l1;
    c.attention = attention;
    return c;
}

// Cross-entropy of the settled forward plus l2/2·Σ‖W‖² + l1·Σ|W|, in double from float forwards.
double regularised_loss(const std::vector<DenseLayer>& layers, const Vec& x, int label, float l2, float l1) {
    Vec a = x, z, p, dz;
    for (const DenseLayer& layer : layers) {
        Vec next;
        layer.forward(a, z, next);
        a = next;
    }
    double loss = softmax_cross_entropy(z, label, p, dz);
    for (const DenseLayer& layer : layers) {
        loss += 0.5 * l2 * static_cast<double>(layer.W.squaredNorm());
        loss += l1 * static_cast<double>(layer.W.cwiseAbs().sum());
    }
    return loss;
}

TEST(Regularisation, WeightGradientMatchesFiniteDifferencesOfTheRegularisedLoss) {
    const float l2 = 0.3f, l1 = 0.05f, h = 1e-2f;
    Held held(regularised(l2, l1, false));
    std::vector<DenseLayer> layers = held.net.layers();
    int checked = 0;
    for (std::size_t l = 0; l < layers.size(); ++l) {
        Mat& W = layers[l].W;
        for (Eigen::Index k = 0; k < W.size(); ++k) {
            const float w = W.data()[k];
            if (std::abs(w) < 2 * h) continue; // |w| has a kink at 0 that a difference would straddle
            W.data()[k] = w + h;
            const double up = regularised_loss(layers, held.x, held.label, l2, l1);
            W.data()[k] = w - h;
            const double down = regularised_loss(layers, held.x, held.label, l2, l1);
            W.data()[k] = w;
            const double numeric = (up - down) / (2.0 * h);
            EXPECT_NEAR(held.net.weight_gradient(static_cast<int>(l)).data()[k], numeric, 2e-3)
                << "layer " << l << " entry " << k;
            ++checked;
        }
    }
    EXPECT_GT(checked, 40);
}

TEST(Regularisation, AddsL2WAndL1SignWToTheWeightsOnly) {
    const float l2 = 0.25f, l1 = 0.125f;
    Held plain(regularised(0.f, 0.f, false));
    Held held(regularised(l2, l1, false));
    ASSERT_TRUE(testing::same_weights(plain.net, held.net)); // frozen: the regularisation moved nothing
    const auto reference = reference_backprop(held.net.layers(), held.x, held.label);
    for (int l = 0; l < held.net.layer_count(); ++l) {
        const auto li = static_cast<std::size_t>(l);
        const Mat& W = held.net.layers()[li].W;
        const Mat expected = reference.w[li] + l2 * W + l1 * W.cwiseSign();
        EXPECT_LT((held.net.weight_gradient(l) - expected).cwiseAbs().maxCoeff(), 1e-6f) << l;
        EXPECT_LT((plain.net.weight_gradient(l) - reference.w[li]).cwiseAbs().maxCoeff(), 1e-6f) << l;
        EXPECT_EQ(held.net.bias_gradient(l), plain.net.bias_gradient(l)) << "biases are not regularised";
    }
}

TEST(Regularisation, AttentionReweightsTheRegularisedGradient) {
    const float l2 = 0.5f, l1 = 0.02f;
    Held held(regularised(l2, l1, true));
    const auto reference = reference_backprop(held.net.layers(), held.x, held.label);
    for (int l = 0; l < held.net.layer_count(); ++l) {
        const auto li = static_cast<std::size_t>(l);
        const Mat& W = held.net.layers()[li].W;
        Mat expected = reference.w[li] + l2 * W + l1 * W.cwiseSign();
        Vec factors(expected.size());
        apply_gradient_attention({expected.data(), static_cast<std::size_t>(expected.size())},
                                 {factors.data(), static_cast<std::size_t>(factors.size())}, 1.f);
        EXPECT_LT((held.net.weight_gradient(l) - expected).cwiseAbs().maxCoeff(), 1e-5f) << l;
    }
}

TEST(Regularisation, L2ShrinksTheWeightsOfATrainingRun) {
    StepNetConfig plain;
    StepNetConfig decayed = plain;
    decayed.l2 = 0.05f;
    StepNetConfig sparse = plain;
    sparse.l1 = 0.01f;
    StepNet a(plain), b(decayed), c(sparse);
    for (int t = 0; t < 3000; ++t) {
        a.tick();
        b.tick();
        c.tick();
    }
    auto norm = [](const StepNet& net, int p) {
        double sum = 0;
        for (const auto& layer : net.layers())
            sum += p == 2 ? static_cast<double>(layer.W.squaredNorm())
                          : static_cast<double>(layer.W.cwiseAbs().sum());
        return sum;
    };
    EXPECT_LT(norm(b, 2), norm(a, 2));
    EXPECT_LT(norm(c, 1), norm(a, 1));
}

} // namespace
} // namespace phasor
