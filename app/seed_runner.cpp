// Headless multi-seed training: worker threads pull seeds from a shared counter; the calling thread draws
// progress until all are done.
#include "app/seed_runner.hpp"

#include "app/progress_bar.hpp"
#include "engine/stepnet/stepnet.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <utility>

namespace phasor {

namespace {

using Clock = std::chrono::steady_clock;

// How often the last good weights are saved; a divergence loses at most this much training.
constexpr std::uint64_t kCheckpointEvery = 1000;
// Ticks between updates of the shared progress counter, so that workers do not contend on it.
constexpr std::uint64_t kProgressEvery = 256;

struct Shared {
    std::atomic<std::size_t> next_seed{0};
    std::atomic<std::uint64_t> ticks_done{0};
    std::mutex mutex;
    std::condition_variable finished;
    std::size_t seeds_done = 0;
};

void train(StepNet& model, const RunPlan& plan, SeedResult& r, Shared& shared) {
    const auto start = Clock::now();
    auto last_sample = start;
    std::uint64_t last_sample_tick = 0, unreported = 0;
    SeriesSample sample;
    for (std::uint64_t t = 0; t < plan.ticks; ++t) {
        model.tick();
        if (++unreported == kProgressEvery) shared.ticks_done += std::exchange(unreported, 0);
        const bool weights_bad = model.ticks() % kCheckpointEvery == 0 && !model.weights_finite();
        if (model.loss_diverged() || weights_bad) {
            r.diverged = true;
            r.diverged_at = model.ticks();
            model.restore();
            r.evaluated_from = model.checkpoint_tick();
            break;
        }
        if (model.ticks() % kCheckpointEvery == 0) model.checkpoint();
        if (plan.collect_series && model.series_due()) {
            model.sample(sample);
            // The trainer thread fills this in the app; headless, the runner is the trainer.
            const auto now = Clock::now();
            const double dt = std::chrono::duration<double>(now - last_sample).count();
            if (dt > 0) sample.ticks_per_second = static_cast<float>((model.ticks() - last_sample_tick) / dt);
            last_sample = now;
            last_sample_tick = model.ticks();
            r.series.push_back(sample);
        }
    }
    r.ticks = model.ticks();
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    // Count the ticks a diverged run skipped too, so the progress bar still reaches the end.
    shared.ticks_done += unreported + (plan.ticks - r.ticks);
}

void run_one(const RunPlan& plan, SeedResult& r, Shared& shared) {
    try {
        StepNetConfig config = plan.config;
        config.seed = r.seed;
        StepNet model(config);
        if (plan.collect_series)
            r.series.reserve(plan.ticks / static_cast<std::uint64_t>(config.series_every) + 1);
        train(model, plan, r, shared);
        r.eval = model.evaluate();
        r.class_names = model.task().class_names();
        r.rolling_accuracy = model.rolling_accuracy();
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

std::vector<SeedResult> run_seeds(const RunPlan& plan, unsigned threads) {
    std::vector<SeedResult> results(plan.seeds.size());
    for (std::size_t i = 0; i < results.size(); ++i) results[i].seed = plan.seeds[i];

    Shared shared;
    ProgressBar bar(plan.ticks * plan.seeds.size());
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
