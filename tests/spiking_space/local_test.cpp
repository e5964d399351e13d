// The local 3D network: the expected in-degree formula against a count, local100k built with ~100 synapses
// per neuron and compact storage, and a smaller one firing asynchronously at a sane rate with either queue.
#include "engine/spiking/local_circuit.hpp"
#include "engine/spiking/spike_record.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace phasor {
namespace {

TEST(Local, HundredThousandNeuronsGetAboutAHundredLocalSynapsesEach) {
    const LocalCircuit net;
    ASSERT_EQ(net.neurons(), 100000u);
    const double mean = static_cast<double>(net.synapses()) / 100000.0;
    // 10M pair draws: the standard error of the mean is ~0.03, the edge formula is exact in expectation.
    EXPECT_NEAR(mean, 100.0, 1.0);
    // 4 bytes a synapse (its target; the projection's one weight is kept once), 4 a row and 2 a delay
    // bound per source: ~4.2.
    EXPECT_LE(net.bytes_per_synapse(), 4.3);
    EXPECT_EQ(net.positions().size(), 100000u);
    EXPECT_EQ(net.populations()[0].size, 80000u);
    // Every synapse is local: within the radius of its source.
    const double radius = local_radius(LocalConfig{});
    std::vector<std::uint32_t> out;
    for (std::uint32_t n : {0u, 4242u, 80000u, 99999u}) {
        out.clear();
        net.targets(n, out);
        for (std::uint32_t t : out) {
            EXPECT_NE(t, n);
            EXPECT_LT(std::sqrt(distance2(net.positions()[n], net.positions()[t])), radius * 1.0001);
        }
    }
}

TEST(Local, FiresAsynchronouslyAtASaneRateWithEitherQueue) {
    for (bool dense : {false, true}) {
        LocalCircuit net(LocalConfig{.neurons = 20000, .seed = 3, .dense_ring = dense});
        SpikeRecord spikes;
        std::vector<std::uint32_t> spiked;
        spiked.reserve(net.neurons());
        std::vector<std::size_t> per_ms(300, 0);
        for (std::uint32_t c = 0; c < 3000; ++c) {
            net.step(spiked);
            spikes.add(c, spiked);
            per_ms[c / 10] += spiked.size();
        }
        EXPECT_TRUE(net.finite());
        const double rate = mean_rate_hz(spikes, net.neurons(), 0.3);
        EXPECT_GE(rate, 2.0) << (dense ? "ring" : "events");
        EXPECT_LE(rate, 30.0) << (dense ? "ring" : "events");
        // Asynchronous: after the first 50 ms no millisecond holds more than a tenth of the neurons.
        for (std::size_t ms = 50; ms < per_ms.size(); ++ms) EXPECT_LT(per_ms[ms], net.neurons() / 10);
    }
}

TEST(Local, TheEdgeCorrectedNeighbourCountMatchesACount) {
    // A small cube where a third of the ball sticks out for many neurons.
    const LocalConfig config{.neurons = 3000, .in_degree = 60.f};
    const LocalCircuit net(config);
    const double expected = config.in_degree; // the radius was solved for it
    const double mean = static_cast<double>(net.synapses()) / config.neurons;
    // 180k Bernoulli(0.5) draws over correlated positions: a few percent.
    EXPECT_NEAR(mean, expected, expected * 0.05);
}

} // namespace
} // namespace phasor
