// Exact LIF integration: the state after any number of steps is the closed form at that time, whatever dt;
// refractoriness holds a neuron at reset for Brian's count of steps.
#include "engine/spiking/lif_population.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace phasor {
namespace {

// v(t) for v(0) = v0, ge(0) = e0, gi(0) = i0 and no spike, in double.
double closed_form(const LifParams& p, double t, double v0, double e0, double i0) {
    auto transfer = [&](double tau_s) {
        return tau_s / (tau_s - p.tau_m) * (std::exp(-t / tau_s) - std::exp(-t / p.tau_m));
    };
    return p.rest + (v0 - p.rest) * std::exp(-t / p.tau_m) + e0 * transfer(p.tau_e) + i0 * transfer(p.tau_i);
}

TEST(LifPopulation, ItsStateIsTheClosedFormAtEveryStepForAnyDt) {
    LifParams p;
    p.threshold = 1.f; // never reached: the trajectory alone
    for (float dt : {1e-4f, 5e-4f, 2e-3f}) {
        LifPopulation pop(1, p, dt);
        pop.v[0] = -0.065f;
        pop.ge[0] = 0.004f;
        pop.gi[0] = -0.002f;
        std::vector<std::uint32_t> spiked;
        const int steps = static_cast<int>(std::lround(0.05 / dt));
        for (int s = 1; s <= steps; ++s) {
            pop.step(spiked);
            EXPECT_NEAR(pop.v[0], closed_form(p, s * static_cast<double>(dt), -0.065, 0.004, -0.002), 2e-7)
                << "dt " << dt << " step " << s;
        }
        EXPECT_NEAR(pop.ge[0], 0.004 * std::exp(-0.05 / p.tau_e), 1e-8);
    }
}

TEST(LifPopulation, ASpikeResetsAndHoldsTheNeuronThroughItsRefractoryPeriod) {
    LifParams p;
    p.rest = -0.040f; // above threshold: it fires as soon as it may
    LifPopulation pop(1, p, 1e-4f);
    pop.v[0] = -0.0495f;
    std::vector<std::uint32_t> spiked;
    std::vector<int> at;
    for (int s = 0; s < 400; ++s) {
        pop.step(spiked);
        if (spiked.empty()) continue;
        at.push_back(s);
        EXPECT_EQ(pop.v[0], p.reset);
    }
    ASSERT_GE(at.size(), 3u);
    // Held at reset for 49 steps after each spike, integrating again on the 50th (Brian's count for 5 ms).
    for (std::size_t k = 1; k < at.size(); ++k) EXPECT_GE(at[k] - at[k - 1], 50);
    LifPopulation held(1, p, 1e-4f);
    held.v[0] = -0.0495f;
    for (int s = 0; s <= at[0]; ++s) held.step(spiked);
    for (int s = 1; s < 50; ++s) {
        held.step(spiked);
        EXPECT_EQ(held.v[0], p.reset) << s;
    }
    held.step(spiked);
    EXPECT_GT(held.v[0], p.reset);
}

} // namespace
} // namespace phasor
