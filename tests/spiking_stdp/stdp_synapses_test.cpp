// Pair-based STDP on its own, fed spikes we choose: a single pair changes the weight by the textbook formula
// at every Δt (both signs, additive and multiplicative), weights stay in their bounds, and the periodic mode
// holds its weights between period ends and reaches, at every period end, exactly the online weights.
#include "engine/core/rng.hpp"
#include "engine/spiking/stdp_synapses.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace phasor {
namespace {

constexpr float kDt = 1e-4f;

StdpSynapses one_synapse(float w, StdpRule rule) {
    const std::uint32_t rows[] = {0, 1};
    return StdpSynapses(1, 1, rows, {0}, {w}, rule, kDt);
}

// Runs one pre spike at cycle 10 and one post spike at 10 + lag (either may come first) and returns Δw.
float pair_change(int lag, float w0, StdpRule rule) {
    StdpSynapses syn = one_synapse(w0, rule);
    const std::uint32_t zero[] = {0};
    const int pre_at = lag >= 0 ? 10 : 10 - lag, post_at = lag >= 0 ? 10 + lag : 10;
    for (int c = 0; c <= std::max(pre_at, post_at); ++c)
        syn.step(c == pre_at ? std::span<const std::uint32_t>(zero) : std::span<const std::uint32_t>{},
                 c == post_at ? std::span<const std::uint32_t>(zero) : std::span<const std::uint32_t>{});
    syn.apply_pending();
    return syn.weights()[0] - w0;
}

TEST(StdpPair, WeightChangeFollowsTheExponentialWindowAtEveryLag) {
    const float a_plus = 0.01f, ratio = 1.05f, tau = 20e-3f, w0 = 0.4f, w_max = 1.f;
    for (int period : {0, 1, 7, 1000})
        for (bool multiplicative : {false, true})
            for (int lag : {0, 1, 10, 50, 200, 600, -1, -10, -50, -200, -600}) {
                const StdpRule rule{.rate = a_plus,
                                    .depression = ratio,
                                    .multiplicative = multiplicative,
                                    .period = period,
                                    .tau_plus = tau,
                                    .tau_minus = tau,
                                    .w_max = w_max};
                const double window = std::exp(-std::abs(lag) * kDt / tau);
                // Pre before post (or together) potentiates by A+ · window; post before pre depresses by A−.
                const double expected = lag >= 0 ? a_plus * window * (multiplicative ? w_max - w0 : w_max)
                                                 : -a_plus * ratio * window * (multiplicative ? w0 : w_max);
                EXPECT_NEAR(pair_change(lag, w0, rule), expected, 1e-7 + 1e-5 * std::abs(expected))
                    << "lag " << lag << " multiplicative " << multiplicative << " period " << period;
            }
}

TEST(StdpPair, TimeConstantsShapeEachSideOfTheWindowSeparately) {
    const StdpRule rule{.rate = 0.01f, .tau_plus = 10e-3f, .tau_minus = 40e-3f};
    EXPECT_NEAR(pair_change(100, 0.5f, rule), 0.01 * std::exp(-1.0), 1e-8);
    EXPECT_NEAR(pair_change(-100, 0.5f, rule), -0.0105 * std::exp(-0.25), 1e-8);
}

// A random network (empty rows, uneven fan-out) and random spikes on both sides, many cycles with both at
// once.
struct RandomRun {
    std::uint32_t sources = 60, targets = 45;
    std::vector<std::uint32_t> rows, target;
    std::vector<float> weight;
    std::vector<std::vector<std::uint32_t>> pre, post; // per cycle

    RandomRun(std::uint64_t seed, int cycles, float w_max) {
        Rng rng(seed);
        rows.push_back(0);
        for (std::uint32_t i = 0; i < sources; ++i) {
            if (i % 7 != 3)
                for (std::uint32_t j = 0; j < targets; ++j)
                    if (rng.uniform() < 0.3f) target.push_back(j);
            rows.push_back(static_cast<std::uint32_t>(target.size()));
        }
        for (std::size_t s = 0; s < target.size(); ++s) weight.push_back(rng.uniform() * w_max);
        pre.resize(static_cast<std::size_t>(cycles));
        post.resize(static_cast<std::size_t>(cycles));
        for (int c = 0; c < cycles; ++c) {
            for (std::uint32_t i = 0; i < sources; ++i)
                if (rng.uniform() < 0.02f) pre[static_cast<std::size_t>(c)].push_back(i);
            for (std::uint32_t j = 0; j < targets; ++j)
                if (rng.uniform() < 0.03f) post[static_cast<std::size_t>(c)].push_back(j);
        }
    }
    StdpSynapses synapses(StdpRule rule) const {
        return StdpSynapses(sources, targets, rows, target, weight, rule, kDt);
    }
};

std::vector<float> weights_of(const StdpSynapses& s) {
    return {s.weights().begin(), s.weights().end()};
}

TEST(StdpPeriodic, EveryPeriodEndHasExactlyTheOnlineWeightsAndNothingMovesBetween) {
    const int cycles = 3000;
    for (std::uint64_t seed : {1u, 2u})
        for (bool multiplicative : {false, true}) {
            const RandomRun run(seed, cycles, 1.f);
            // Large steps so that the bounds clip often: clipping is where the order of events matters.
            StdpRule rule{.rate = 0.2f, .depression = 1.05f, .multiplicative = multiplicative};
            StdpSynapses online = run.synapses(rule);
            std::vector<StdpSynapses> periodic;
            const int periods[] = {1, 2, 7, 64};
            for (int n : periods) {
                rule.period = n;
                periodic.push_back(run.synapses(rule));
            }
            std::vector<std::vector<float>> held(std::size(periods), weights_of(online));
            int clipped = 0;
            for (int c = 0; c < cycles; ++c) {
                online.step(run.pre[static_cast<std::size_t>(c)], run.post[static_cast<std::size_t>(c)]);
                for (float w : online.weights()) clipped += w == 0.f || w == 1.f;
                for (std::size_t k = 0; k < std::size(periods); ++k) {
                    periodic[k].step(run.pre[static_cast<std::size_t>(c)],
                                     run.post[static_cast<std::size_t>(c)]);
                    if ((c + 1) % periods[k] == 0) {
                        ASSERT_EQ(weights_of(periodic[k]), weights_of(online))
                            << "N " << periods[k] << " cycle " << c << " multiplicative " << multiplicative;
                        held[k] = weights_of(online);
                    } else {
                        ASSERT_EQ(weights_of(periodic[k]), held[k])
                            << "N " << periods[k] << " moved mid-period";
                    }
                }
            }
            EXPECT_GT(clipped, 1000); // the run did hit the bounds
            EXPECT_NE(weights_of(online), run.weight);
        }
}

TEST(StdpPeriodic, ChangingThePeriodMidwayAppliesWhatIsPendingFirst) {
    const RandomRun run(3, 1000, 1.f);
    StdpRule rule{.rate = 0.05f};
    StdpSynapses online = run.synapses(rule);
    rule.period = 100;
    StdpSynapses periodic = run.synapses(rule);
    for (int c = 0; c < 1000; ++c) {
        online.step(run.pre[static_cast<std::size_t>(c)], run.post[static_cast<std::size_t>(c)]);
        periodic.step(run.pre[static_cast<std::size_t>(c)], run.post[static_cast<std::size_t>(c)]);
        if (c == 433) {
            ASSERT_NE(weights_of(periodic), weights_of(online)); // 34 cycles pending
            periodic.set_rule(rule);                             // the same rule: the period runs on
            ASSERT_TRUE(periodic.pending());
            rule.period = 30;
            periodic.set_rule(rule);
            ASSERT_EQ(weights_of(periodic), weights_of(online));
            ASSERT_FALSE(periodic.pending());
        }
    }
    // From cycle 434 the periods run 30 at a time: 434 + 30·18 = 974 was the last end.
    periodic.apply_pending();
    EXPECT_EQ(weights_of(periodic), weights_of(online));
}

TEST(StdpBounds, WeightsStayWithinZeroAndTheBoundUnderHugeSteps) {
    for (bool multiplicative : {false, true}) {
        const RandomRun run(4, 2000, 0.3f);
        StdpSynapses syn =
            run.synapses({.rate = 3.f, .depression = 2.f, .multiplicative = multiplicative, .w_max = 0.3f});
        for (int c = 0; c < 2000; ++c) {
            syn.step(run.pre[static_cast<std::size_t>(c)], run.post[static_cast<std::size_t>(c)]);
            for (float w : syn.weights()) ASSERT_TRUE(w >= 0.f && w <= 0.3f) << w;
        }
    }
}

TEST(StdpStorage, TwelveBytesASynapseAndTheSourceOfEverySynapseFound) {
    EXPECT_LE(StdpSynapses::kSynapseBytes, 12u);
    const RandomRun run(5, 1, 1.f);
    const StdpSynapses syn = run.synapses({});
    // The per-synapse arrays plus one start per source and per target: 12 + 4 · (60 + 45 + 2) / synapses.
    const double starts = 4.0 * (run.sources + run.targets + 2) / static_cast<double>(syn.size());
    EXPECT_DOUBLE_EQ(syn.bytes_per_synapse(), 12.0 + starts);
    for (std::uint32_t i = 0; i < run.sources; ++i)
        for (std::uint32_t s = run.rows[i]; s < run.rows[i + 1]; ++s) ASSERT_EQ(syn.source_of(s), i);
}

TEST(StdpDelivery, AddsEachFiredSourcesWeightsToItsTargets) {
    const std::uint32_t rows[] = {0, 2, 2, 3};
    const StdpSynapses syn(3, 2, rows, {0, 1, 1}, {0.25f, 0.5f, 0.125f}, {}, kDt);
    std::vector<float> g(2, 0.f);
    const std::uint32_t fired[] = {0, 2};
    syn.deliver(fired, g);
    EXPECT_FLOAT_EQ(g[0], 0.25f);
    EXPECT_FLOAT_EQ(g[1], 0.625f);
}

} // namespace
} // namespace phasor
