// Lookahead around the other optimizers: every k updates of a tensor, slow ← slow + α·(fast − slow) and
// fast ← slow, the slow weights taken from the parameters at the tensor's first update; checked against
// hand-computed steps in double, with validation, clear_state and live hyper-parameters.
#include "engine/core/error.hpp"
#include "engine/core/tensor.hpp"
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

Floats gradient(int step, std::size_t size) {
    Floats g(size);
    for (std::size_t k = 0; k < size; ++k) g[k] = 0.3f * std::cos(1.7f * static_cast<float>(step) + k);
    return g;
}

TEST(Lookahead, OneStepWithAlphaOneIsTheInnerOptimizerBitForBit) {
    for (const OptimizerSpec& inner : {OptimizerSpec{.name = "sgd", .momentum = 0.9f, .weight_decay = 0.1f},
                                       OptimizerSpec{.name = "adamw", .weight_decay = 0.1f},
                                       OptimizerSpec{.name = "lion", .weight_decay = 0.1f, .beta2 = 0.99f},
                                       OptimizerSpec{.name = "lamb", .weight_decay = 0.1f}}) {
        OptimizerSpec wrapped = inner;
        wrapped.lookahead_steps = 1;
        wrapped.lookahead_alpha = 1.f;
        auto plain = make_optimizer(inner), lookahead = make_optimizer(wrapped);
        const int a = plain->add_tensor(19, true), b = lookahead->add_tensor(19, true);
        // Eigen's vectors, aligned alike: how many leading entries an update takes one at a time (rounded
        // differently from the vector packets) depends on where the weights lie in memory.
        Vec wa(19), wb(19);
        for (Eigen::Index k = 0; k < 19; ++k) wa[k] = wb[k] = std::sin(static_cast<float>(k));
        for (int s = 0; s < 20; ++s) {
            const Floats g = gradient(s, 19);
            plain->update(a, {wa.data(), 19}, g, 0.01f);
            lookahead->update(b, {wb.data(), 19}, g, 0.01f);
        }
        EXPECT_EQ(wa, wb) << inner.name;
    }
}

// SGD with momentum and decay in double, and Lookahead's synchronisation every k updates.
struct Reference {
    double mu, lambda, alpha;
    int k;
    double w, slow, v = 0;
    int since = 0;
    void step(double g, double lr) {
        v = mu * v + g;
        w -= lr * (v + lambda * w);
        if (++since < k) return;
        since = 0;
        slow += alpha * (w - slow);
        w = slow;
    }
};

TEST(Lookahead, SynchronisesEveryKUpdatesAsByHand) {
    const float lr = 0.1f;
    auto opt = make_optimizer({.name = "sgd",
                               .momentum = 0.5f,
                               .weight_decay = 0.25f,
                               .lookahead_steps = 3,
                               .lookahead_alpha = 0.5f});
    const int slot = opt->add_tensor(1, true);
    Floats w{1.f};
    const std::vector<float> g{1.f, -2.f, 0.5f, 3.f, 1.f, -1.f, 2.f};
    Reference ref{0.5, 0.25, 0.5, 3, 1.0, 1.0};
    for (std::size_t s = 0; s < g.size(); ++s) {
        step(*opt, slot, w, Floats{g[s]}, lr);
        ref.step(g[s], static_cast<double>(lr));
        EXPECT_NEAR(w[0], ref.w, 1e-6) << "step " << s + 1;
        // The synchronisations by hand. Steps 1–3 (v = 1, −1.5, −0.25): fast 0.875, 1.003125, 1.003046875;
        // slow ← 1 + ½(1.003046875 − 1). Steps 4–6 from there, the momentum kept (v = 2.875, 2.4375,
        // 0.21875): fast 0.68898535, 0.42801072, 0.39543545; slow ← 1.0015234375 + ½(0.39543545
        // − 1.0015234375).
        if (s + 1 == 2) {
            EXPECT_NEAR(w[0], 1.003125, 1e-6);
        }
        if (s + 1 == 3) {
            EXPECT_NEAR(w[0], 1.0015234375, 1e-6);
        }
        if (s + 1 == 5) {
            EXPECT_NEAR(w[0], 0.4280107177734374, 1e-6);
        }
        if (s + 1 == 6) {
            EXPECT_NEAR(w[0], 0.6984794436645507, 1e-6);
        }
    }
}

TEST(Lookahead, TensorsCountTheirOwnUpdates) {
    auto opt = make_optimizer({.name = "sgd", .lookahead_steps = 2, .lookahead_alpha = 0.5f});
    const int a = opt->add_tensor(1, false), b = opt->add_tensor(1, false);
    Floats wa{0.f}, wb{0.f};
    step(*opt, a, wa, {1.f}, 1.f); // a: 1 update, fast −1
    step(*opt, b, wb, {1.f}, 1.f); // b: 1 update, fast −1 (not a's second)
    EXPECT_EQ(wa[0], -1.f);
    EXPECT_EQ(wb[0], -1.f);
    step(*opt, a, wa, {1.f}, 1.f); // a: fast −2, synchronised: slow = 0 + ½(−2) = −1
    EXPECT_EQ(wa[0], -1.f);
    EXPECT_EQ(wb[0], -1.f);
}

TEST(Lookahead, SpecIsTheInnerNameWithTheLookaheadFields) {
    auto opt =
        make_optimizer({.name = "lion", .beta2 = 0.99f, .lookahead_steps = 5, .lookahead_alpha = 0.8f});
    EXPECT_EQ(opt->spec().name, "lion");
    EXPECT_EQ(opt->spec().beta2, 0.99f);
    EXPECT_EQ(opt->spec().lookahead_steps, 5);
    EXPECT_EQ(opt->spec().lookahead_alpha, 0.8f);
    // Without lookahead_steps the optimizer is not wrapped: with α = 1 and k = 1 they match, but here k = 0
    // must not synchronise at all (a wrapper taking k = 0 as "every update" would pull back by half).
    auto plain = make_optimizer({.name = "sgd", .lookahead_alpha = 0.5f});
    const int slot = plain->add_tensor(1, false);
    Floats w{0.f};
    step(*plain, slot, w, {1.f}, 1.f);
    EXPECT_EQ(w[0], -1.f);
}

std::string rejection(Optimizer& opt, const OptimizerSpec& spec) {
    try {
        opt.set_hyper(spec);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

std::string made(const OptimizerSpec& spec) {
    try {
        make_optimizer(spec);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(Lookahead, ValidationNamesTheField) {
    EXPECT_EQ(made({.name = "sgd", .lookahead_steps = -1}), "lookahead_steps must be >= 0, got -1");
    EXPECT_EQ(made({.name = "adamw", .lookahead_steps = 5, .lookahead_alpha = 0.f}),
              "lookahead_alpha must be in (0, 1], got 0");
    EXPECT_EQ(made({.name = "adamw", .lookahead_steps = 5, .lookahead_alpha = 1.5f}),
              "lookahead_alpha must be in (0, 1], got 1.5");
    EXPECT_EQ(made({.name = "adamw", .lookahead_steps = 5, .lookahead_alpha = -0.5f}),
              "lookahead_alpha must be in (0, 1], got -0.5");
    EXPECT_EQ(made({.name = "adamw", .lookahead_alpha = NAN}).rfind("lookahead_alpha must be", 0), 0u);
    // Checked with Lookahead off too, so that a value it would refuse later cannot get in now.
    EXPECT_EQ(made({.name = "sgd", .lookahead_alpha = 2.f}), "lookahead_alpha must be in (0, 1], got 2");
    EXPECT_EQ(made({.name = "sgd", .lookahead_steps = 1, .lookahead_alpha = 1.f}), "");
    EXPECT_EQ(made({.name = "lamb", .lookahead_steps = 0}), "");
    EXPECT_EQ(made({.name = "adam", .lookahead_steps = 5}),
              "unknown optimizer 'adam' (known: sgd, adamw, lion, lamb)");
}

TEST(Lookahead, ClearedStateTakesTheSlowWeightsAgain) {
    auto opt =
        make_optimizer({.name = "sgd", .momentum = 0.5f, .lookahead_steps = 2, .lookahead_alpha = 0.5f});
    const int slot = opt->add_tensor(1, false);
    Floats w{0.f};
    step(*opt, slot, w, {1.f}, 1.f); // slow 0, fast −1, one update counted, v = 1
    w[0] = 10.f;                     // weights restored, as a run does before clearing
    opt->clear_state();
    // Slow taken again at 10, the count and the velocity from zero: fast 9 (v = 1), then 7.5 (v = 1.5), and
    // the synchronisation at the second update gives 10 + ½(7.5 − 10). Had the slow weights been kept, it
    // would come one update early, from 0.
    step(*opt, slot, w, {1.f}, 1.f);
    EXPECT_EQ(w[0], 9.f);
    step(*opt, slot, w, {1.f}, 1.f);
    EXPECT_EQ(w[0], 8.75f);
}

TEST(Lookahead, LiveHyperParametersKeepTheSlowWeightsAndTheCount) {
    auto opt = make_optimizer({.name = "sgd", .lookahead_steps = 3, .lookahead_alpha = 0.5f});
    const int slot = opt->add_tensor(1, false);
    Floats w{0.f};
    step(*opt, slot, w, {1.f}, 1.f);
    step(*opt, slot, w, {1.f}, 1.f); // fast −2, slow 0
    opt->set_hyper({.name = "sgd", .momentum = 0.5f, .lookahead_steps = 3, .lookahead_alpha = 0.25f});
    EXPECT_EQ(opt->spec().momentum, 0.5f);
    EXPECT_EQ(opt->spec().lookahead_alpha, 0.25f);
    // Momentum reaches the inner optimizer (v = 1 from rest); the third update synchronises with the new α
    // from the slow weights taken at the start: 0 + ¼(−3 − 0).
    step(*opt, slot, w, {1.f}, 1.f);
    EXPECT_EQ(w[0], -0.75f);
    // k lowered live to 1 with an update already counted: the next update synchronises (and every one after).
    step(*opt, slot, w, {1.f}, 1.f); // v = 1.5: fast −2.25; 1 update, k still 3
    EXPECT_EQ(w[0], -2.25f);
    opt->set_hyper({.name = "sgd", .momentum = 0.5f, .lookahead_steps = 1, .lookahead_alpha = 0.5f});
    step(*opt, slot, w, {1.f}, 1.f); // v = 1.75: fast −4, slow −0.75 + ½(−4 + 0.75) = −2.375
    EXPECT_EQ(w[0], -2.375f);
    EXPECT_EQ(opt->spec().lookahead_steps, 1);

    EXPECT_EQ(rejection(*opt, {.name = "sgd", .lookahead_steps = 1, .lookahead_alpha = 0.f}),
              "lookahead_alpha must be in (0, 1], got 0");
    EXPECT_EQ(rejection(*opt, {.name = "sgd", .momentum = 2.f, .lookahead_steps = 1}),
              "momentum must be in [0, 1), got 2");
    EXPECT_EQ(rejection(*opt, {.name = "sgd", .lookahead_steps = 0}),
              "lookahead_steps cannot change from 1 to 0 while training (reset the run)");
    EXPECT_EQ(rejection(*opt, {.name = "adamw", .lookahead_steps = 1}),
              "optimizer cannot change from 'sgd' to 'adamw' while training (reset the run)");
    EXPECT_EQ(opt->spec().momentum, 0.5f);
    EXPECT_EQ(opt->spec().lookahead_alpha, 0.5f);
    EXPECT_EQ(opt->spec().lookahead_steps, 1);
}

#ifdef PHASOR_COUNT_MALLOC
TEST(Lookahead, UpdateAllocatesNothing) {
    for (const char* name : {"sgd", "adamw", "lion", "lamb"}) {
        auto opt = make_optimizer({.name = name, .momentum = 0.5f, .lookahead_steps = 2});
        const int slot = opt->add_tensor(100, true);
        Floats w(100, 1.f), g(100, 0.5f);
        // The first update takes the slow weights, the second synchronises: neither allocates.
        EXPECT_EQ(testing::count_mallocs([&] {
                      step(*opt, slot, w, g, 0.1f);
                      step(*opt, slot, w, g, 0.1f);
                  }),
                  0)
            << name;
    }
}
#endif

} // namespace
} // namespace phasor
