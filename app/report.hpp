// What `phasor run` prints when the seeds are done: a readable report, or one JSON object for scripts. Both
// read the family's headline metrics by name, so they report any family.
#pragma once
#include "app/seed_runner.hpp"
#include "engine/runtime/family.hpp"

#include <cstdio>
#include <span>
#include <string>

namespace phasor {

struct RunSummary {
    std::string preset; // the preset's name
    std::string file;   // the file it was loaded from
    const Family* family = nullptr;
    std::uint64_t ticks_per_seed = 0;
    double seconds = 0.0; // wall time for all seeds
    unsigned threads = 1;
    std::span<const ScriptedChange> script;
};

// A seed counts as solved when its held-out accuracy (the headline metric "accuracy") is 100 %.
bool reached_100(const RunSummary& summary, const SeedResult& r);

// Both print on `stream`: stdout, or stderr when the CSV goes to stdout (`--csv -`).
void print_text_report(const RunSummary& summary, const std::vector<SeedResult>& results, std::FILE* stream);
void print_json_report(const RunSummary& summary, const std::vector<SeedResult>& results, std::FILE* stream);

} // namespace phasor
