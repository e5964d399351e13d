// Training one preset for a list of seeds, headless, on a pool of worker threads (seeds are independent and
// each is deterministic, so running them in parallel changes nothing but the wall time).
#pragma once
#include "engine/stepnet/config.hpp"
#include "engine/telemetry/series.hpp"
#include "engine/telemetry/snapshot.hpp"

#include <cstdint>
#include <exception>
#include <string>
#include <vector>

namespace phasor {

struct SeedResult {
    std::uint64_t seed = 0;
    EvalResult eval; // held-out accuracy at the end (or at the last good checkpoint after a divergence)
    std::vector<std::string> class_names;
    float rolling_accuracy = 0.f;
    std::uint64_t ticks = 0; // ticks actually run
    double seconds = 0.0;
    bool diverged = false;
    std::uint64_t diverged_at = 0;    // the tick whose loss or weights were not finite
    std::uint64_t evaluated_from = 0; // the checkpoint tick the weights were restored to
    std::vector<SeriesSample> series; // only when asked for
    std::exception_ptr failure;       // an unexpected error; the other fields are then meaningless
};

struct RunPlan {
    StepNetConfig config;
    std::vector<std::uint64_t> seeds;
    std::uint64_t ticks = 0;
    bool collect_series = false;
};

// Runs every seed and returns the results in the order of plan.seeds. `threads` workers (at least 1).
// Draws the progress bar on stderr when that is a terminal.
std::vector<SeedResult> run_seeds(const RunPlan& plan, unsigned threads);

} // namespace phasor
