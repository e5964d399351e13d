// Theta–gamma multi-item coding from the item circuit: after the cue, every theta cycle replays each item in
// its own gamma sub-cycle in serial order, so an item's mean theta phase grows with its position; over five
// seeds. Fewer items than windows replay too, more than the open windows hold do not. The same seed gives the
// same spikes; every live setting it reads changes the run.
#include "engine/spiking/theta_gamma_circuit.hpp"
#include "support/allocation_counter.hpp"

#include <gtest/gtest.h>

#include <map>

namespace phasor {
namespace {

std::map<std::string, double> run(ThetaGammaConfig config, double seconds,
                                  const SpikingSettings& settings = {}) {
    ThetaGammaCircuit circuit(config, settings);
    std::vector<std::uint32_t> spiked;
    spiked.reserve(circuit.neurons());
    const auto steps = static_cast<std::uint64_t>(seconds / config.dt);
    for (std::uint64_t s = 0; s < steps; ++s) circuit.step(spiked);
    EXPECT_TRUE(circuit.finite());
    std::vector<std::pair<std::string, double>> figures;
    circuit.figures(figures);
    return {figures.begin(), figures.end()};
}

TEST(ThetaGamma, EachItemFiresInItsOwnGammaSubCycleInSerialOrder) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        auto f = run({.seed = seed}, 2.5);
        EXPECT_GE(f["theta_cycles"], 18) << seed; // 8 Hz, less the cue's cycle and the one under way
        EXPECT_GE(f["items_in_order"], 0.9) << seed;
        EXPECT_NEAR(f["items_per_cycle"], 5.0, 0.25) << seed;
        // The assembly fires together, once per cycle: about its 20 cells' worth of spikes.
        EXPECT_NEAR(f["spikes_per_item_cycle"], 20.0, 3.0) << seed;
        double previous_phase = -1.0;
        for (int k = 1; k <= 5; ++k) {
            const std::string item = std::to_string(k);
            EXPECT_NEAR(f["mean_gamma_slot_item_" + item], k - 1, 0.1) << seed << " item " << k;
            // One gamma cycle is 60 degrees of theta at 6 per theta.
            const double phase = f["mean_phase_deg_item_" + item];
            EXPECT_GT(phase, previous_phase + 40.0) << seed << " item " << k;
            previous_phase = phase;
        }
    }
}

TEST(ThetaGamma, CapacityIsTheOpenGammaWindows) {
    // Fewer items than windows: theta closes the empty windows, so the first item still waits for the cycle.
    for (std::uint32_t items : {1u, 3u}) {
        auto f = run({.items = items, .seed = 2}, 2.0);
        EXPECT_GE(f["items_in_order"], 0.9) << items;
        EXPECT_NEAR(f["items_per_cycle"], items, 0.2) << items;
    }
    // Six items need six open windows: seven gamma cycles per theta hold them, six do not.
    EXPECT_GE(run({.items = 6, .seed = 2}, 2.0, {.gamma_per_theta = 7})["items_in_order"], 0.9);
    EXPECT_LT(run({.items = 6, .seed = 2}, 2.0)["items_in_order"], 0.5);
}

TEST(ThetaGamma, TheSameSeedGivesTheSameSpikes) {
    auto spikes = [](std::uint64_t seed, const SpikingSettings& settings) {
        ThetaGammaCircuit circuit({.seed = seed}, settings);
        std::vector<std::uint32_t> spiked, all;
        spiked.reserve(circuit.neurons());
        const auto n = static_cast<std::uint32_t>(circuit.neurons());
        for (std::uint32_t s = 0; s < 6000; ++s) {
            circuit.step(spiked);
            for (auto k : spiked) all.push_back(s * n + k);
        }
        return all;
    };
    const SpikingSettings defaults;
    const auto a = spikes(3, defaults);
    EXPECT_GT(a.size(), 300u); // the cue's cycle and most of the next: five items of 20 cells each
    EXPECT_EQ(a, spikes(3, defaults));
    EXPECT_NE(a, spikes(4, defaults));
    for (auto change : {SpikingSettings{.threshold_shift = 1e-3f}, SpikingSettings{.input_rate = 20.f},
                        SpikingSettings{.theta_hz = 8.5f}, SpikingSettings{.gamma_per_theta = 7}})
        EXPECT_NE(a, spikes(3, change));
}

#ifdef PHASOR_COUNT_MALLOC
TEST(ThetaGamma, AStepAllocatesNothing) {
    ThetaGammaCircuit circuit({});
    std::vector<std::uint32_t> spiked;
    spiked.reserve(circuit.neurons());
    // Across the cue and whole cycles after it, theta wraps included.
    const long allocations = testing::count_mallocs([&] {
        for (int s = 0; s < 3000; ++s) circuit.step(spiked);
    });
    EXPECT_EQ(allocations, 0);
}
#endif

TEST(ThetaGamma, ItemsAndInterneuronsArePopulationsOnTheRhythm) {
    ThetaGammaCircuit circuit({.items = 4});
    const auto populations = circuit.populations();
    ASSERT_EQ(populations.size(), 5u);
    EXPECT_EQ(populations[0].name, "item 1");
    EXPECT_EQ(populations[3].name, "item 4");
    EXPECT_EQ(populations[3].first, 60u);
    EXPECT_EQ(populations[4].name, "interneurons");
    EXPECT_FALSE(populations[4].excitatory);
    EXPECT_EQ(circuit.neurons(), 90u);
    EXPECT_TRUE(circuit.rhythmic());
    EXPECT_EQ(circuit.rhythm().gamma_per_theta, 6);
    EXPECT_EQ(circuit.environment(), nullptr);
    EXPECT_THROW(ThetaGammaCircuit({.items = 8}), std::invalid_argument);
}

} // namespace
} // namespace phasor
