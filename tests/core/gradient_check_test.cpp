// Finite-difference checks of every activation, loss and the dense layer's backward pass.
#include "engine/core/activation.hpp"
#include "engine/core/dense.hpp"
#include "engine/core/loss.hpp"
#include "engine/core/rng.hpp"

#include <functional>
#include <gtest/gtest.h>

namespace phasor {
namespace {

// Central differences in double over a float function, so the check is limited by float rounding only.
Eigen::VectorXd numeric_gradient(const std::function<double(const Vec&)>& f, const Vec& x,
                                 float eps = 1e-3f) {
    Eigen::VectorXd g(x.size());
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        Vec xp = x, xm = x;
        xp[i] += eps;
        xm[i] -= eps;
        g[i] = (f(xp) - f(xm)) / (2.0 * eps);
    }
    return g;
}

void expect_close(const Vec& analytic, const Eigen::VectorXd& numeric, double tol = 2e-3) {
    ASSERT_EQ(analytic.size(), numeric.size());
    for (Eigen::Index i = 0; i < analytic.size(); ++i)
        EXPECT_NEAR(analytic[i], numeric[i], tol * (1.0 + std::abs(numeric[i]))) << "entry " << i;
}

Vec random_vec(Rng& rng, int n, float scale = 1.f) {
    Vec v(n);
    for (int i = 0; i < n; ++i) v[i] = rng.normal(0.f, scale);
    // Keep relu-like kinks away from the finite-difference step.
    for (int i = 0; i < n; ++i)
        if (std::abs(v[i]) < 0.05f) v[i] = v[i] < 0 ? -0.1f : 0.1f;
    return v;
}

class ActivationGradient : public ::testing::TestWithParam<Activation> {};

TEST_P(ActivationGradient, MatchesFiniteDifferences) {
    const Activation f = GetParam();
    Rng rng(7);
    const Vec z = random_vec(rng, 6);
    const Vec w = random_vec(rng, 6); // L = w · f(z), so dL/da = w
    Vec a, d;
    activate(f, z, a);
    activation_backward(f, z, a, w, d);
    auto loss = [&](const Vec& zz) {
        Vec aa;
        activate(f, zz, aa);
        return static_cast<double>(w.dot(aa));
    };
    expect_close(d, numeric_gradient(loss, z));
}

INSTANTIATE_TEST_SUITE_P(All, ActivationGradient,
                         ::testing::Values(Activation::Identity, Activation::Relu, Activation::LeakyRelu,
                                           Activation::Tanh, Activation::Sigmoid, Activation::Softmax),
                         [](const auto& info) { return std::string(to_string(info.param)); });

TEST(Activation, SoftmaxIsADistributionEvenForHugeLogits) {
    Vec z(3);
    z << 1e30f, 0.f, -1e30f;
    Vec a;
    activate(Activation::Softmax, z, a);
    EXPECT_TRUE(a.allFinite());
    EXPECT_NEAR(a.sum(), 1.f, 1e-6f);
    EXPECT_FLOAT_EQ(a[0], 1.f);
}

TEST(Activation, NamesRoundTrip) {
    for (auto f : {Activation::Identity, Activation::Relu, Activation::LeakyRelu, Activation::Tanh,
                   Activation::Sigmoid, Activation::Softmax})
        EXPECT_EQ(parse_activation(to_string(f)), f);
    EXPECT_FALSE(parse_activation("gelu"));
}

TEST(Loss, SoftmaxCrossEntropyGradient) {
    Rng rng(3);
    const Vec z = random_vec(rng, 5, 2.f);
    Vec p, dz;
    const float loss = softmax_cross_entropy(z, 2, p, dz);
    EXPECT_NEAR(loss, -std::log(p[2]), 1e-5f);
    EXPECT_NEAR(p.sum(), 1.f, 1e-6f);
    auto f = [&](const Vec& zz) {
        Vec pp, dd;
        return static_cast<double>(softmax_cross_entropy(zz, 2, pp, dd));
    };
    expect_close(dz, numeric_gradient(f, z));
}

// The stepped network scores the softmax its forward computed; that must be the loss and gradient computed
// from the logits alone, to the bit.
TEST(Loss, CrossEntropyFromTheForwardSoftmaxIsTheSame) {
    Rng rng(8);
    for (int n : {2, 3, 10, 17, 40}) {
        const Vec z = random_vec(rng, n, 3.f);
        Vec p, dz;
        const float loss = softmax_cross_entropy(z, 1, p, dz);
        Vec a, dz2;
        const SoftmaxNorm norm = softmax(z, a);
        const float loss2 = softmax_cross_entropy(z, a, norm, 1, dz2);
        Vec activated;
        activate(Activation::Softmax, z, activated);
        EXPECT_EQ(loss, loss2);
        EXPECT_TRUE(p == a && a == activated && dz == dz2) << n;
    }
}

TEST(Loss, CrossEntropyStaysFiniteForConfidentWrongOutputs) {
    Vec z(2);
    z << 200.f, -200.f;
    Vec p, dz;
    const float loss = softmax_cross_entropy(z, 1, p, dz);
    EXPECT_TRUE(std::isfinite(loss));
    EXPECT_NEAR(loss, 400.f, 1e-3f);
}

TEST(Loss, MseGradient) {
    Rng rng(4);
    const Vec a = random_vec(rng, 4);
    Vec da;
    const float loss = mse(a, 1, da);
    Vec y = Vec::Zero(4);
    y[1] = 1.f;
    EXPECT_NEAR(loss, 0.5f * (a - y).squaredNorm(), 1e-6f);
    auto f = [&](const Vec& aa) {
        Vec d;
        return static_cast<double>(mse(aa, 1, d));
    };
    expect_close(da, numeric_gradient(f, a));
}

class DenseGradient : public ::testing::TestWithParam<std::tuple<Activation, Init>> {};

// L = w · f(W x + b): check dL/dW, dL/db and dL/dx.
TEST_P(DenseGradient, WeightsBiasAndInput) {
    const auto [f, init] = GetParam();
    Rng rng(11);
    DenseLayer layer(5, 4, f);
    layer.initialise(init, rng);
    layer.b = random_vec(rng, 4, 0.3f);
    const Vec x = random_vec(rng, 5);
    const Vec w = random_vec(rng, 4);

    Vec z, a, delta, dx;
    Mat gW;
    Vec gb;
    layer.forward(x, z, a);
    layer.backward(x, z, a, w, delta, gW, gb, &dx);

    auto loss_with = [&](const DenseLayer& l, const Vec& xx) {
        Vec zz, aa;
        l.forward(xx, zz, aa);
        return static_cast<double>(w.dot(aa));
    };
    const Vec flat_w = Eigen::Map<const Vec>(layer.W.data(), layer.W.size());
    auto by_w = [&](const Vec& ww) {
        DenseLayer l = layer;
        l.W = Eigen::Map<const Mat>(ww.data(), 4, 5);
        return loss_with(l, x);
    };
    auto by_b = [&](const Vec& bb) {
        DenseLayer l = layer;
        l.b = bb;
        return loss_with(l, x);
    };
    auto by_x = [&](const Vec& xx) { return loss_with(layer, xx); };
    expect_close(Eigen::Map<const Vec>(gW.data(), gW.size()), numeric_gradient(by_w, flat_w));
    expect_close(gb, numeric_gradient(by_b, layer.b));
    expect_close(dx, numeric_gradient(by_x, x));
}

INSTANTIATE_TEST_SUITE_P(All, DenseGradient,
                         ::testing::Combine(::testing::Values(Activation::Identity, Activation::Relu,
                                                              Activation::LeakyRelu, Activation::Tanh,
                                                              Activation::Sigmoid, Activation::Softmax),
                                            ::testing::Values(Init::Xavier, Init::He)));

TEST(DenseInit, XavierBoundsAndHeSpread) {
    Rng rng(5);
    DenseLayer xavier(64, 32, Activation::Tanh);
    xavier.initialise(Init::Xavier, rng);
    const float r = std::sqrt(6.f / 96.f);
    EXPECT_LE(xavier.W.cwiseAbs().maxCoeff(), r);
    EXPECT_GT(xavier.W.cwiseAbs().maxCoeff(), 0.9f * r);
    DenseLayer he(200, 100, Activation::Relu);
    he.initialise(Init::He, rng);
    const float mean = he.W.mean();
    const float var = (he.W.array() - mean).square().mean();
    EXPECT_NEAR(std::sqrt(var), std::sqrt(2.f / 200.f), 0.005f);
    EXPECT_TRUE(he.b.isZero());
}

TEST(Rng, SameSeedSameStreamAndSaneMoments) {
    Rng a(42), b(42), c(43);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next_u64(), b.next_u64());
    EXPECT_NE(Rng(42).next_u64(), c.next_u64());
    Rng r(9);
    double sum = 0, sq = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double v = r.normal();
        sum += v;
        sq += v * v;
    }
    EXPECT_NEAR(sum / n, 0.0, 0.01);
    EXPECT_NEAR(sq / n, 1.0, 0.02);
    for (int i = 0; i < 1000; ++i) {
        const float u = r.uniform();
        EXPECT_GE(u, 0.f);
        EXPECT_LT(u, 1.f);
        const int k = r.below(6);
        EXPECT_GE(k, 0);
        EXPECT_LT(k, 6);
    }
}

} // namespace
} // namespace phasor
