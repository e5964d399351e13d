// Optimizer updates (SGD, momentum, AdamW, decoupled weight decay, live hyper-parameters) and learning-rate
// schedules.
#include "engine/core/error.hpp"
#include "engine/optim/optimizer.hpp"
#include "engine/optim/schedule.hpp"

#include <cmath>
#include <cstring>
#include <gtest/gtest.h>
#include <vector>

namespace phasor {
namespace {

using Floats = std::vector<float>;

void step(Optimizer& opt, int slot, Floats& w, const Floats& g, float lr) {
    opt.update(slot, w, g, lr);
}

TEST(Sgd, PlainStepIsMinusLrTimesGradient) {
    auto opt = make_optimizer({.name = "sgd", .momentum = 0.f});
    const int slot = opt->add_tensor(3, false);
    Floats w{1.f, 2.f, 3.f};
    step(*opt, slot, w, {0.5f, -1.f, 0.f}, 0.1f);
    EXPECT_FLOAT_EQ(w[0], 0.95f);
    EXPECT_FLOAT_EQ(w[1], 2.1f);
    EXPECT_FLOAT_EQ(w[2], 3.f);
}

TEST(Sgd, MomentumAccumulatesVelocityPerTensor) {
    auto opt = make_optimizer({.name = "sgd", .momentum = 0.9f});
    const int a = opt->add_tensor(1, false), b = opt->add_tensor(1, false);
    Floats wa{0.f}, wb{0.f};
    const Floats g{1.f};
    step(*opt, a, wa, g, 1.f); // v = 1
    step(*opt, a, wa, g, 1.f); // v = 1.9
    step(*opt, b, wb, g, 1.f); // b has its own velocity
    EXPECT_FLOAT_EQ(wa[0], -2.9f);
    EXPECT_FLOAT_EQ(wb[0], -1.f);
    opt->clear_state();
    step(*opt, a, wa, g, 1.f);
    EXPECT_FLOAT_EQ(wa[0], -3.9f);
}

TEST(Sgd, MinimisesAQuadratic) {
    auto opt = make_optimizer({.name = "sgd", .momentum = 0.5f});
    const int slot = opt->add_tensor(2, false);
    Floats w{3.f, -2.f};
    for (int i = 0; i < 200; ++i) step(*opt, slot, w, {2.f * w[0], 2.f * w[1]}, 0.1f); // gradient of |w|²
    EXPECT_LT(std::hypot(w[0], w[1]), 1e-4f);
}

TEST(Sgd, LongTensorsUpdateEveryEntry) {
    // The entries in whole vector packets and the ones after them follow the same rule.
    for (float momentum : {0.f, 0.5f}) {
        auto opt = make_optimizer({.name = "sgd", .momentum = momentum, .weight_decay = 0.25f});
        const int slot = opt->add_tensor(37, true);
        Floats w(37, 1.f);
        step(*opt, slot, w, Floats(37, 1.f), 0.5f);
        for (float v : w) EXPECT_EQ(v, 1.f - 0.5f * (1.f + 0.25f)) << momentum;
    }
}

// Decoupled weight decay, w ← w − lr·(v + λ·w), on values that floats hold exactly, so that the expected
// weights are exact.
TEST(WeightDecay, ShrinksWeightsAsTheFormulaSays) {
    auto opt = make_optimizer({.name = "sgd", .momentum = 0.f, .weight_decay = 0.5f});
    const int slot = opt->add_tensor(2, true);
    Floats w{1.f, -2.f};
    const Floats no_gradient{0.f, 0.f};
    step(*opt, slot, w, no_gradient, 0.5f); // w ← w − 0.5·0.5·w = 0.75 w
    EXPECT_EQ(w, (Floats{0.75f, -1.5f}));
    step(*opt, slot, w, no_gradient, 0.5f);
    EXPECT_EQ(w, (Floats{0.5625f, -1.125f}));
    step(*opt, slot, w, {1.f, -1.f}, 0.5f); // w ← w − 0.5·(g + 0.5·w)
    EXPECT_EQ(w, (Floats{0.5625f - 0.5f * (1.f + 0.28125f), -1.125f - 0.5f * (-1.f - 0.5625f)}));
}

TEST(WeightDecay, LeavesTensorsThatDoNotDecay) {
    auto opt = make_optimizer({.name = "sgd", .momentum = 0.9f, .weight_decay = 0.5f});
    const int weights = opt->add_tensor(2, true), bias = opt->add_tensor(2, false);
    Floats w{1.f, 1.f}, b{1.f, 1.f};
    for (int i = 0; i < 5; ++i) {
        step(*opt, weights, w, {0.f, 0.f}, 0.5f);
        step(*opt, bias, b, {0.f, 0.f}, 0.5f);
    }
    EXPECT_LT(w[0], 0.5f);
    EXPECT_EQ(b, (Floats{1.f, 1.f}));
}

TEST(WeightDecay, DoesNotEnterTheMomentum) {
    // v ← μ v + g from the gradients alone: 1, 1.5, 1.75, 1.875 for μ = ½ and g = 1. The decay only adds λ·w
    // to each step.
    const float lr = 0.5f, mu = 0.5f, lambda = 0.25f;
    auto opt = make_optimizer({.name = "sgd", .momentum = mu, .weight_decay = lambda});
    const int slot = opt->add_tensor(1, true);
    Floats w{1.f};
    float v = 0.f, expected = 1.f;
    for (int i = 0; i < 4; ++i) {
        v = mu * v + 1.f;
        expected -= lr * (v + lambda * expected);
        step(*opt, slot, w, {1.f}, lr);
        EXPECT_EQ(w[0], expected) << "step " << i;
    }
    EXPECT_EQ(expected, -2.026123046875f); // every value on the way is exact in a float
}

TEST(WeightDecay, ZeroIsBitIdenticalToNoDecay) {
    for (float momentum : {0.f, 0.9f}) {
        auto with = make_optimizer({.name = "sgd", .momentum = momentum, .weight_decay = 0.f});
        auto without = make_optimizer({.name = "sgd", .momentum = momentum});
        const int a = with->add_tensor(21, true), b = without->add_tensor(21, false);
        Floats wa(21), wb(21), g(21);
        for (std::size_t k = 0; k < 21; ++k) wa[k] = wb[k] = std::sin(static_cast<float>(k));
        for (int i = 0; i < 50; ++i) {
            for (std::size_t k = 0; k < 21; ++k) g[k] = 0.1f * std::cos(static_cast<float>(i * 21) + k);
            step(*with, a, wa, g, 0.03f);
            step(*without, b, wb, g, 0.03f);
        }
        EXPECT_EQ(std::memcmp(wa.data(), wb.data(), sizeof(float) * 21), 0) << momentum;
    }
}

TEST(LiveHyperParameters, TakeEffectOnTheNextUpdate) {
    auto opt = make_optimizer({.name = "sgd"});
    const int slot = opt->add_tensor(1, true);
    Floats w{1.f};
    step(*opt, slot, w, {0.f}, 0.5f);
    EXPECT_EQ(w[0], 1.f); // no decay yet
    opt->set_hyper({.name = "sgd", .momentum = 0.5f, .weight_decay = 0.5f});
    EXPECT_EQ(opt->spec().momentum, 0.5f);
    EXPECT_EQ(opt->spec().weight_decay, 0.5f);
    step(*opt, slot, w, {1.f}, 0.5f); // v = 1: w ← 1 − 0.5·(1 + 0.5)
    EXPECT_EQ(w[0], 0.25f);
    step(*opt, slot, w, {1.f}, 0.5f); // v = 1.5: w ← 0.25 − 0.5·(1.5 + 0.125)
    EXPECT_EQ(w[0], -0.5625f);
    opt->set_hyper({.name = "sgd"});
    step(*opt, slot, w, {1.f}, 0.5f); // plain again
    EXPECT_EQ(w[0], -1.0625f);
}

TEST(LiveHyperParameters, MomentumSwitchedBackOnStartsFromRest) {
    auto opt = make_optimizer({.name = "sgd", .momentum = 0.5f});
    const int slot = opt->add_tensor(1, false);
    Floats w{0.f};
    step(*opt, slot, w, {1.f}, 1.f); // v = 1
    opt->set_hyper({.name = "sgd", .momentum = 0.f});
    step(*opt, slot, w, {1.f}, 1.f);
    opt->set_hyper({.name = "sgd", .momentum = 0.5f});
    step(*opt, slot, w, {1.f}, 1.f); // v = 1 again, not 1.5
    EXPECT_EQ(w[0], -3.f);
}

std::string rejection(Optimizer& opt, const OptimizerSpec& spec) {
    try {
        opt.set_hyper(spec);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(LiveHyperParameters, BadValuesAreRejectedNamingTheFieldAndChangeNothing) {
    auto opt = make_optimizer({.name = "sgd", .momentum = 0.5f, .weight_decay = 0.1f});
    EXPECT_EQ(rejection(*opt, {.name = "sgd", .momentum = 2.f}), "momentum must be in [0, 1), got 2");
    EXPECT_EQ(rejection(*opt, {.name = "sgd", .momentum = -0.5f}), "momentum must be in [0, 1), got -0.5");
    EXPECT_EQ(rejection(*opt, {.name = "sgd", .weight_decay = -1.f}),
              "weight_decay must be >= 0 and finite, got -1");
    EXPECT_EQ(rejection(*opt, {.name = "sgd", .weight_decay = NAN}).rfind("weight_decay must be", 0), 0u);
    EXPECT_NE(rejection(*opt, {.name = "lion"}).find("lion"), std::string::npos);
    EXPECT_EQ(opt->spec().momentum, 0.5f);
    EXPECT_EQ(opt->spec().weight_decay, 0.1f);
}

TEST(Optimizer, UnknownNameAndBadValuesRejected) {
    try {
        make_optimizer({.name = "adam"});
        FAIL();
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), "unknown optimizer 'adam' (known: sgd, adamw, lion, lamb)");
    }
    EXPECT_THROW(make_optimizer({.name = "sgd", .momentum = 1.f}), InputError);
    EXPECT_THROW(make_optimizer({.name = "sgd", .momentum = -0.1f}), InputError);
    EXPECT_THROW(make_optimizer({.name = "sgd", .weight_decay = -0.1f}), InputError);
    EXPECT_THROW(make_optimizer({.name = "sgd", .weight_decay = INFINITY}), InputError);
    EXPECT_NO_THROW(validate(OptimizerSpec{.name = "sgd", .momentum = 0.9f, .weight_decay = 0.01f}));
}

// AdamW by hand, in double: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ),
// w ← w − lr·(m̂/(√v̂ + ε) + λw).
struct AdamReference {
    double b1, b2, eps, lambda;
    std::vector<double> w, m, v;
    int t = 0;
    void step(const Floats& g, double lr) {
        ++t;
        for (std::size_t k = 0; k < w.size(); ++k) {
            m[k] = b1 * m[k] + (1 - b1) * g[k];
            v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
            const double m_hat = m[k] / (1 - std::pow(b1, t)), v_hat = v[k] / (1 - std::pow(b2, t));
            w[k] -= lr * (m_hat / (std::sqrt(v_hat) + eps) + lambda * w[k]);
        }
    }
};

TEST(AdamW, FollowsTheHandComputedSteps) {
    const OptimizerSpec spec{
        .name = "adamw", .weight_decay = 0.1f, .beta1 = 0.9f, .beta2 = 0.99f, .eps = 1e-3f};
    auto opt = make_optimizer(spec);
    const int slot = opt->add_tensor(3, true);
    Floats w{1.f, -2.f, 0.5f};
    AdamReference ref{0.9, 0.99, 1e-3, 0.1, {1.0, -2.0, 0.5}, {0, 0, 0}, {0, 0, 0}};
    const std::vector<Floats> gradients{{0.5f, -1.f, 0.f}, {0.25f, 2.f, -0.125f}, {-1.f, 0.5f, 0.f}};
    for (const Floats& g : gradients) {
        step(*opt, slot, w, g, 0.05f);
        ref.step(g, static_cast<double>(0.05f));
        for (std::size_t k = 0; k < w.size(); ++k)
            EXPECT_NEAR(w[k], ref.w[k], 1e-6) << "step " << ref.t << " entry " << k;
    }
    // The first step by hand: m̂ = g and v̂ = g², so every weight with a gradient moves by lr·g/(|g| + ε),
    // almost exactly lr whatever the gradient's size, plus the decay lr·λ·w.
    auto fresh = make_optimizer(spec);
    const int first = fresh->add_tensor(3, true);
    Floats w1{1.f, -2.f, 0.5f};
    step(*fresh, first, w1, gradients[0], 0.05f);
    EXPECT_NEAR(w1[0], 1.0 - 0.05 * (0.5 / (0.5 + 1e-3) + 0.1), 1e-7);
    EXPECT_NEAR(w1[1], -2.0 - 0.05 * (-1.0 / (1.0 + 1e-3) - 0.2), 1e-7);
    EXPECT_NEAR(w1[2], 0.5 - 0.05 * 0.05, 1e-7); // no gradient: the decay alone
}

TEST(AdamW, DecayIsDecoupledAndOnlyOnDecayingTensors) {
    auto opt = make_optimizer({.name = "adamw", .weight_decay = 0.5f});
    const int weights = opt->add_tensor(2, true), bias = opt->add_tensor(2, false);
    Floats w{1.f, -2.f}, b{1.f, -2.f};
    const Floats zero{0.f, 0.f};
    step(*opt, weights, w, zero, 0.5f); // m̂ = 0: w ← w − lr·λ·w = 0.75 w, not rescaled by the moments
    step(*opt, bias, b, zero, 0.5f);
    EXPECT_EQ(w, (Floats{0.75f, -1.5f}));
    EXPECT_EQ(b, (Floats{1.f, -2.f}));
}

TEST(AdamW, ClearedStateStartsTheBiasCorrectionAgain) {
    auto opt = make_optimizer({.name = "adamw"});
    const int slot = opt->add_tensor(1, false);
    Floats w{0.f};
    for (int i = 0; i < 10; ++i) step(*opt, slot, w, {1.f}, 0.01f);
    EXPECT_NEAR(w[0], -0.1f, 1e-6f); // a constant gradient: m̂/√v̂ = 1 at every step
    opt->clear_state();
    step(*opt, slot, w, {-4.f}, 0.01f); // the first step again: a full lr against the new sign
    EXPECT_NEAR(w[0], -0.09f, 1e-6f);
}

TEST(AdamW, LiveBetasKeepTheMomentsAndBadValuesAreRefused) {
    auto opt = make_optimizer({.name = "adamw"});
    const int slot = opt->add_tensor(1, false);
    Floats w{0.f};
    step(*opt, slot, w, {1.f}, 0.1f);
    opt->set_hyper({.name = "adamw", .beta1 = 0.5f, .beta2 = 0.9f, .eps = 1e-6f});
    EXPECT_EQ(opt->spec().beta1, 0.5f);
    // m = 0.5·0.1 + 0.5·1 = 0.55 over a gathered weight 1 − 0.9·0.5 = 0.55; v likewise: m̂ = v̂ = 1.
    step(*opt, slot, w, {1.f}, 0.1f);
    EXPECT_NEAR(w[0], -0.2f, 1e-6f);
    EXPECT_EQ(rejection(*opt, {.name = "adamw", .beta1 = 1.f}), "beta1 must be in [0, 1), got 1");
    EXPECT_EQ(rejection(*opt, {.name = "adamw", .beta2 = -0.1f}), "beta2 must be in [0, 1), got -0.1");
    EXPECT_EQ(rejection(*opt, {.name = "adamw", .eps = 0.f}), "eps must be > 0 and finite, got 0");
    EXPECT_NE(rejection(*opt, {.name = "sgd"}).find("cannot change"), std::string::npos);
    EXPECT_EQ(opt->spec().beta1, 0.5f);
}

TEST(Schedule, ExponentialDecaysToTheFloorAndStays) {
    // The document's schedule: 0.02 × 0.9995 per update, down to 0.001.
    LearningRateSchedule s(
        {.kind = ScheduleKind::Exponential, .lr = 0.02f, .decay = 0.9995f, .floor = 0.001f});
    s.advance();
    EXPECT_FLOAT_EQ(s.lr(), 0.02f * 0.9995f);
    int updates = 1;
    while (s.lr() > 0.001f && updates < 100000) {
        s.advance();
        ++updates;
    }
    // ln(0.05)/ln(0.9995) ≈ 5990 updates.
    EXPECT_NEAR(updates, 5990, 5);
    for (int i = 0; i < 1000; ++i) s.advance();
    EXPECT_FLOAT_EQ(s.lr(), 0.001f);
}

TEST(Schedule, LiveRateIsWhereTheScheduleContinuesFrom) {
    LearningRateSchedule s({.kind = ScheduleKind::Exponential, .lr = 0.02f, .decay = 0.5f, .floor = 0.0f});
    s.advance();
    s.set_lr(0.3f);
    s.advance();
    EXPECT_FLOAT_EQ(s.lr(), 0.15f);
}

TEST(Schedule, StepAndConstant) {
    LearningRateSchedule step(
        {.kind = ScheduleKind::Step, .lr = 1.f, .floor = 0.2f, .step_every = 3, .gamma = 0.5f});
    std::vector<float> seen;
    for (int i = 0; i < 10; ++i) {
        step.advance();
        seen.push_back(step.lr());
    }
    EXPECT_EQ(seen, (std::vector<float>{1.f, 1.f, 0.5f, 0.5f, 0.5f, 0.25f, 0.25f, 0.25f, 0.2f, 0.2f}));
    LearningRateSchedule constant({.kind = ScheduleKind::Constant, .lr = 0.07f});
    for (int i = 0; i < 100; ++i) constant.advance();
    EXPECT_FLOAT_EQ(constant.lr(), 0.07f);
    EXPECT_EQ(constant.updates(), 100u);
}

// Counting advance() until the rate is at the floor: what updates_to_floor() must say.
std::int64_t counted_to_floor(LearningRateSchedule s) {
    std::int64_t n = 0;
    while (s.lr() > s.spec().floor) {
        s.advance();
        ++n;
    }
    return n;
}

TEST(ScheduleState, ExponentialCountsDownToTheFloorExactly) {
    LearningRateSchedule s(
        {.kind = ScheduleKind::Exponential, .lr = 0.02f, .decay = 0.9995f, .floor = 0.001f});
    const std::int64_t total = counted_to_floor(s);
    EXPECT_NEAR(total, 5990, 5); // ln(0.05)/ln(0.9995)
    EXPECT_EQ(s.updates_to_floor(), total);
    LearningRateSchedule ahead = s;
    for (int i = 0; i < 1000; ++i) ahead.advance();
    EXPECT_EQ(s.lr_after(1000), ahead.lr());
    // Within the rounding of a thousand float multiplications of the closed form.
    EXPECT_NEAR(s.lr_after(1000), 0.02 * std::pow(static_cast<double>(0.9995f), 1000.0), 1e-4 * 0.0121);
    for (int i = 0; i < 2500; ++i) s.advance();
    EXPECT_EQ(s.updates_to_floor(), total - 2500);
    EXPECT_EQ(s.updates_to_floor(), counted_to_floor(s));
    s.set_lr(0.5f); // a rate set live: counted again from there
    EXPECT_EQ(s.updates_to_floor(), counted_to_floor(s));
    EXPECT_GT(s.updates_to_floor(), total);
    for (std::int64_t i = 0, n = s.updates_to_floor(); i < n; ++i) s.advance();
    EXPECT_EQ(s.lr(), 0.001f);
    EXPECT_EQ(s.updates_to_floor(), 0);
    EXPECT_EQ(s.lr_after(1000), 0.001f);
    s.set_lr(0.0005f); // below the floor: there already
    EXPECT_EQ(s.updates_to_floor(), 0);
}

TEST(ScheduleState, StepCountsToTheStepThatReachesTheFloor) {
    // Steps at updates 3, 6, 9: 1 → 0.5 → 0.25 → 0.2 (the floor).
    LearningRateSchedule s(
        {.kind = ScheduleKind::Step, .lr = 1.f, .floor = 0.2f, .step_every = 3, .gamma = 0.5f});
    EXPECT_EQ(s.updates_to_floor(), 9);
    EXPECT_EQ(s.lr_after(5), 0.5f);
    EXPECT_EQ(s.lr_after(6), 0.25f);
    EXPECT_EQ(s.lr_after(1000), 0.2f);
    for (int i = 0; i < 4; ++i) s.advance();
    EXPECT_EQ(s.updates_to_floor(), 5);
    EXPECT_EQ(s.updates_to_floor(), counted_to_floor(s));
    s.set_spec({.kind = ScheduleKind::Step, .lr = 1.f, .floor = 0.2f, .step_every = 10, .gamma = 0.5f});
    EXPECT_EQ(s.updates_to_floor(), 16); // 4 updates done, 0.5: at update 10 → 0.25, at 20 → 0.2
    EXPECT_EQ(s.updates_to_floor(), counted_to_floor(s));
    LearningRateSchedule long_steps(
        {.kind = ScheduleKind::Step, .lr = 0.1f, .floor = 0.001f, .step_every = 10000, .gamma = 0.5f});
    EXPECT_EQ(long_steps.updates_to_floor(), 70000); // 0.1/2⁷ < 0.001 < 0.1/2⁶
    EXPECT_EQ(long_steps.lr_after(1000), 0.1f);
}

TEST(ScheduleState, NeverForSchedulesThatDoNotDecay) {
    EXPECT_EQ(LearningRateSchedule({.kind = ScheduleKind::Constant, .lr = 0.1f}).updates_to_floor(), -1);
    EXPECT_EQ(LearningRateSchedule({.kind = ScheduleKind::Exponential, .lr = 0.1f, .decay = 1.f})
                  .updates_to_floor(),
              -1);
    EXPECT_EQ(LearningRateSchedule({.kind = ScheduleKind::Exponential, .lr = 0.1f, .floor = 0.f})
                  .updates_to_floor(),
              -1);
    EXPECT_EQ(LearningRateSchedule({.kind = ScheduleKind::Step, .lr = 0.1f, .gamma = 1.f}).updates_to_floor(),
              -1);
}

// Decays too slow to count update by update: estimated from logarithms.
TEST(ScheduleState, VeryLongDecaysAreEstimated) {
    LearningRateSchedule s(
        {.kind = ScheduleKind::Exponential, .lr = 1.f, .decay = 0.9999999f, .floor = 1e-3f});
    const double expected = std::log(1e-3) / std::log(static_cast<double>(0.9999999f));
    EXPECT_GT(expected, static_cast<double>(LearningRateSchedule::kExactUpdates));
    EXPECT_NEAR(static_cast<double>(s.updates_to_floor()), expected, expected * 1e-6);
}

TEST(Schedule, ValidationNamesTheField) {
    auto message = [](ScheduleSpec spec) {
        try {
            validate(spec);
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    EXPECT_NE(message({.lr = -1.f}).find("lr"), std::string::npos);
    EXPECT_NE(message({.decay = 1.5f}).find("decay"), std::string::npos);
    EXPECT_NE(message({.step_every = 0}).find("step_every"), std::string::npos);
    EXPECT_NE(message({.gamma = 0.f}).find("gamma"), std::string::npos);
    EXPECT_EQ(message({}), "");
    EXPECT_EQ(parse_schedule("exponential"), ScheduleKind::Exponential);
    EXPECT_FALSE(parse_schedule("cosine"));
}

} // namespace
} // namespace phasor
