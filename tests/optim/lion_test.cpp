// Lion against the paper's update computed by hand in double: c = β₁m + (1−β₁)g, w ← w − lr·(sign(c) + λw),
// m ← β₂m + (1−β₂)g, with the decay only on decaying tensors.
#include "engine/core/error.hpp"
#include "engine/optim/optimizer.hpp"
#include "support/allocation_counter.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace phasor {
namespace {

using Floats = std::vector<float>;

void step(Optimizer& opt, int slot, Floats& w, const Floats& g, float lr) {
    opt.update(slot, w, g, lr);
}

struct LionReference {
    double b1, b2, lambda;
    std::vector<double> w, m;
    void step(const Floats& g, double lr) {
        for (std::size_t k = 0; k < w.size(); ++k) {
            const double c = b1 * m[k] + (1 - b1) * g[k];
            const double sign = c > 0 ? 1.0 : c < 0 ? -1.0 : 0.0;
            w[k] -= lr * (sign + lambda * w[k]);
            m[k] = b2 * m[k] + (1 - b2) * g[k];
        }
    }
};

// Gradients whose sign flips at step 3 for entry 0, so that the interpolation c and the momentum m disagree:
// after g = 1, 1 the momentum (β₂ = 0.99) is 0.0199, and c at step 3 is 0.9·0.0199 + 0.1·(−0.5) < 0 while a
// momentum-only sign would be > 0.
const std::vector<Floats> kGradients{
    {1.f, -0.25f, 0.f, 2.f}, {1.f, 0.5f, 0.f, -3.f}, {-0.5f, 0.5f, 0.f, 0.125f}, {0.25f, -1.f, 0.f, 1.f}};

void expect_follows(float weight_decay, bool decays) {
    const OptimizerSpec spec{.name = "lion", .weight_decay = weight_decay, .beta1 = 0.9f, .beta2 = 0.99f};
    auto opt = make_optimizer(spec);
    const int slot = opt->add_tensor(4, decays);
    Floats w{1.f, -2.f, 0.5f, 0.f};
    LionReference ref{
        0.9, 0.99, decays ? static_cast<double>(weight_decay) : 0.0, {1.0, -2.0, 0.5, 0.0}, {0, 0, 0, 0}};
    const float lr = 0.05f;
    for (std::size_t s = 0; s < kGradients.size(); ++s) {
        step(*opt, slot, w, kGradients[s], lr);
        ref.step(kGradients[s], static_cast<double>(lr));
        for (std::size_t k = 0; k < w.size(); ++k)
            EXPECT_NEAR(w[k], ref.w[k], 2e-6) << "decay " << weight_decay << (decays ? "" : " (not decaying)")
                                              << " step " << s + 1 << " entry " << k;
    }
}

TEST(Lion, FollowsTheHandComputedStepsWithoutDecay) {
    expect_follows(0.f, true);
}
TEST(Lion, FollowsTheHandComputedStepsWithDecay) {
    expect_follows(0.5f, true);
}
TEST(Lion, NoDecayOnTensorsThatDoNotDecay) {
    expect_follows(0.5f, false);
}

TEST(Lion, FirstStepsByHand) {
    auto opt = make_optimizer({.name = "lion", .weight_decay = 0.5f, .beta1 = 0.9f, .beta2 = 0.99f});
    const int weights = opt->add_tensor(3, true), bias = opt->add_tensor(3, false);
    Floats w{1.f, -2.f, 0.5f}, b{1.f, -2.f, 0.5f};
    // m = 0: c = 0.1·g, so every weight with a gradient moves by lr whatever the gradient's size, and one
    // without moves by its decay alone.
    step(*opt, weights, w, {0.001f, -1000.f, 0.f}, 0.25f);
    step(*opt, bias, b, {0.001f, -1000.f, 0.f}, 0.25f);
    EXPECT_EQ(w, (Floats{1.f - 0.25f * 1.5f, -2.f + 0.25f * (1.f + 1.f), 0.5f - 0.25f * 0.25f}));
    EXPECT_EQ(b, (Floats{0.75f, -1.75f, 0.5f}));
    // Second step on the bias: m = (0.00001, −10, 0); with g = (−1, 0, 0) c = (9e-6 − 0.1, −9, 0).
    step(*opt, bias, b, {-1.f, 0.f, 0.f}, 0.25f);
    EXPECT_EQ(b, (Floats{1.f, -1.5f, 0.5f}));
}

TEST(Lion, ClearedStateForgetsTheMomentum) {
    auto opt = make_optimizer({.name = "lion", .beta1 = 0.9f, .beta2 = 0.99f});
    const int slot = opt->add_tensor(1, false);
    Floats w{0.f};
    for (int i = 0; i < 5; ++i) step(*opt, slot, w, {1.f}, 1.f); // m ≈ 0.049
    step(*opt, slot, w, {-0.1f}, 1.f);                           // c = 0.9·0.049 − 0.01 > 0: still down
    EXPECT_EQ(w[0], -6.f);
    opt->clear_state();
    step(*opt, slot, w, {-0.1f}, 1.f); // m = 0: the gradient's own sign
    EXPECT_EQ(w[0], -5.f);
}

std::string rejection(Optimizer& opt, const OptimizerSpec& spec) {
    try {
        opt.set_hyper(spec);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(Lion, LiveHyperParametersKeepTheMomentum) {
    auto opt = make_optimizer({.name = "lion", .beta1 = 0.9f, .beta2 = 0.99f});
    const int slot = opt->add_tensor(1, true);
    Floats w{0.f};
    step(*opt, slot, w, {1.f}, 1.f); // m = 0.01
    opt->set_hyper({.name = "lion", .weight_decay = 0.5f, .beta1 = 0.5f, .beta2 = 0.5f});
    EXPECT_EQ(opt->spec().beta1, 0.5f);
    // c = 0.5·0.01 + 0.5·(−0.004) > 0 with the momentum kept (it would be < 0 from rest):
    // w ← −1 − (1 + 0.5·(−1)) = −1.5.
    step(*opt, slot, w, {-0.004f}, 1.f);
    EXPECT_EQ(w[0], -1.5f);
    EXPECT_EQ(rejection(*opt, {.name = "lion", .beta1 = 1.f}), "beta1 must be in [0, 1), got 1");
    EXPECT_EQ(rejection(*opt, {.name = "lion", .beta2 = -0.5f}), "beta2 must be in [0, 1), got -0.5");
    EXPECT_EQ(rejection(*opt, {.name = "adamw"}),
              "optimizer cannot change from 'lion' to 'adamw' while training (reset the run)");
    EXPECT_EQ(rejection(*opt, {.name = "lion", .lookahead_steps = 5}),
              "lookahead_steps cannot change from 0 to 5 while training (reset the run)");
    EXPECT_EQ(opt->spec().beta1, 0.5f);
    EXPECT_EQ(opt->spec().weight_decay, 0.5f);
}

TEST(Lion, LongTensorsUpdateEveryEntry) {
    // The entries in whole vector packets and the ones after them follow the same rule.
    auto opt = make_optimizer({.name = "lion", .weight_decay = 0.25f, .beta1 = 0.9f, .beta2 = 0.99f});
    const int slot = opt->add_tensor(37, true);
    Floats w(37, 1.f), g(37);
    for (std::size_t k = 0; k < g.size(); ++k) g[k] = k % 2 ? 1.f : -1.f;
    step(*opt, slot, w, g, 0.5f);
    for (std::size_t k = 0; k < w.size(); ++k) EXPECT_EQ(w[k], k % 2 ? 0.375f : 1.375f) << k;
}

#ifdef PHASOR_COUNT_MALLOC
TEST(Lion, UpdateAllocatesNothing) {
    auto opt = make_optimizer({.name = "lion", .weight_decay = 0.1f});
    const int slot = opt->add_tensor(100, true);
    Floats w(100, 1.f), g(100, 0.5f);
    step(*opt, slot, w, g, 0.1f);
    EXPECT_EQ(testing::count_mallocs([&] { step(*opt, slot, w, g, 0.1f); }), 0);
}
#endif

} // namespace
} // namespace phasor
