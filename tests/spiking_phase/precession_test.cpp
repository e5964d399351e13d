// Theta phase precession from the place-cell circuit: spikes move from late to early phase across the field,
// by 100–355° over 5–10 theta cycles, and the slope in degrees per metre goes as 1 / field length; over five
// seeds. The same seed gives the same spikes; every live setting it reads changes the run.
#include "engine/spiking/precession_circuit.hpp"

#include <gtest/gtest.h>

#include <map>

namespace phasor {
namespace {

std::map<std::string, double> run_laps(PrecessionConfig config, int laps,
                                       const SpikingSettings& settings = {}) {
    PrecessionCircuit circuit(config, settings);
    std::vector<std::uint32_t> spiked;
    spiked.reserve(config.cells);
    const auto steps = static_cast<std::uint64_t>(laps * config.track_length / config.speed / config.dt) + 10;
    for (std::uint64_t s = 0; s < steps; ++s) circuit.step(spiked);
    std::vector<std::pair<std::string, double>> figures;
    circuit.figures(figures);
    return {figures.begin(), figures.end()};
}

TEST(Precession, LateToEarlyByTheClassicAmountAndSlopeGoesAsOneOverFieldLength) {
    // At 0.3 m/s and 8 Hz a 0.2 m field takes 5.3 theta cycles to cross, a 0.3 m one 8.
    double slope_length[2] = {0, 0};
    const float lengths[2] = {0.2f, 0.3f};
    for (int l = 0; l < 2; ++l) {
        for (std::uint64_t seed = 1; seed <= 5; ++seed) {
            auto f = run_laps({.field_length = lengths[l], .seed = seed}, 2);
            EXPECT_EQ(f["field_passes"], 10); // five cells, two laps
            EXPECT_LT(f["precession_slope_deg_per_m"], 0) << seed;
            EXPECT_GE(f["phase_shift_deg"], 100) << seed;
            EXPECT_LE(f["phase_shift_deg"], 355) << seed;
            EXPECT_GE(f["theta_cycles_in_field"], 5) << seed;
            EXPECT_LE(f["theta_cycles_in_field"], 10) << seed;
            // Late in the first cycle with spikes, early in the last.
            EXPECT_GT(f["first_cycle_phase_deg"], 250) << seed;
            EXPECT_LT(f["last_cycle_phase_deg"], 160) << seed;
            EXPECT_GT(f["precession_fit"], 0.7) << seed;
            slope_length[l] += f["precession_slope_deg_per_m"] * lengths[l] / 5;
        }
    }
    // slope × length is the same for both fields when slope ∝ 1 / length: within 15 %.
    EXPECT_NEAR(slope_length[1] / slope_length[0], 1.0, 0.15);
}

TEST(Precession, TheSameSeedGivesTheSameSpikes) {
    auto spikes = [](std::uint64_t seed, const SpikingSettings& settings) {
        PrecessionCircuit circuit({.seed = seed}, settings);
        std::vector<std::uint32_t> spiked, all;
        spiked.reserve(8);
        for (int s = 0; s < 30000; ++s) {
            circuit.step(spiked);
            for (auto k : spiked) all.push_back(static_cast<std::uint32_t>(s) * 8 + k);
        }
        return all;
    };
    const SpikingSettings defaults;
    const auto a = spikes(3, defaults);
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(a, spikes(3, defaults));
    EXPECT_NE(a, spikes(4, defaults));
    for (auto change : {SpikingSettings{.threshold_shift = 2e-3f}, SpikingSettings{.input_rate = 18.f},
                        SpikingSettings{.theta_hz = 10.f}, SpikingSettings{.gamma_per_theta = 8}})
        EXPECT_NE(a, spikes(3, change));
}

TEST(Precession, FasterThetaMeansMoreCyclesInTheField) {
    const auto slow = run_laps({.field_length = 0.2f}, 1);
    const auto fast = run_laps({.field_length = 0.2f}, 1, SpikingSettings{.theta_hz = 11.f});
    EXPECT_GT(fast.at("theta_cycles_in_field"), slow.at("theta_cycles_in_field") + 1.0);
}

TEST(Precession, TheTrackEnvironmentShowsTheAgentAndTheFields) {
    PrecessionCircuit circuit({.cells = 4});
    std::vector<std::uint32_t> spiked;
    for (int s = 0; s < 5000; ++s) circuit.step(spiked);
    const EnvironmentState* e = circuit.environment();
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->kind, "track");
    EXPECT_NEAR(e->position, 0.3f * 0.5f, 1e-3f);
    EXPECT_EQ(e->field_centers.size(), 4u);
    EXPECT_FLOAT_EQ(e->field_width, 0.25f);
    EXPECT_FALSE(e->status.empty());
    EXPECT_TRUE(circuit.rhythmic());
    EXPECT_TRUE(circuit.finite());
}

} // namespace
} // namespace phasor
