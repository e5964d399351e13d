// Training one preset for a list of seeds, headless, on a pool of worker threads (seeds are independent and
// each is deterministic, so running them in parallel changes nothing but the wall time). Each seed is a Run,
// so the divergence rule and the way changes apply are the trainer's own.
#pragma once
#include "engine/params/param_set.hpp"
#include "engine/runtime/change.hpp"
#include "engine/telemetry/series.hpp"
#include "engine/telemetry/snapshot.hpp"

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace phasor {

struct SeedResult {
    std::uint64_t seed = 0;
    std::vector<float> headline; // the family's headline metrics at the end (or at the restored checkpoint)
    EvalResult eval;
    std::vector<std::string> class_names;
    std::vector<PartFigures> parts; // the model's parts (components) and their figures at the end
    std::vector<std::pair<std::string, double>>
        figures; // the run's own figures at the end (Snapshot::figures)
    std::vector<std::pair<std::string, std::vector<double>>> figure_lists;
    std::uint64_t ticks = 0; // ticks run, over every run a script's resets started
    double seconds = 0.0;
    bool diverged = false;
    std::uint64_t diverged_at = 0;    // the tick whose loss or state was not finite
    std::uint64_t evaluated_from = 0; // the checkpoint tick the state was restored to
    std::string fault;                // what the fault report said
    std::vector<SeriesSample> series; // only when asked for
    std::vector<Change> changes;      // the scripted changes applied, with their ticks
    std::exception_ptr failure;       // an unexpected error; the other fields are then meaningless
};

struct RunPlan {
    ParamSet params;
    std::vector<std::uint64_t> seeds;
    std::uint64_t ticks = 0; // the run length: the last run (after the script's last reset) ends at this tick
    std::vector<ScriptedChange> script;
    bool collect_series = false;
    // The pace the app showed the run at (Model::set_pace), so a replay of a recording made in the app
    // samples its series at the same ticks; 0: a headless run's own intervals.
    double pace = 0.0;
    // When set, a seed's series is handed over in blocks as it is sampled (and SeedResult::series stays
    // empty), so memory stays bounded however long the run. Called from the seed's worker thread; the
    // caller sets it only for a single seed, whose rows then need no ordering. May throw (a full disk): the
    // seed then fails with that error.
    std::function<void(std::uint64_t seed, std::span<const SeriesSample>)> stream_series;

    // Ticks each seed runs in all: the final run's, plus those of every run a scripted reset ended.
    std::uint64_t ticks_per_seed() const;
};

// Runs every seed and returns the results in the order of plan.seeds. `threads` workers (at least 1).
// Draws the progress bar on stderr when that is a terminal. When `stop` becomes non-zero every seed stops at
// its next chunk of ticks and the results are incomplete: the caller must not report or write them.
std::vector<SeedResult> run_seeds(const RunPlan& plan, unsigned threads,
                                  const std::atomic<int>* stop = nullptr);

} // namespace phasor
