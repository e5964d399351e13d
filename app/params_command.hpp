// `phasor params`: every parameter of a family with its type, range, default, current value (a preset's) and
// how a change applies, as a table or one JSON object.
#pragma once
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace phasor {

struct ParamsOptions {
    std::string preset;            // a name or file; empty: the family's defaults
    std::string family;            // with no preset: whose table (default: the stepped network)
    std::vector<std::string> sets; // key=value overrides on the preset
    bool json = false;
};

// Returns 0. Throws InputError for an unknown preset, family or override (exit 2).
int params_command(const ParamsOptions& options, std::span<const std::filesystem::path> preset_dirs);

} // namespace phasor
