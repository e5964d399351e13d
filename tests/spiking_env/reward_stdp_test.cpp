// Reward-modulated STDP: pairs only write eligibility, zero modulation changes nothing, a reward turns a
// pair's eligibility into the formula's weight change (either sign), the baseline follows the rewards, and
// the weights stay in [0, w_max].
#include "engine/spiking/reward_stdp.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace phasor {
namespace {

constexpr float kDt = 1e-3f;

RewardStdpParams params() {
    return RewardStdpParams{.tau_plus = 20e-3f,
                            .tau_minus = 30e-3f,
                            .a_plus = 0.01f,
                            .a_minus = 0.006f,
                            .tau_eligibility = 0.5f,
                            .reward_lr = 2.f,
                            .w_max = 1.f,
                            .baseline_rate = 0.f};
}

// Two pre and two post neurons, weights 0.5; pre 0 fires at cycle 1, post 1 `gap` cycles later (or earlier
// when negative), then `after` quiet cycles.
RewardStdp paired(int gap, int after, RewardStdpParams p = params()) {
    RewardStdp s(2, 2, p, kDt);
    for (float& w : s.weights()) w = 0.5f;
    const std::vector<std::uint32_t> none, zero{0}, one{1};
    const int pre_at = gap >= 0 ? 0 : -gap, post_at = gap >= 0 ? gap : 0;
    for (int c = 0; c <= std::max(pre_at, post_at) + after; ++c)
        s.step(c == pre_at ? std::span<const std::uint32_t>(zero) : none,
               c == post_at ? std::span<const std::uint32_t>(one) : none);
    return s;
}

TEST(RewardStdp, PairsWriteEligibilityButNoWeightAndZeroRewardChangesNothing) {
    RewardStdp s = paired(10, 40);
    EXPECT_GT(s.eligibility(0, 1), 0.f);
    EXPECT_EQ(s.eligibility(1, 1), 0.f) << "pre 1 never fired";
    EXPECT_EQ(s.eligibility(0, 0), 0.f) << "post 0 never fired";
    for (float w : s.weights()) EXPECT_EQ(w, 0.5f);
    EXPECT_EQ(s.reinforce(0.f), 0.f);
    for (float w : s.weights()) EXPECT_EQ(w, 0.5f);
}

TEST(RewardStdp, ARewardedPreBeforePostPairPotentiatesByTheFormula) {
    const RewardStdpParams p = params();
    for (int gap : {1, 5, 20}) {
        for (float reward : {1.f, -0.5f}) {
            RewardStdp s = paired(gap, 100);
            // e = A+ · w_max · exp(−gap·dt/τ+), decayed over the 100 cycles since the post spike.
            const double e = p.a_plus * p.w_max * std::exp(-gap * kDt / p.tau_plus) *
                             std::exp(-100 * kDt / p.tau_eligibility);
            EXPECT_NEAR(s.eligibility(0, 1), e, 1e-6 * e);
            s.reinforce(reward);
            EXPECT_NEAR(s.weights()[0 * 2 + 1], 0.5 + p.reward_lr * reward * e, 1e-6) << gap << " " << reward;
            EXPECT_EQ(s.weights()[0], 0.5f);
            EXPECT_EQ(s.weights()[3], 0.5f);
        }
    }
}

TEST(RewardStdp, ARewardedPostBeforePrePairDepressesByTheFormula) {
    const RewardStdpParams p = params();
    RewardStdp s = paired(-8, 50);
    const double e =
        -p.a_minus * p.w_max * std::exp(-8 * kDt / p.tau_minus) * std::exp(-50 * kDt / p.tau_eligibility);
    EXPECT_NEAR(s.eligibility(0, 1), e, 1e-6 * std::abs(e));
    s.reinforce(1.f);
    EXPECT_NEAR(s.weights()[1], 0.5 + p.reward_lr * e, 1e-6);
    EXPECT_LT(s.weights()[1], 0.5f);
}

TEST(RewardStdp, SpikesInTheSameCyclePairNeitherWay) {
    RewardStdp s(1, 1, params(), kDt);
    const std::vector<std::uint32_t> zero{0};
    s.step(zero, zero);
    EXPECT_EQ(s.eligibility(0, 0), 0.f);
}

TEST(RewardStdp, EligibilityDecaysExactlyOverManyCyclesAndKeepsGrowingWithPairs) {
    // Long enough for the eligibility frame to be folded several times (every ~9 τ_e).
    RewardStdpParams p = params();
    p.tau_eligibility = 0.2f;
    RewardStdp s = paired(3, 6000, p);
    const double e = p.a_plus * std::exp(-3 * kDt / p.tau_plus) * std::exp(-6000 * kDt / p.tau_eligibility);
    EXPECT_NEAR(s.eligibility(0, 1), e, 1e-5 * e);
}

TEST(RewardStdp, TheBaselineFollowsTheRewardsSoAnExpectedRewardModulatesLess) {
    RewardStdpParams p = params();
    p.baseline_rate = 0.25f;
    RewardStdp s(1, 1, p, kDt);
    EXPECT_FLOAT_EQ(s.reinforce(1.f), 1.f);
    EXPECT_FLOAT_EQ(s.baseline(), 0.25f);
    EXPECT_FLOAT_EQ(s.reinforce(1.f), 0.75f);
    EXPECT_FLOAT_EQ(s.reinforce(0.f), -0.4375f) << "a missing reward now depresses";
}

TEST(RewardStdp, WeightsStayWithinTheirBounds) {
    RewardStdpParams p = params();
    p.reward_lr = 1e4f;
    RewardStdp up = paired(2, 1, p), down = paired(2, 1, p);
    up.reinforce(1.f);
    down.reinforce(-1.f);
    EXPECT_EQ(up.weights()[1], p.w_max);
    EXPECT_EQ(down.weights()[1], 0.f);
}

} // namespace
} // namespace phasor
