// Experiment presets: human-editable TOML files (assets/presets/*.toml) loaded into a StepNetConfig, and how
// a preset name is found on disk. Every problem is an InputError that names the file, line, column and key.
#pragma once
#include "engine/stepnet/config.hpp"

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace phasor {

// Loads and validates a preset. `overrides` are "key=value" strings (the command line's --set), applied on
// top of the file with the same key and type checks; the value is read as a TOML value, or as a bare string
// when it is not one (so "train.backward=pipelined" works). Throws InputError.
StepNetConfig load_preset(const std::filesystem::path& file, std::span<const std::string> overrides = {});

// Where preset names are looked up, in order: $PHASOR_PRESET_DIR when set, assets/presets under the current
// directory, then `extra_dirs` (the app passes its compiled-in preset directory).
std::vector<std::filesystem::path> preset_search_path(std::span<const std::filesystem::path> extra_dirs = {});

// A path when `name_or_file` names an existing file or ends in .toml; otherwise NAME.toml in the first
// directory of the search path that has it. Throws InputError listing every place it looked and the available
// names.
std::filesystem::path resolve_preset(std::string_view name_or_file,
                                     std::span<const std::filesystem::path> extra_dirs = {});

struct PresetInfo {
    std::string name;        // what --preset accepts: the file name without .toml
    std::string description; // from the file, or why it could not be read
    std::filesystem::path file;
};

// Every preset on the search path, sorted by name; a name found in two directories is listed once (the
// first).
std::vector<PresetInfo> list_presets(std::span<const std::filesystem::path> extra_dirs = {});

} // namespace phasor
