// The COBA benchmark against the reference simulator: over seeds 1-5 and 4321 its mean rate and mean CV of
// inter-spike intervals land in Brian2 2.5.1 standalone's band (rate 19.4-23.1 Hz, CV 1.56-1.71); the same
// seed gives the same spikes; static synapses take 8 bytes each; the threshold shift acts.
#include "engine/spiking/benchmark_circuit.hpp"
#include "engine/spiking/spike_record.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

SpikeRecord run(Circuit& circuit, std::uint32_t cycles) {
    SpikeRecord record;
    std::vector<std::uint32_t> spiked;
    spiked.reserve(circuit.neurons());
    for (std::uint32_t c = 0; c < cycles; ++c) {
        circuit.step(spiked);
        record.add(c, spiked);
    }
    return record;
}

TEST(Coba, RateAndIrregularityLandInTheReferenceSimulatorsBandOverSeeds) {
    double rates = 0, cvs = 0;
    const std::uint64_t seeds[] = {1, 2, 3, 4, 5, 4321};
    for (std::uint64_t seed : seeds) {
        CobaCircuit net(CobaConfig{.seed = seed});
        const SpikeRecord spikes = run(net, 10000);
        // 4 bytes a synapse (its target: a projection's synapses share one weight) and 4 a row for each of
        // the two projections: 4.1 in all.
        EXPECT_LE(net.bytes_per_synapse(), 4.11);
        EXPECT_TRUE(net.finite());
        rates += mean_rate_hz(spikes, 4000, 1.0) / 6;
        cvs += mean_cv_isi(spikes, 4000) / 6;
    }
    EXPECT_GE(rates, 19.4);
    EXPECT_LE(rates, 23.1);
    EXPECT_GE(cvs, 1.56);
    EXPECT_LE(cvs, 1.71);
}

TEST(Coba, TheSameSeedGivesTheSameSpikesAndAnotherSeedOthers) {
    CobaCircuit a(CobaConfig{.seed = 7}), b(CobaConfig{.seed = 7}), c(CobaConfig{.seed = 8});
    const SpikeRecord ra = run(a, 2000), rb = run(b, 2000), rc = run(c, 2000);
    EXPECT_EQ(ra.neuron, rb.neuron);
    EXPECT_EQ(ra.step, rb.step);
    EXPECT_NE(ra.neuron, rc.neuron);
    // A copy carries on exactly as the original.
    auto copy = a.clone();
    EXPECT_EQ(run(*copy, 500).neuron, run(a, 500).neuron);
}

TEST(Coba, ReportsItsTwoPopulationsAndARaisedThresholdSilencesIt) {
    CobaCircuit net;
    ASSERT_EQ(net.populations().size(), 2u);
    EXPECT_EQ(net.populations()[0].name, "excitatory");
    EXPECT_EQ(net.populations()[1].first, 3200u);
    std::vector<std::uint32_t> out;
    net.targets(5, out);
    EXPECT_GT(out.size(), 40u);
    // The drive alone holds v at El + I = −40 mV: a threshold 15 mV higher is never reached.
    net.apply(SpikingSettings{.threshold_shift = 15e-3f});
    const SpikeRecord quiet = run(net, 1500);
    std::size_t late = 0;
    for (std::uint32_t s : quiet.step) late += s > 500;
    EXPECT_EQ(late, 0u);
}

} // namespace
} // namespace phasor
