// The large STDP network: 1M plastic synapses in 12 bytes each plus the row and column starts, 100 distinct
// targets per input, outputs firing in the few-to-20 Hz band it was tuned for, the same seed giving the same
// run, every live setting changing it, and a cycle that allocates nothing once warm.
#include "engine/spiking/stdp_large_circuit.hpp"

#include "support/allocation_counter.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace phasor {
namespace {

// A fifth of the inputs and neurons, the same in-degree (100) and so the same rates.
StdpLargeConfig small(std::uint64_t seed) {
    return {.inputs = 2000, .neurons = 2000, .seed = seed};
}

struct LargeRun {
    std::vector<float> weights;
    std::vector<std::uint32_t> spikes;
};

LargeRun run_large(StdpLargeConfig config, std::uint64_t cycles, const SpikingSettings& settings = {}) {
    StdpLargeCircuit circuit(config, settings);
    std::vector<std::uint32_t> spiked;
    spiked.reserve(circuit.neurons());
    LargeRun run;
    for (std::uint64_t c = 0; c < cycles; ++c) {
        circuit.step(spiked);
        run.spikes.insert(run.spikes.end(), spiked.begin(), spiked.end());
    }
    run.weights.assign(circuit.plastic_weights().begin(), circuit.plastic_weights().end());
    return run;
}

TEST(StdpLarge, AMillionSynapsesInTwelveBytesEachAndDistinctTargets) {
    const StdpLargeCircuit circuit(StdpLargeConfig{});
    EXPECT_EQ(circuit.synapses(), 1'000'000u);
    EXPECT_EQ(circuit.neurons(), 20'000u);
    // 12 bytes a synapse, and 4 bytes for each of the 10,001 row and 10,001 column starts: 12.08.
    EXPECT_LE(circuit.bytes_per_synapse(), 12.081);
    for (std::uint32_t i : {0u, 4321u, 9999u}) {
        std::vector<std::uint32_t> targets;
        circuit.targets(i, targets);
        ASSERT_EQ(targets.size(), 100u);
        EXPECT_TRUE(std::adjacent_find(targets.begin(), targets.end()) == targets.end()); // sorted, distinct
        EXPECT_GE(targets.front(), 10'000u);
        EXPECT_LT(targets.back(), 20'000u);
    }
}

TEST(StdpLarge, OutputsFireInTheBandTheNetworkWasTunedFor) {
    const LargeRun run = run_large(StdpLargeConfig{}, 2000); // 0.2 s
    const auto outputs =
        std::count_if(run.spikes.begin(), run.spikes.end(), [](auto k) { return k >= 10000; });
    const double input_hz =
        static_cast<double>(run.spikes.size() - static_cast<std::size_t>(outputs)) / 1e4 / 0.2;
    const double output_hz = static_cast<double>(outputs) / 1e4 / 0.2;
    EXPECT_NEAR(input_hz, 15.0, 0.3);
    EXPECT_GT(output_hz, 3.0);
    EXPECT_LT(output_hz, 20.0);
    for (float w : run.weights) ASSERT_TRUE(w >= 0.f && w <= 2.5e-3f);
}

TEST(StdpLarge, TheSameSeedGivesTheSameRun) {
    const LargeRun a = run_large(small(3), 1500), b = run_large(small(3), 1500),
                   c = run_large(small(4), 1500);
    EXPECT_EQ(a.spikes, b.spikes);
    EXPECT_EQ(a.weights, b.weights);
    EXPECT_NE(a.spikes, c.spikes);
}

TEST(StdpLarge, EveryLiveSettingChangesTheRun) {
    const LargeRun base = run_large(small(1), 1523); // 1523: not a period end
    std::vector<SpikingSettings> settings(6);
    settings[0].input_rate = 18.f;
    settings[1].threshold_shift = -1e-3f;
    settings[2].stdp_rate = 0.03f;
    settings[3].stdp_depression = 1.5f;
    settings[4].stdp_multiplicative = true;
    settings[5].stdp_period = 50;
    for (std::size_t k = 0; k < settings.size(); ++k) {
        const LargeRun run = run_large(small(1), 1523, settings[k]);
        EXPECT_NE(run.weights, base.weights) << "setting " << k;
    }
}

#ifdef PHASOR_COUNT_MALLOC
TEST(StdpLarge, ACycleAllocatesNothingOnceWarm) {
    for (int period : {1, 20}) {
        SpikingSettings settings;
        settings.stdp_period = period;
        StdpLargeCircuit circuit(small(2), settings);
        std::vector<std::uint32_t> spiked;
        spiked.reserve(circuit.neurons());
        for (int c = 0; c < 2000; ++c) circuit.step(spiked);
        const long mallocs = testing::count_mallocs([&] {
            for (int c = 0; c < 1000; ++c) circuit.step(spiked);
        });
        EXPECT_EQ(mallocs, 0) << "N " << period;
    }
}
#endif

} // namespace
} // namespace phasor
