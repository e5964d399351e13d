// Theta with nested gamma and the phase code: gamma cycles per theta exactly as set, phases continuous across
// live changes; the encoder/decoder round trip within the phase resolution of one cycle; the phase-locking
// value of locked against uniform phases; the circular–linear slope of synthetic precession.
#include "engine/core/rng.hpp"
#include "engine/spiking/phase_code.hpp"
#include "engine/spiking/rhythm.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace phasor {
namespace {

// The shortest signed distance between two phases.
float phase_gap(float a, float b) {
    const float d = wrap_phase(a - b);
    return d > kTwoPi / 2 ? d - kTwoPi : d;
}

TEST(Rhythm, GammaCyclesPerThetaAreExactlyTheCountSet) {
    for (int gamma : {5, 6, 7, 8}) {
        ThetaGammaRhythm r(9.f, gamma, 1e-4f);
        std::vector<int> wraps_per_theta(12, 0);
        float previous = r.gamma_phase();
        while (r.theta_cycles() < 11) {
            r.advance();
            // A wrap of theta is a wrap of gamma too: it counts for the cycle it ends.
            if (r.gamma_phase() < previous)
                ++wraps_per_theta[r.theta_phase() < previous / gamma ? r.theta_cycles() - 1
                                                                     : r.theta_cycles()];
            previous = r.gamma_phase();
        }
        for (int c = 0; c < 11; ++c) EXPECT_EQ(wraps_per_theta[c], gamma) << gamma << " cycle " << c;
    }
}

TEST(Rhythm, ThetaRunsAtTheFrequencySet) {
    for (float hz : {8.f, 10.f, 12.f}) {
        ThetaGammaRhythm r(hz, 6, 1e-4f);
        for (int s = 0; s < 20050; ++s) r.advance(); // just over 2 s
        EXPECT_EQ(r.theta_cycles(), static_cast<std::uint64_t>(2 * hz));
    }
}

TEST(Rhythm, LiveChangesKeepThePhasesContinuous) {
    const float dt = 1e-4f;
    ThetaGammaRhythm r(8.f, 6, dt);
    for (int s = 0; s < 437; ++s) r.advance(); // mid-cycle
    const float theta = r.theta_phase(), gamma = r.gamma_phase();
    const int slot = r.gamma_slot();
    r.set_theta_hz(12.f);
    r.set_gamma_per_theta(8);
    r.advance();
    // One step at the new frequency, and gamma still counts the old cycle's six until theta wraps.
    EXPECT_NEAR(phase_gap(r.theta_phase(), theta), kTwoPi * 12.f * dt, 1e-4f);
    EXPECT_NEAR(phase_gap(r.gamma_phase(), gamma), kTwoPi * 12.f * dt * 6, 1e-3f);
    EXPECT_EQ(r.gamma_per_theta(), 6);
    EXPECT_GE(r.gamma_slot(), slot);
    float previous_gamma = r.gamma_phase();
    float largest_gamma_step = 0.f;
    while (r.theta_cycles() == 0) {
        r.advance();
        largest_gamma_step =
            std::max(largest_gamma_step, std::abs(phase_gap(r.gamma_phase(), previous_gamma)));
        previous_gamma = r.gamma_phase();
    }
    EXPECT_EQ(r.gamma_per_theta(), 8);
    // No jump at the wrap where the new count takes over: every step moves gamma by at most 8 steps' worth.
    EXPECT_LE(largest_gamma_step, kTwoPi * 12.f * dt * 8 + 1e-4f);
}

TEST(Rhythm, LocalPhaseIsTheGlobalPhaseOffset) {
    ThetaGammaRhythm r(10.f, 6, 1e-4f);
    for (int s = 0; s < 300; ++s) r.advance();
    EXPECT_NEAR(phase_gap(r.theta_phase(-1.f), r.theta_phase()), -1.f, 1e-5f);
}

TEST(Rhythm, PacemakerPulsePeaksAtZeroAndBottomsAtItsTrough) {
    EXPECT_FLOAT_EQ(pacemaker_pulse(0.f), 1.f);
    EXPECT_NEAR(pacemaker_pulse(std::numbers::pi_v<float>), 0.f, 1e-6f);
    EXPECT_NEAR(pacemaker_pulse(1.f), 0.5f * (1.f + std::cos(1.f)), 1e-6f);
    const float trough = 0.9f * kTwoPi;
    EXPECT_NEAR(pacemaker_pulse(trough, trough), 0.f, 1e-6f);
    // Slow fall, fast rise: halfway down at 0.45 of the cycle, halfway up at 0.95.
    EXPECT_NEAR(pacemaker_pulse(0.45f * kTwoPi, trough), 0.5f, 1e-5f);
    EXPECT_NEAR(pacemaker_pulse(0.95f * kTwoPi, trough), 0.5f, 1e-5f);
}

TEST(PhaseCode, RoundTripIsExactWithinThePhaseResolution) {
    const float dt = 1e-4f, theta = 8.f, step = kTwoPi * theta * dt;
    // Larger values earlier, as precession carries them, and the other way.
    for (auto [first, last] : {std::pair{5.5f, 0.5f}, std::pair{0.3f, 4.f}}) {
        PhaseEncoder code(-1.f, 3.f, first, last);
        for (float v = -1.f; v <= 3.f; v += 0.01f) {
            // A spike can only fall on a cycle, so its phase is the encoded one rounded to the cycle grid.
            const float quantised = std::round(code.encode(v) / step) * step;
            EXPECT_NEAR(code.decode(quantised), v, code.value_resolution(step) / 2 + 1e-4f) << v;
        }
        EXPECT_FLOAT_EQ(code.decode(code.encode(-5.f)), -1.f); // clamped
    }
}

TEST(PhaseCode, PhaseLockingSeparatesLockedFromUniformPhases) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        Rng rng(seed);
        std::vector<float> locked, uniform;
        for (int k = 0; k < 2000; ++k) {
            locked.push_back(wrap_phase(rng.normal(2.f, 0.3f)));
            uniform.push_back(rng.uniform(0.f, kTwoPi));
        }
        const CircularMean m = circular_mean(locked);
        // For a wrapped normal the resultant length is e^{−σ²/2}.
        EXPECT_NEAR(m.length, std::exp(-0.045f), 0.02f);
        EXPECT_NEAR(m.phase, 2.f, 0.03f);
        EXPECT_LT(phase_locking_value(uniform), 0.06f); // ~1/sqrt(n) = 0.022
        std::vector<int> bins(12);
        polar_histogram(locked, bins);
        int total = 0;
        for (int b : bins) total += b;
        EXPECT_EQ(total, 2000);
        EXPECT_EQ(std::max_element(bins.begin(), bins.end()) - bins.begin(), 3); // 2 rad is in [π/2, 2π/3)
    }
}

TEST(PhaseCode, CircularLinearFitRecoversThePrecessionSlope) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        Rng rng(seed);
        for (double slope : {-20.0, -9.0, 6.0}) { // rad per metre: over 0.3 m up to 1.0 turn
            std::vector<float> x, phase;
            for (int k = 0; k < 300; ++k) {
                const float at = rng.uniform(0.f, 0.3f);
                x.push_back(at);
                phase.push_back(wrap_phase(static_cast<float>(5.0 + slope * at) + rng.normal(0.f, 0.4f)));
            }
            const CircularLinearFit fit = circular_linear_fit(x, phase, -40.0, 40.0);
            EXPECT_NEAR(fit.slope, slope, 1.5) << seed;
            EXPECT_NEAR(phase_gap(static_cast<float>(fit.offset), 5.f), 0.f, 0.2f);
            EXPECT_GT(fit.resultant, 0.85);
        }
    }
}

} // namespace
} // namespace phasor
