// LAMB against the paper's update computed by hand in double: Adam's bias-corrected moments,
// r = m̂/(√v̂ + ε) + λw (λ only on decaying tensors), φ = ‖w‖/‖r‖ (1 when either norm is 0), w ← w − lr·φ·r.
#include "engine/core/error.hpp"
#include "engine/optim/optimizer.hpp"
#include "support/allocation_counter.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace phasor {
namespace {

using Floats = std::vector<float>;

void step(Optimizer& opt, int slot, Floats& w, const Floats& g, float lr) {
    opt.update(slot, w, g, lr);
}

struct LambReference {
    double b1, b2, eps, lambda;
    std::vector<double> w, m, v;
    int t = 0;
    double last_trust = 0;
    void step(const Floats& g, double lr) {
        ++t;
        std::vector<double> r(w.size());
        double w2 = 0, r2 = 0;
        for (std::size_t k = 0; k < w.size(); ++k) {
            m[k] = b1 * m[k] + (1 - b1) * g[k];
            v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
            const double m_hat = m[k] / (1 - std::pow(b1, t)), v_hat = v[k] / (1 - std::pow(b2, t));
            r[k] = m_hat / (std::sqrt(v_hat) + eps) + lambda * w[k];
            w2 += w[k] * w[k];
            r2 += r[k] * r[k];
        }
        last_trust = w2 > 0 && r2 > 0 ? std::sqrt(w2) / std::sqrt(r2) : 1.0;
        for (std::size_t k = 0; k < w.size(); ++k) w[k] -= lr * last_trust * r[k];
    }
};

const std::vector<Floats> kGradients{
    {0.5f, -1.f, 0.f}, {0.25f, 2.f, -0.125f}, {-1.f, 0.5f, 0.f}, {0.75f, -0.25f, 1.f}};

void expect_follows(float weight_decay, bool decays) {
    const OptimizerSpec spec{
        .name = "lamb", .weight_decay = weight_decay, .beta1 = 0.9f, .beta2 = 0.99f, .eps = 1e-3f};
    auto opt = make_optimizer(spec);
    const int slot = opt->add_tensor(3, decays);
    Floats w{1.f, -2.f, 0.5f};
    LambReference ref{
        0.9,       0.99,     1e-3, decays ? static_cast<double>(weight_decay) : 0.0, {1.0, -2.0, 0.5},
        {0, 0, 0}, {0, 0, 0}};
    const float lr = 0.05f;
    for (const Floats& g : kGradients) {
        step(*opt, slot, w, g, lr);
        ref.step(g, static_cast<double>(lr));
        // The trust ratio is far from 1 here (‖w‖ ≈ 2.3, ‖r‖ ≈ 1.4), so that a missing one shows.
        EXPECT_GT(std::abs(ref.last_trust - 1.0), 0.2) << "step " << ref.t;
        for (std::size_t k = 0; k < w.size(); ++k)
            EXPECT_NEAR(w[k], ref.w[k], 2e-6) << "decay " << weight_decay << (decays ? "" : " (not decaying)")
                                              << " step " << ref.t << " entry " << k;
    }
}

TEST(Lamb, FollowsTheHandComputedStepsWithoutDecay) {
    expect_follows(0.f, true);
}
TEST(Lamb, FollowsTheHandComputedStepsWithDecay) {
    expect_follows(0.1f, true);
}
TEST(Lamb, NoDecayOnTensorsThatDoNotDecay) {
    expect_follows(0.1f, false);
}

TEST(Lamb, FirstStepByHand) {
    // m̂ = g and v̂ = g² at the first step; with ε small r ≈ sign(g) = (1, −1) and ‖r‖ ≈ √2, while ‖w‖ = 5:
    // each weight moves by lr·5/√2 against its gradient.
    auto opt = make_optimizer({.name = "lamb", .eps = 1e-8f});
    const int slot = opt->add_tensor(2, false);
    Floats w{3.f, 4.f};
    step(*opt, slot, w, {2.f, -0.5f}, 0.01f);
    EXPECT_NEAR(w[0], 3.0 - 0.01 * 5 / std::sqrt(2.0), 1e-6);
    EXPECT_NEAR(w[1], 4.0 + 0.01 * 5 / std::sqrt(2.0), 1e-6);
}

TEST(Lamb, TrustRatioIsOneWhenEitherNormIsZero) {
    auto opt = make_optimizer({.name = "lamb", .weight_decay = 0.5f});
    const int zero_weights = opt->add_tensor(2, true), zero_step = opt->add_tensor(2, false);
    // ‖w‖ = 0: the plain Adam step, a full lr per weight, rather than no step at all.
    Floats w{0.f, 0.f};
    step(*opt, zero_weights, w, {1.f, -2.f}, 0.1f);
    EXPECT_NEAR(w[0], -0.1f, 1e-6f);
    EXPECT_NEAR(w[1], 0.1f, 1e-6f);
    // ‖r‖ = 0 (no gradient, no decay): nothing moves, and nothing becomes NaN.
    Floats b{1.f, -1.f};
    step(*opt, zero_step, b, {0.f, 0.f}, 0.1f);
    EXPECT_EQ(b, (Floats{1.f, -1.f}));
}

TEST(Lamb, DecayAloneKeepsTheDirectionAndIsScaledByTheTrustRatio) {
    // m̂ = 0: r = λw, so φ = 1/λ and every weight shrinks by lr·w, whatever λ.
    auto opt = make_optimizer({.name = "lamb", .weight_decay = 0.25f});
    const int slot = opt->add_tensor(2, true);
    Floats w{1.f, -2.f};
    step(*opt, slot, w, {0.f, 0.f}, 0.5f);
    EXPECT_NEAR(w[0], 0.5f, 1e-6f);
    EXPECT_NEAR(w[1], -1.f, 1e-6f);
}

TEST(Lamb, ClearedStateStartsTheBiasCorrectionAgain) {
    auto opt = make_optimizer({.name = "lamb"});
    const int slot = opt->add_tensor(1, false);
    Floats w{2.f};
    // One weight: φ·r = ‖w‖·sign(r), so every step takes lr·|w| (w shrinks by a factor 1 − lr each step).
    for (int i = 0; i < 10; ++i) step(*opt, slot, w, {1.f}, 0.1f);
    EXPECT_NEAR(w[0], 2.0 * std::pow(0.9, 10), 1e-5);
    const float before = w[0];
    opt->clear_state();
    // Against the old sign: without clearing, m̂ would still point down and the weight would shrink again.
    step(*opt, slot, w, {-4.f}, 0.1f);
    EXPECT_NEAR(w[0], before * 1.1f, 1e-5f);
}

TEST(Lamb, ClearedStateResetsTheBiasCorrectionsToo) {
    // Without decay LAMB's step does not see a uniform scaling of m̂/√v̂ (the trust ratio undoes it), so the
    // corrections only show beside the decay term: r = m̂/(√v̂ + ε) + λw.
    auto opt = make_optimizer({.name = "lamb", .weight_decay = 0.5f});
    const int slot = opt->add_tensor(2, true);
    Floats w{1.f, -2.f};
    for (int i = 0; i < 10; ++i) step(*opt, slot, w, {1.f, 1.f}, 0.01f);
    opt->clear_state();
    // The first step again: m̂ = g, v̂ = g², r = g/(|g| + ε) + λw. Had the products of the betas been kept,
    // m̂/√v̂ would come out about 0.15 instead of 1.
    const std::vector<double> w0{w[0], w[1]};
    const Floats g{-4.f, 2.f};
    step(*opt, slot, w, g, 0.01f);
    std::vector<double> r(2);
    double w2 = 0, r2 = 0;
    for (std::size_t k = 0; k < 2; ++k) {
        r[k] = g[k] / (std::abs(g[k]) + 1e-8) + 0.5 * w0[k];
        w2 += w0[k] * w0[k];
        r2 += r[k] * r[k];
    }
    for (std::size_t k = 0; k < 2; ++k)
        EXPECT_NEAR(w[k], w0[k] - 0.01 * std::sqrt(w2 / r2) * r[k], 1e-6) << k;
}

std::string rejection(Optimizer& opt, const OptimizerSpec& spec) {
    try {
        opt.set_hyper(spec);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(Lamb, LiveBetasKeepTheMomentsAndBadValuesAreRefused) {
    auto opt = make_optimizer({.name = "lamb"});
    const int slot = opt->add_tensor(2, false);
    Floats w{3.f, 4.f};
    const Floats g1{1.f, -1.f}, g2{-1.f, -1.f};
    step(*opt, slot, w, g1, 0.01f);
    opt->set_hyper({.name = "lamb", .beta1 = 0.5f, .beta2 = 0.9f, .eps = 1e-6f});
    EXPECT_EQ(opt->spec().beta1, 0.5f);
    step(*opt, slot, w, g2, 0.01f);
    // By hand, the moments carried over and corrected by 1 − Πβ: m̂ = (−0.45, −0.55)/0.55, v̂ = (1, 1).
    // Moments started afresh would give m̂ = g2 and move both weights by the same amount.
    std::vector<double> ref{3.0, 4.0};
    const double phi1 = 5.0 / std::sqrt(2 * std::pow(1.0 / (1.0 + 1e-8), 2));
    for (std::size_t k = 0; k < 2; ++k) ref[k] -= 0.01 * phi1 * g1[k] / (1.0 + 1e-8);
    const double b1 = 0.5, b2 = 0.9, c1 = 1 - 0.9 * b1, c2 = 1 - 0.999 * b2;
    double w2 = 0, r2 = 0;
    std::vector<double> r(2);
    for (std::size_t k = 0; k < 2; ++k) {
        const double m = b1 * 0.1 * g1[k] + (1 - b1) * g2[k];
        const double v = b2 * 0.001 * g1[k] * g1[k] + (1 - b2) * g2[k] * g2[k];
        r[k] = (m / c1) / (std::sqrt(v / c2) + 1e-6);
        w2 += ref[k] * ref[k];
        r2 += r[k] * r[k];
    }
    for (std::size_t k = 0; k < 2; ++k) ref[k] -= 0.01 * std::sqrt(w2 / r2) * r[k];
    EXPECT_NEAR(w[0], ref[0], 2e-6);
    EXPECT_NEAR(w[1], ref[1], 2e-6);
    EXPECT_EQ(rejection(*opt, {.name = "lamb", .beta1 = 1.f}), "beta1 must be in [0, 1), got 1");
    EXPECT_EQ(rejection(*opt, {.name = "lamb", .eps = 0.f}), "eps must be > 0 and finite, got 0");
    EXPECT_EQ(rejection(*opt, {.name = "lamb", .weight_decay = -1.f}),
              "weight_decay must be >= 0 and finite, got -1");
    EXPECT_EQ(rejection(*opt, {.name = "sgd"}),
              "optimizer cannot change from 'lamb' to 'sgd' while training (reset the run)");
    EXPECT_EQ(opt->spec().beta1, 0.5f);
}

TEST(Lamb, TensorsCountTheirOwnSteps) {
    auto opt = make_optimizer({.name = "lamb"});
    const int a = opt->add_tensor(1, false), b = opt->add_tensor(1, false);
    Floats wa{0.f}, wb{0.f};
    for (int i = 0; i < 5; ++i) step(*opt, a, wa, {1.f}, 0.1f);
    // b's first step is bias-corrected as a first step (m̂ = g) though a has taken five.
    step(*opt, b, wb, {-3.f}, 0.1f);
    EXPECT_NEAR(wb[0], 0.1f, 1e-6f);
}

#ifdef PHASOR_COUNT_MALLOC
TEST(Lamb, UpdateAllocatesNothing) {
    auto opt = make_optimizer({.name = "lamb", .weight_decay = 0.1f});
    const int slot = opt->add_tensor(100, true);
    Floats w(100, 1.f), g(100, 0.5f);
    step(*opt, slot, w, g, 0.1f);
    EXPECT_EQ(testing::count_mallocs([&] { step(*opt, slot, w, g, 0.1f); }), 0);
}
#endif

} // namespace
} // namespace phasor
