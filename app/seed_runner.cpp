// Headless multi-seed training: worker threads pull seeds from a shared counter and drive a Run each; the
// calling thread draws progress until all are done.
#include "app/seed_runner.hpp"

#include "app/progress_bar.hpp"
#include "engine/core/error.hpp"
#include "engine/params/param_set.hpp"
#include "engine/runtime/run.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fmt/format.h>
#include <mutex>
#include <thread>
#include <utility>

namespace phasor {

namespace {

using Clock = std::chrono::steady_clock;

// Ticks per call to Run::advance: the progress counter and a scripted change are looked at in between.
constexpr std::uint64_t kChunk = 4096;
// Samples kept before a streamed series hands them over (about 450 KiB).
constexpr std::size_t kStreamBlock = 4096;

struct Shared {
    const std::atomic<int>* stop = nullptr;
    std::atomic<std::size_t> next_seed{0};
    std::atomic<std::uint64_t> ticks_done{0};
    std::mutex mutex;
    std::condition_variable finished;
    std::size_t seeds_done = 0;
};

// Keeps the samples (when asked) with the runtime's channel filled in: the measured rate since the last one.
class SeriesRecord final : public SeriesWriter {
  public:
    SeriesRecord(const Run& run, std::vector<SeriesSample>* out, const RunPlan& plan, std::uint64_t seed)
        : run_(run), out_(out), stream_(plan.stream_series ? &plan.stream_series : nullptr), seed_(seed) {}
    void write(SeriesSample& sample) override {
        if (!out_) return;
        const auto now = Clock::now();
        const double dt = std::chrono::duration<double>(now - last_).count();
        const std::uint64_t ticks = total_ + sample.tick;
        sample.run = run_.id();
        sample.values[run_.family().channels.size()] =
            dt > 0 && ticks > last_ticks_ ? static_cast<float>(static_cast<double>(ticks - last_ticks_) / dt)
                                          : 0.f;
        last_ = now;
        last_ticks_ = ticks;
        out_->push_back(sample);
        if (stream_ && out_->size() >= kStreamBlock) flush();
    }
    // Hands the samples kept so far to the stream, if there is one.
    void flush() {
        if (!stream_ || !out_ || out_->empty()) return;
        (*stream_)(seed_, *out_);
        out_->clear();
    }
    // A scripted reset starts the run's clock at 0 again.
    void new_run(std::uint64_t ticks_before) { total_ += ticks_before; }

  private:
    const Run& run_;
    std::vector<SeriesSample>* out_;
    const std::function<void(std::uint64_t, std::span<const SeriesSample>)>* stream_;
    std::uint64_t seed_;
    Clock::time_point last_ = Clock::now();
    std::uint64_t last_ticks_ = 0, total_ = 0;
};

// Applies one scripted change; a refusal (a structural change that does not fit the rest) is bad input.
void apply(Run& run, const ScriptedChange& change) {
    const std::optional<std::string> refused = run.replay(change);
    if (refused) throw InputError(fmt::format("--at {}: {}", change.text, *refused));
}

void train(Run& run, const RunPlan& plan, SeedResult& r, Shared& shared) {
    const auto start = Clock::now();
    SeriesRecord series(run, plan.collect_series ? &r.series : nullptr, plan, r.seed);
    std::size_t next = 0;
    std::uint64_t total = 0;
    for (;;) {
        if (shared.stop && shared.stop->load(std::memory_order_relaxed) != 0) break;
        const bool scripted = next < plan.script.size();
        const std::uint64_t stop = scripted ? plan.script[next].tick : plan.ticks;
        if (run.ticks() < stop) {
            const std::uint64_t done = run.advance(std::min(stop - run.ticks(), kChunk), series);
            total += done;
            shared.ticks_done += done;
            if (const auto fault = run.take_fault()) {
                r.diverged = true;
                r.diverged_at = fault->at;
                r.evaluated_from = fault->restored_from;
                r.fault = fault->describe();
                break;
            }
            continue;
        }
        if (!scripted) break;
        const std::uint64_t before = run.ticks(), id = run.id();
        apply(run, plan.script[next++]);
        if (run.id() != id) series.new_run(before);
    }
    // Stopped by a signal: what is left is not written (the caller discards the whole output).
    if (!(shared.stop && shared.stop->load(std::memory_order_relaxed) != 0)) series.flush();
    r.ticks = total;
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    for (Change& change : run.log()) r.changes.push_back(std::move(change));
    // Count the ticks a diverged run skipped too, so the progress bar still reaches the end.
    const std::uint64_t planned = plan.ticks_per_seed();
    if (total < planned) shared.ticks_done += planned - total;
}

void run_one(const RunPlan& plan, SeedResult& r, Shared& shared) {
    try {
        ParamSet params = plan.params;
        if (auto why = params.set("seed", static_cast<std::int64_t>(r.seed))) throw InputError(*why);
        Run run(std::move(params));
        if (plan.pace > 0) run.set_pace(plan.pace);
        // The series grows as it is sampled: reserving for the whole run up front asked for hundreds of GB
        // on a long --ticks (run_command bounds what it may reach).
        train(run, plan, r, shared);
        Snapshot end;
        run.fill(end);
        r.headline = end.headline;
        r.eval = end.eval;
        r.class_names = end.class_names;
        r.parts = end.parts;
        r.figures = end.figures;
        r.figure_lists = end.figure_lists;
    } catch (...) {
        r.failure = std::current_exception();
    }
}

void worker(const RunPlan& plan, std::vector<SeedResult>& results, Shared& shared) {
    for (std::size_t i; (i = shared.next_seed++) < results.size();) {
        run_one(plan, results[i], shared);
        std::lock_guard lock(shared.mutex);
        ++shared.seeds_done;
        shared.finished.notify_one();
    }
}

} // namespace

std::uint64_t RunPlan::ticks_per_seed() const {
    std::uint64_t total = ticks;
    for (const ScriptedChange& c : script)
        if (c.rebuilds) total += c.tick;
    return total;
}

std::vector<SeedResult> run_seeds(const RunPlan& plan, unsigned threads, const std::atomic<int>* stop) {
    std::vector<SeedResult> results(plan.seeds.size());
    for (std::size_t i = 0; i < results.size(); ++i) results[i].seed = plan.seeds[i];

    Shared shared;
    shared.stop = stop;
    ProgressBar bar(plan.ticks_per_seed() * plan.seeds.size());
    {
        std::vector<std::jthread> pool;
        const std::size_t n = std::min<std::size_t>(std::max(threads, 1u), results.size());
        for (std::size_t w = 0; w < n; ++w) pool.emplace_back([&] { worker(plan, results, shared); });
        std::unique_lock lock(shared.mutex);
        while (shared.seeds_done < results.size()) {
            shared.finished.wait_for(lock, std::chrono::milliseconds(100));
            bar.update(shared.ticks_done.load(), shared.seeds_done, results.size());
        }
    }
    bar.finish();
    return results;
}

} // namespace phasor
