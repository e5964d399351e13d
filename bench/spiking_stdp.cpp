// The large STDP benchmark on one core: 10,000 Poisson inputs onto 10,000 LIF neurons, 1M plastic synapses,
// pair STDP online (N = 1) and applied every N cycles, 1 s and 10 s simulated; the build (connectivity,
// weights, the by-target index) is timed on its own. bench/brian_stdp_large.py runs the same network in
// Brian2 standalone. Counters: output rate, weights at the bounds, bytes per synapse. Figures go to
// docs/BENCHMARKS.md.
#include "engine/spiking/stdp_large_circuit.hpp"

#include <benchmark/benchmark.h>

namespace phasor {
namespace {

void BM_StdpLargeBuild(benchmark::State& state) {
    double bytes = 0;
    for (auto _ : state) {
        const StdpLargeCircuit net(StdpLargeConfig{});
        bytes = net.bytes_per_synapse();
    }
    state.counters["bytes_per_synapse"] = bytes;
}
BENCHMARK(BM_StdpLargeBuild)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// Args: simulated seconds, the period N.
void BM_StdpLargeLoop(benchmark::State& state) {
    const auto seconds = static_cast<std::uint32_t>(state.range(0));
    SpikingSettings settings;
    settings.stdp_period = static_cast<int>(state.range(1));
    const StdpLargeCircuit built(StdpLargeConfig{}, settings);
    std::vector<std::uint32_t> spiked;
    spiked.reserve(built.neurons());
    double outputs = 0, low = 0, high = 0;
    for (auto _ : state) {
        state.PauseTiming();
        StdpLargeCircuit net = built;
        outputs = 0;
        state.ResumeTiming();
        for (std::uint32_t c = 0; c < seconds * 10000; ++c) {
            net.step(spiked);
            for (std::uint32_t k : spiked) outputs += k >= 10000;
        }
        state.PauseTiming();
        low = high = 0;
        for (float w : net.plastic_weights()) {
            low += w < 0.1f * net.weight_max();
            high += w > 0.9f * net.weight_max();
        }
        state.ResumeTiming();
    }
    state.counters["output_hz"] = outputs / 10000.0 / seconds;
    state.counters["weights_below_0.1"] = low / 1e6;
    state.counters["weights_above_0.9"] = high / 1e6;
}
BENCHMARK(BM_StdpLargeLoop)
    ->Args({1, 1})
    ->Args({1, 10})
    ->Args({1, 100})
    ->Args({10, 1})
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);

} // namespace
} // namespace phasor

BENCHMARK_MAIN();
