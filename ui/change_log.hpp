// The log of a session's changes as a file to keep next to its exports: every change with its tick (run
// control included), where the run started from, and a `phasor run` command that replays what the changes
// trained.
#pragma once
#include "engine/runtime/change.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace phasor::ui {

// What the current line of runs started from: the preset as named and the --set overrides given with it.
struct RunOrigin {
    std::string preset;
    std::vector<std::string> sets;
};

// JSON: {"preset", "sets", "tick" (the current run's), "changes": [{tick, run, key, value, rebuilds,
// joined}], "replay": "phasor run --preset ... --at ..."}. The replay takes the changes since the last preset
// was loaded that change what is trained (parameters and resets), in order, and runs to the current tick;
// changes applied as one are one `--at` entry (`TICK:key=value;key=value`).
std::string change_log_json(const RunOrigin& origin, std::span<const Change> log, std::uint64_t tick);

// Just the replay command.
std::string replay_command(const RunOrigin& origin, std::span<const Change> log, std::uint64_t tick);

} // namespace phasor::ui
