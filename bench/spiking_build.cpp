// The spiking family's space-and-conductance benchmarks, single-threaded: the COBA network's 1 s loop (build
// outside the timing), the local 100k network's build (placement, distance connectivity, delays) and its 1 s
// loop with either delay queue. Counters carry the rate and the storage; bench/brian_coba.py and
// bench/brian_local.py time Brian2 standalone on the same networks. Figures go to docs/BENCHMARKS.md.
#include "engine/spiking/benchmark_circuit.hpp"
#include "engine/spiking/local_circuit.hpp"

#include <benchmark/benchmark.h>
#include <chrono>

namespace phasor {
namespace {

// Steps `cycles`; returns the spikes.
std::size_t run(Circuit& circuit, std::uint32_t cycles) {
    std::vector<std::uint32_t> spiked;
    spiked.reserve(circuit.neurons());
    std::size_t spikes = 0;
    for (std::uint32_t c = 0; c < cycles; ++c) {
        circuit.step(spiked);
        spikes += spiked.size();
    }
    return spikes;
}

void BM_CobaLoop1s(benchmark::State& state) {
    double spikes = 0;
    for (auto _ : state) {
        state.PauseTiming();
        CobaCircuit net(CobaConfig{.seed = 1});
        state.ResumeTiming();
        spikes = static_cast<double>(run(net, 10000));
    }
    state.counters["rate_hz"] = spikes / 4000.0;
}
BENCHMARK(BM_CobaLoop1s)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Local100kBuild(benchmark::State& state) {
    double synapses = 0, bytes = 0;
    for (auto _ : state) {
        const LocalCircuit net;
        synapses = static_cast<double>(net.synapses());
        bytes = net.bytes_per_synapse();
    }
    state.counters["synapses"] = synapses;
    state.counters["bytes_per_synapse"] = bytes;
}
BENCHMARK(BM_Local100kBuild)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// Arg 0: event lists per slot; 1: the dense ring (a float per neuron per slot).
void BM_Local100kLoop1s(benchmark::State& state) {
    const LocalCircuit built(LocalConfig{.dense_ring = state.range(0) == 1});
    double spikes = 0;
    for (auto _ : state) {
        state.PauseTiming();
        LocalCircuit net = built;
        state.ResumeTiming();
        spikes = static_cast<double>(run(net, 10000));
    }
    state.counters["rate_hz"] = spikes / 100000.0;
}
BENCHMARK(BM_Local100kLoop1s)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

} // namespace
} // namespace phasor

BENCHMARK_MAIN();
