// `phasor run`: train a preset headless for one seed or a range of seeds, optionally replaying a script of
// live changes, and report where each run got to.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace phasor {

inline constexpr const char* kDefaultPreset = "lowhighmix";

struct RunOptions {
    std::string preset = kDefaultPreset; // a name or a .toml file
    std::optional<std::uint64_t> ticks;  // default: the preset's
    std::optional<std::uint64_t> seed;   // default: the preset's
    std::string seeds;                   // "A..B"; excludes seed
    std::vector<std::string> sets;       // key=value overrides
    std::vector<std::string> at;         // TICK:key=value changes, in order
    std::string csv;                     // empty: no series file; "-": stdout (the report goes to stderr)
    bool json = false;
    std::string record; // write the run (one seed) as a recording to this file
    std::string replay; // train a recording again and check its series against the recorded ones
};

// Returns the exit status: 0 on success, 1 when a seed diverged. Throws InputError for bad input (exit 2) and
// std::runtime_error for a failure such as an unwritable CSV path (exit 1), Stopped when SIGINT or SIGTERM
// arrived during training (nothing is then reported or written).
int run_command(const RunOptions& options, std::span<const std::filesystem::path> preset_dirs);

// `phasor run --replay FILE`: trains the recorded run again, headless, and reports whether its series match
// the recording's exactly (exit 0) or where they first differ (exit 1). Defined in replay_command.cpp.
int replay_command(const RunOptions& options);

} // namespace phasor
