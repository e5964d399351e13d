// The learner's shared machinery: bf16 rounding, the fp32 master copy under bf16 working weights, gradient
// accumulation, layer-wise learning rates, the update counts and the memory it reports.
#include "engine/rules/rule_net.hpp"

#include <bit>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>

namespace phasor {
namespace {

TEST(Bf16, RoundsToTheNearestWithTiesToEven) {
    EXPECT_EQ(round_bf16(1.f), 1.f);
    EXPECT_EQ(round_bf16(-2.5f), -2.5f);
    // bfloat16 keeps 8 bits of significand: 1 + 2^-7 is the next value after 1.
    EXPECT_EQ(round_bf16(1.f + 0x1p-9f), 1.f);
    EXPECT_EQ(round_bf16(1.f + 0x1p-7f - 0x1p-10f), 1.f + 0x1p-7f);
    // A tie goes to the even significand: 1 + 2^-8 lies halfway between 1 and 1 + 2^-7.
    EXPECT_EQ(round_bf16(1.f + 0x1p-8f), 1.f);
    EXPECT_EQ(round_bf16(1.f + 3 * 0x1p-8f), 1.f + 0x1p-6f);
    EXPECT_EQ(std::bit_cast<std::uint32_t>(round_bf16(3.14159f)) & 0xFFFFu, 0u);
    EXPECT_NEAR(round_bf16(3.14159f), 3.140625f, 0);
    EXPECT_TRUE(std::isnan(round_bf16(std::numeric_limits<float>::quiet_NaN())));
    EXPECT_EQ(round_bf16(std::numeric_limits<float>::infinity()), std::numeric_limits<float>::infinity());
    EXPECT_EQ(round_bf16(std::numeric_limits<float>::max()), std::numeric_limits<float>::infinity());
}

RuleNetSpec spec(bool bf16 = false, int accumulate = 1, float decay = 1.f) {
    RuleNetSpec s;
    s.sizes = {3, 4, 2};
    s.max_batch = 4;
    s.lr = 0.1f;
    s.bf16 = bf16;
    s.accumulate = accumulate;
    s.layer_lr_decay = decay;
    return s;
}

void set_gradients(RuleNet& net, float value) {
    for (std::size_t l = 0; l < net.layers(); ++l) {
        net.weight_grad(l).setConstant(value);
        net.bias_grad(l).setConstant(value);
    }
}

TEST(RuleNet, Bf16PassesSeeRoundedWeightsWhileTheMasterKeepsFullPrecision) {
    Rng rng(3);
    RuleNet net(spec(true), rng);
    const Mat before = net.master_weight(0);
    set_gradients(net, 1e-3f); // a step far below bfloat16's resolution of most weights
    ASSERT_TRUE(net.step());
    const Mat& master = net.master_weight(0);
    const Mat& working = net.mlp().layers()[0].W;
    EXPECT_TRUE(master.isApprox((before.array() - 1e-4f).matrix(), 1e-6f));
    for (Eigen::Index i = 0; i < master.size(); ++i)
        EXPECT_EQ(working.data()[i], round_bf16(master.data()[i]));
    // Small steps add up in the master even when each one rounds away in the working copy.
    for (int k = 0; k < 99; ++k) net.step();
    EXPECT_NEAR(master(0, 0), before(0, 0) - 0.01f, 1e-5f);
}

TEST(RuleNet, AccumulationAppliesTheMeanOfItsStepsOnce) {
    Rng a(5), b(5);
    RuleNet once(spec(false, 1), a), accumulated(spec(false, 3), b);
    set_gradients(accumulated, 1.f);
    EXPECT_FALSE(accumulated.step());
    set_gradients(accumulated, 2.f);
    EXPECT_FALSE(accumulated.step());
    set_gradients(accumulated, 6.f);
    EXPECT_TRUE(accumulated.step());
    set_gradients(once, 3.f); // the mean of 1, 2 and 6
    once.step();
    EXPECT_TRUE(accumulated.master_weight(1).isApprox(once.master_weight(1)));
    EXPECT_EQ(accumulated.steps_applied(), 1);
}

TEST(RuleNet, LayerRatesShrinkDownTheNet) {
    Rng rng(1);
    RuleNet net(spec(false, 1, 0.5f), rng);
    EXPECT_FLOAT_EQ(net.layer_lr(1), 0.1f);
    EXPECT_FLOAT_EQ(net.layer_lr(0), 0.05f);
    const Mat w0 = net.master_weight(0), w1 = net.master_weight(1);
    set_gradients(net, 1.f);
    net.step();
    EXPECT_NEAR((w0 - net.master_weight(0))(0, 0), 0.05f, 1e-7f);
    EXPECT_NEAR((w1 - net.master_weight(1))(0, 0), 0.1f, 1e-7f);
}

TEST(RuleNet, CountsTheWeightsAnUpdateChangedPerRow) {
    Rng rng(2);
    RuleNet net(spec(), rng);
    set_gradients(net, 0.f);
    net.weight_grad(0)(1, 2) = 1.f;
    net.weight_grad(0)(3, 0) = -1.f;
    net.bias_grad(0)(3) = 0.5f;
    net.step();
    EXPECT_EQ(net.updates()[0], 3);
    EXPECT_EQ(net.updates()[1], 0);
    EXPECT_EQ(net.row_updates(0)(1), 1);
    EXPECT_EQ(net.row_updates(0)(3), 2);
    EXPECT_EQ(net.row_updates(0)(0), 0);
}

// Gradients in rows 1 and 3 of layer 0 and row 0 of layer 1 only, as a per-sample rule leaves them.
void set_sparse_gradients(RuleNet& net) {
    set_gradients(net, 0.f);
    net.weight_grad(0).row(1) << 0.3f, -0.7f, 0.f;
    net.weight_grad(0).row(3) << 1e-3f, 0.f, 2.f;
    net.bias_grad(0)(3) = -0.25f;
    net.weight_grad(1).row(0) << 0.1f, 0.2f, 0.f, -0.4f;
}

TEST(RuleNet, AStepOverTheWrittenRowsIsTheDenseStepBitForBit) {
    const int rows0[] = {1, 3}, rows1[] = {0};
    const std::span<const int> rows[] = {rows0, rows1};
    // Plain SGD takes the sparse path; momentum, weight decay, accumulation and bf16 the dense one. Either
    // way the weights and counts are the dense step's.
    for (int variant = 0; variant < 5; ++variant) {
        RuleNetSpec s = spec(variant == 3, variant == 4 ? 2 : 1, 0.5f);
        if (variant == 1) s.optimizer.momentum = 0.9f;
        if (variant == 2) s.optimizer.weight_decay = 0.1f;
        Rng a(4), b(4);
        RuleNet dense(s, a), sparse(s, b);
        for (int step = 0; step < 3; ++step) {
            set_sparse_gradients(dense);
            set_sparse_gradients(sparse);
            EXPECT_EQ(dense.step(), sparse.step(rows)) << variant;
        }
        for (std::size_t l = 0; l < 2; ++l) {
            EXPECT_TRUE(dense.master_weight(l) == sparse.master_weight(l)) << variant << ", layer " << l;
            EXPECT_TRUE(dense.master_bias(l) == sparse.master_bias(l)) << variant << ", layer " << l;
            EXPECT_TRUE(dense.row_updates(l) == sparse.row_updates(l)) << variant << ", layer " << l;
            EXPECT_EQ(dense.updates()[l], sparse.updates()[l]) << variant << ", layer " << l;
        }
        EXPECT_EQ(dense.steps_applied(), sparse.steps_applied()) << variant;
    }
}

TEST(RuleNet, MemoryCountsWhatTrainingHolds) {
    Rng a(1), b(1), c(1);
    const std::int64_t params = 3 * 4 + 4 + 4 * 2 + 2;
    const std::int64_t activations = 2 * (4 + 2) * 4;
    RuleNet plain(spec(), a);
    EXPECT_EQ(plain.memory_bytes(), 4 * params + 4 * params + 4 * activations);
    RuleNetSpec adam = spec();
    adam.optimizer.name = "adamw";
    RuleNet with_moments(adam, b);
    EXPECT_EQ(with_moments.memory_bytes(), plain.memory_bytes() + 8 * params);
    RuleNet half(spec(true), c);
    EXPECT_EQ(half.memory_bytes(), (2 + 4) * params + 4 * params + 2 * activations);
}

} // namespace
} // namespace phasor
