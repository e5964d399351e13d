// What `phasor run` prints when the seeds are done: a readable report, or one JSON object for scripts.
#pragma once
#include "app/seed_runner.hpp"

#include <string>

namespace phasor {

struct RunSummary {
    std::string preset; // the preset's name
    std::string file;   // the file it was loaded from
    std::uint64_t ticks_per_seed = 0;
    double seconds = 0.0; // wall time for all seeds
    unsigned threads = 1;
};

// A seed counts as solved when its held-out accuracy is 100 %.
bool reached_100(const SeedResult& r);

void print_text_report(const RunSummary& summary, const std::vector<SeedResult>& results);
void print_json_report(const RunSummary& summary, const std::vector<SeedResult>& results);

} // namespace phasor
