// Properties the gradient-attention re-weighting must keep, whatever the gradient.
#include "engine/core/rng.hpp"
#include "engine/stepnet/gradient_attention.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

struct Reweighted {
    Vec g, factors;
};

Reweighted reweight(Vec g, float tau) {
    Vec f(g.size());
    apply_gradient_attention(FloatMap(g.data(), g.size()), FloatMap(f.data(), f.size()), tau);
    return {g, f};
}

Vec random_gradient(Rng& rng, int n, float scale) {
    Vec g(n);
    for (int i = 0; i < n; ++i) g[i] = rng.normal(0.f, scale);
    return g;
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

} // namespace
} // namespace phasor
