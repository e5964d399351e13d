// Ticks per second of the stepped network: per backward mode, attention on and off, telemetry publishing on,
// across hidden widths; and the same through the real Trainer thread. Figures go to docs/BENCHMARKS.md;
// bench/side_by_side.sh runs this against an earlier commit's in one go.
#include "engine/runtime/run.hpp"
#include "engine/stepnet/stepnet_family.hpp"
#include "engine/telemetry/spsc_ring.hpp"
#include "engine/telemetry/triple_buffer.hpp"
#include "engine/trainer/trainer.hpp"

#include <benchmark/benchmark.h>
#include <chrono>
#include <fmt/format.h>
#include <thread>

namespace phasor {
namespace {

constexpr const char* kModes[] = {"snapshot", "aligned", "pipelined"};

// 4 → width → width/2 → 3 on Low/High/Mix; width 32 is the document's 4→32→16→3 network.
ParamSet network(int mode, bool attention, int width) {
    ParamSet p(stepnet_family());
    p.set("name", std::string("bench"));
    p.set("train.backward", std::string(kModes[mode]));
    p.set("train.attention", attention);
    p.set("network.layers", std::vector<std::int64_t>{4, width, width / 2, 3});
    p.set("network.activations", std::vector<std::string>{"relu", "tanh", "softmax"});
    return p;
}

// Stands in for the trainer's series ring and the UI draining it.
struct RingWriter final : SeriesWriter {
    SpscRing<SeriesSample> ring{8192};
    SeriesSample drained;
    void write(SeriesSample& sample) override {
        ring.try_push(sample);
        ring.try_pop(drained);
    }
};

// The trainer's loop without the thread: Run::advance in batches (series samples through the ring, the
// divergence rule's checkpoints), and a full snapshot published through the triple buffer every 16 ms.
void BM_TickWithTelemetry(benchmark::State& state) {
    constexpr std::uint64_t kBatch = 256;
    Run run(network(static_cast<int>(state.range(0)), state.range(1) != 0, static_cast<int>(state.range(2))));
    Snapshot prototype;
    run.fill(prototype);
    TripleBuffer<Snapshot> snapshots(prototype);
    RingWriter series;
    auto last_publish = std::chrono::steady_clock::now();
    for (auto _ : state) {
        run.advance(kBatch, series);
        const auto now = std::chrono::steady_clock::now();
        if (now - last_publish >= std::chrono::milliseconds(16)) {
            run.fill(snapshots.back());
            snapshots.publish();
            last_publish = now;
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatch));
    state.SetLabel(fmt::format("{} attention={} 4-{}-{}-3", kModes[state.range(0)],
                               state.range(1) ? "on" : "off", state.range(2), state.range(2) / 2));
}

void TickArgs(benchmark::internal::Benchmark* b) {
    for (int mode = 0; mode < 3; ++mode)
        for (int attention : {1, 0}) b->Args({mode, attention, 32});
    for (int width : {64, 128, 256, 512, 1024}) b->Args({1, 1, width});
}
BENCHMARK(BM_TickWithTelemetry)->Apply(TickArgs);

// The real background thread at full speed for 1 s per iteration, publishing as the app will see it.
void BM_TrainerThread(benchmark::State& state) {
    const int mode = static_cast<int>(state.range(0));
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
    state.SetLabel(fmt::format("{} attention=on 4-32-16-3, Trainer thread", kModes[mode]));
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
