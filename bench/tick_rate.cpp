// Ticks per second of the stepped network: per backward mode, attention on and off, telemetry publishing on,
// across hidden widths; and the same through the real Trainer thread. Figures go to docs/BENCHMARKS.md.
#include "engine/stepnet/stepnet.hpp"
#include "engine/telemetry/spsc_ring.hpp"
#include "engine/telemetry/triple_buffer.hpp"
#include "engine/trainer/trainer.hpp"

#include <benchmark/benchmark.h>
#include <chrono>
#include <fmt/format.h>
#include <thread>

namespace phasor {
namespace {

// 4 → width → width/2 → 3 on Low/High/Mix; width 32 is the document's 4→32→16→3 network.
StepNetConfig network(BackwardMode mode, bool attention, int width) {
    StepNetConfig c;
    c.backward = mode;
    c.attention = attention;
    c.layers = {4, width, width / 2, 3};
    return c;
}

// The trainer's hot loop without the thread: tick, sample the series when due, and publish a snapshot every
// 16 ms (the clock is read every 256 ticks, as the trainer does).
void BM_TickWithTelemetry(benchmark::State& state) {
    const auto mode = static_cast<BackwardMode>(state.range(0));
    const bool attention = state.range(1) != 0;
    const int width = static_cast<int>(state.range(2));
    StepNet net(network(mode, attention, width));
    Snapshot prototype;
    net.fill(prototype);
    TripleBuffer<Snapshot> snapshots(prototype);
    SpscRing<SeriesSample> series(8192);
    SeriesSample sample, drained;
    auto last_publish = std::chrono::steady_clock::now();
    std::uint64_t ticks = 0;
    for (auto _ : state) {
        net.tick();
        if (net.series_due()) {
            net.sample(sample);
            series.try_push(sample);
            series.try_pop(drained); // stands in for the UI draining the ring
        }
        if ((++ticks & 255) == 0) {
            const auto now = std::chrono::steady_clock::now();
            if (now - last_publish >= std::chrono::milliseconds(16)) {
                net.fill(snapshots.back());
                snapshots.publish();
                last_publish = now;
            }
        }
    }
    state.SetItemsProcessed(state.iterations());
    state.SetLabel(fmt::format("{} attention={} 4-{}-{}-3", to_string(mode), attention ? "on" : "off", width,
                               width / 2));
}

void TickArgs(benchmark::internal::Benchmark* b) {
    for (int mode = 0; mode < 3; ++mode)
        for (int attention : {1, 0}) b->Args({mode, attention, 32});
    for (int width : {64, 128, 256, 512, 1024}) b->Args({1, 1, width});
}
BENCHMARK(BM_TickWithTelemetry)->Apply(TickArgs);

// The real background thread at full speed for 1 s per iteration, publishing as the app will see it.
void BM_TrainerThread(benchmark::State& state) {
    const auto mode = static_cast<BackwardMode>(state.range(0));
    std::uint64_t total = 0;
    for (auto _ : state) {
        Trainer trainer(network(mode, true, 32));
        const auto start = std::chrono::steady_clock::now();
        const std::uint64_t t0 = trainer.tick();
        trainer.start();
        std::this_thread::sleep_for(std::chrono::seconds(1));
        const std::uint64_t ticks = trainer.tick() - t0;
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        trainer.stop();
        total += ticks;
        state.SetIterationTime(seconds);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(total));
    state.SetLabel(fmt::format("{} attention=on 4-32-16-3, Trainer thread", to_string(mode)));
}
BENCHMARK(BM_TrainerThread)
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->UseManualTime()
    ->Iterations(2)
    ->Unit(benchmark::kMillisecond);

} // namespace
} // namespace phasor

BENCHMARK_MAIN();
