// Properties the gradient-attention re-weighting must keep, whatever the gradient; and that the fused passes
// give exactly the bits of the straightforward Eigen form they replace.
#include "engine/core/kernels.hpp"
#include "engine/core/rng.hpp"
#include "engine/stepnet/gradient_attention.hpp"

#include <cmath>
#include <cstring>
#include <gtest/gtest.h>

namespace phasor {
namespace {

std::span<float> span_of(Vec& v) {
    return {v.data(), static_cast<std::size_t>(v.size())};
}

struct Reweighted {
    Vec g, factors;
};

Reweighted reweight(Vec g, float tau) {
    Vec f(g.size());
    apply_gradient_attention(span_of(g), span_of(f), tau);
    return {g, f};
}

// The definition, written the obvious way: what the engine computed before the passes were fused.
void reference_attention(FloatMap grad, FloatMap factors, float temperature) {
    const float n = static_cast<float>(grad.size());
    const float inv_tau = 1.f / temperature;
    const float largest = grad.cwiseAbs().maxCoeff();
    factors = ((grad.array().abs() - largest) * inv_tau).exp();
    factors *= n / factors.sum();
    grad.array() *= factors.array();
}

Vec random_gradient(Rng& rng, int n, float scale) {
    Vec g(n);
    for (int i = 0; i < n; ++i) g[i] = rng.normal(0.f, scale);
    return g;
}

::testing::AssertionResult same_bits(const float* a, const float* b, Eigen::Index n) {
    for (Eigen::Index i = 0; i < n; ++i)
        if (std::memcmp(a + i, b + i, sizeof(float)) != 0)
            return ::testing::AssertionFailure() << "entry " << i << ": " << a[i] << " vs " << b[i];
    return ::testing::AssertionSuccess();
}

TEST(GradientAttention, FactorsSumToNKeepSignsAndGrowWithMagnitude) {
    Rng rng(1);
    for (float scale : {1e-4f, 0.1f, 1.f, 10.f})
        for (float tau : {0.05f, 1.f, 20.f}) {
            const Vec g = random_gradient(rng, 97, scale);
            const auto r = reweight(g, tau);
            EXPECT_NEAR(r.factors.sum(), 97.f, 97.f * 1e-5f) << scale << " " << tau;
            for (int i = 0; i < 97; ++i) {
                // At a low temperature the smallest factors can underflow to exactly 0: a sign may vanish,
                // never flip.
                EXPECT_GE(r.factors[i], 0.f);
                EXPECT_GE(r.g[i] * g[i], 0.f);
                EXPECT_FLOAT_EQ(r.g[i], g[i] * r.factors[i]);
                for (int j = 0; j < 97; ++j)
                    if (std::abs(g[i]) > std::abs(g[j])) {
                        ASSERT_GE(r.factors[i], r.factors[j]);
                    }
            }
        }
}

TEST(GradientAttention, InfiniteTemperatureIsTheIdentity) {
    Rng rng(2);
    const Vec g = random_gradient(rng, 50, 1.f);
    const auto r = reweight(g, 1e9f);
    EXPECT_TRUE(r.factors.isApproxToConstant(1.f, 1e-6f));
    EXPECT_TRUE(r.g.isApprox(g, 1e-6f));
    const auto stats = summarize_attention(ConstFloatMap(r.factors.data(), r.factors.size()));
    EXPECT_NEAR(stats.entropy, 1.f, 1e-6f);
}

TEST(GradientAttention, LowTemperatureConcentratesOnTheLargestEntry) {
    Vec g(4);
    g << 0.1f, -2.f, 0.5f, 1.f;
    const auto r = reweight(g, 0.01f);
    EXPECT_NEAR(r.factors[1], 4.f, 1e-4f);
    EXPECT_NEAR(r.g[1], -8.f, 1e-3f);
    const auto stats = summarize_attention(ConstFloatMap(r.factors.data(), 4));
    EXPECT_LT(stats.entropy, 0.01f);
    EXPECT_NEAR(stats.max, 4.f, 1e-4f);
}

TEST(GradientAttention, HugeGradientsStayFinite) {
    Vec g(3);
    g << 1e30f, -1e30f, 1.f;
    const auto r = reweight(g, 1.f);
    EXPECT_TRUE(r.factors.allFinite());
    EXPECT_NEAR(r.factors.sum(), 3.f, 1e-5f);
    EXPECT_NEAR(r.factors[0], 1.5f, 1e-6f);
}

// At any temperature the table allows, however small, no exponent exceeds 0: the factors stay finite and put
// the weight on the largest entries. (The form |g|/τ − peak, fused into an FMA by -march=native, made them
// infinite from τ ≈ 1e-9.)
TEST(GradientAttention, ATinyTemperatureNeverOverflows) {
    Rng rng(9);
    for (float tau : {1e-9f, 1e-12f, 1e-30f})
        for (int n : {5, 16, 37, 128}) {
            Vec g = random_gradient(rng, n, 0.3f);
            const auto r = reweight(g, tau);
            ASSERT_TRUE(r.factors.allFinite()) << "τ=" << tau << " n=" << n;
            ASSERT_TRUE(r.g.allFinite()) << "τ=" << tau << " n=" << n;
            EXPECT_NEAR(r.factors.sum(), static_cast<float>(n), 1e-3f * static_cast<float>(n));
            Eigen::Index top = 0;
            g.cwiseAbs().maxCoeff(&top);
            EXPECT_GT(r.factors[top], 0.5f) << "the largest entry keeps the weight";

            const int rows = 16, cols = n;
            Vec delta = random_gradient(rng, rows, 0.1f), x = random_gradient(rng, cols, 1.f);
            Vec grad(rows * cols), f(rows * cols);
            outer_with_attention(span_of(delta), span_of(x), span_of(grad), span_of(f), tau);
            ASSERT_TRUE(f.allFinite() && grad.allFinite()) << "outer, τ=" << tau << " n=" << n;
        }
}

// Every length around the packet sizes, factors that start off a packet boundary (Eigen then takes the first
// entries one by one), whole packets of zeros, and the temperatures the UI offers.
TEST(GradientAttention, BitIdenticalToTheStraightforwardForm) {
    Rng rng(3);
    Vec storage_g(600), storage_f(600), expected_g(600), expected_f(600);
    for (int n : {1, 2, 3, 7, 15, 16, 17, 31, 32, 33, 47, 48, 49, 64, 100, 128, 129, 512, 531})
        for (int offset : {0, 1, 5})
            for (float tau : {0.05f, 1.f, 20.f}) {
                Vec g = random_gradient(rng, n, 0.1f);
                if (n >= 48) g.segment(16, 16).setZero();
                expected_g.head(n + offset) = Vec::Zero(n + offset);
                expected_g.segment(offset, n) = g;
                storage_g.segment(offset, n) = g;
                FloatMap ref_g(expected_g.data() + offset, n), ref_f(expected_f.data() + offset, n);
                reference_attention(ref_g, ref_f, tau);
                const std::span<float> got_g(storage_g.data() + offset, static_cast<std::size_t>(n));
                const std::span<float> got_f(storage_f.data() + offset, static_cast<std::size_t>(n));
                apply_gradient_attention(got_g, got_f, tau);
                EXPECT_TRUE(same_bits(got_f.data(), ref_f.data(), n)) << n << " +" << offset << " τ=" << tau;
                EXPECT_TRUE(same_bits(got_g.data(), ref_g.data(), n)) << n << " +" << offset << " τ=" << tau;
            }
}

// The fused weight-gradient path against the gradient computed first and re-weighted the obvious way: layer
// shapes whose columns are whole packets (one pass) and others (the general path), with inputs of 0 (whole
// columns of zeros, as after relu).
TEST(GradientAttention, OuterWithAttentionBitIdenticalToGradientThenReference) {
    Rng rng(4);
    struct Shape {
        int rows, cols;
    };
    for (Shape s : {Shape{32, 4}, Shape{16, 32}, Shape{3, 16}, Shape{64, 32}, Shape{8, 8}, Shape{48, 5},
                    Shape{17, 3}, Shape{128, 64}})
        for (float tau : {0.05f, 1.f, 20.f}) {
            Vec delta = random_gradient(rng, s.rows, 0.1f), x = random_gradient(rng, s.cols, 1.f);
            for (int j = 0; j < s.cols; j += 3) x[j] = 0.f;
            const int n = s.rows * s.cols;
            Vec ref_g(n), ref_f(n), g(n), f(n);
            kernels::outer(delta.data(), s.rows, x.data(), s.cols, ref_g.data());
            reference_attention(FloatMap(ref_g.data(), n), FloatMap(ref_f.data(), n), tau);
            outer_with_attention(span_of(delta), span_of(x), span_of(g), span_of(f), tau);
            EXPECT_TRUE(same_bits(f.data(), ref_f.data(), n)) << s.rows << "x" << s.cols << " τ=" << tau;
            EXPECT_TRUE(same_bits(g.data(), ref_g.data(), n)) << s.rows << "x" << s.cols << " τ=" << tau;
        }
}

// Writing the re-weighted gradient elsewhere (so the stepped network can measure what attention changed)
// gives the same bits as in place, and leaves the gradient as it was computed.
TEST(GradientAttention, OutOfPlaceGivesTheInPlaceBitsAndKeepsTheGradient) {
    Rng rng(6);
    for (int rows : {32, 3, 17})
        for (float tau : {0.05f, 1.f}) {
            Vec bias = random_gradient(rng, rows, 0.1f), bias_out(rows), bias_f(rows);
            const Vec bias_before = bias;
            apply_gradient_attention(std::span<const float>(span_of(bias)), span_of(bias_out),
                                     span_of(bias_f), tau);
            const auto r = reweight(bias, tau);
            EXPECT_TRUE(same_bits(bias_out.data(), r.g.data(), rows));
            EXPECT_EQ(bias, bias_before);
        }
}

// The effect of a weight gradient kept as its factors δ and x is the effect of δ xᵀ.
TEST(GradientAttention, EffectFromTheOuterProductsFactorsIsTheEffectOfTheProduct) {
    Rng rng(8);
    for (int rows : {32, 3, 17})
        for (float tau : {0.05f, 1.f}) {
            const int cols = 7, n = rows * cols;
            Vec delta = random_gradient(rng, rows, 0.1f), x = random_gradient(rng, cols, 1.f);
            x[2] = 0.f;
            Vec raw(n), after(n), f(n);
            kernels::outer(delta.data(), rows, x.data(), cols, raw.data());
            outer_with_attention(span_of(delta), span_of(x), span_of(after), span_of(f), tau);
            const float whole = attention_effect(span_of(raw), span_of(after));
            EXPECT_GT(whole, 0.f);
            EXPECT_NEAR(attention_effect(span_of(delta), span_of(x), span_of(after)), whole, 1e-5f * whole)
                << rows << " τ=" << tau;
        }
    Vec delta = Vec::Zero(4), x = Vec::Ones(3), after = Vec::Zero(12);
    EXPECT_EQ(attention_effect(span_of(delta), span_of(x), span_of(after)), 0.f); // nothing to compare with
}

TEST(GradientAttention, EffectIsTheRelativeChangeOfTheGradient) {
    Vec g(4), after(4);
    g << 3.f, 0.f, -4.f, 0.f;
    after << 3.f, 1.f, -4.f, 0.f;
    EXPECT_FLOAT_EQ(attention_effect(span_of(g), span_of(after)), 0.2f); // ‖(0,1,0,0)‖ / ‖(3,0,−4,0)‖
    EXPECT_EQ(attention_effect(span_of(g), span_of(g)), 0.f);
    Vec zero = Vec::Zero(4);
    EXPECT_EQ(attention_effect(span_of(zero), span_of(after)), 0.f); // nothing to compare with
}

TEST(GradientAttention, EntropyMatchesTheDefinition) {
    Rng rng(5);
    for (int n : {2, 3, 16, 48, 512})
        for (float tau : {0.05f, 1.f, 20.f}) {
            const auto r = reweight(random_gradient(rng, n, 0.1f), tau);
            double h = 0.0;
            for (int i = 0; i < n; ++i) {
                const double p = static_cast<double>(r.factors[i]) / n;
                if (p > 0.0) h -= p * std::log(p);
            }
            const auto stats = summarize_attention(ConstFloatMap(r.factors.data(), n));
            EXPECT_NEAR(stats.entropy, h / std::log(static_cast<double>(n)), 1e-5) << n << " τ=" << tau;
            EXPECT_GE(stats.entropy, 0.f);
            EXPECT_LE(stats.entropy, 1.f);
        }
}

} // namespace
} // namespace phasor
