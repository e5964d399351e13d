// Experiment presets: human-editable TOML files (assets/presets/*.toml) loaded into a family's parameters,
// the text a preset is saved as, and how a preset name is found on disk. Every problem is an InputError that
// names the file, line, column and key.
#pragma once
#include "engine/params/param_set.hpp"

#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace phasor {

// Loads and checks a preset: its `family` (the stepped network when absent) gives the parameter table that
// every key is read and checked by. `overrides` are "key=value" strings (the command line's --set), applied
// on top of the file with the same checks; the value is read as a TOML value, or as a bare string when it is
// not one (so "train.backward=pipelined" works). Throws InputError.
ParamSet load_preset(const std::filesystem::path& file, std::span<const std::string> overrides = {});
// The same from a preset's text (a recording keeps its preset inside); `name` stands for the file in errors.
ParamSet load_preset_text(std::string_view text, const std::string& name,
                          std::span<const std::string> overrides = {});

// The parameters as a preset file that load_preset reads back to the same set: the family, then every value
// that is set, grouped by table, each under a comment with its help line.
std::string preset_text(const ParamSet& params);

// Where preset names are looked up, in order: $PHASOR_PRESET_DIR when set, assets/presets under the current
// directory, then `extra_dirs` (the app passes its compiled-in preset directory and the user's own).
std::vector<std::filesystem::path> preset_search_path(std::span<const std::filesystem::path> extra_dirs = {});

// A path when `name_or_file` names an existing file or ends in .toml; otherwise NAME.toml in the first
// directory of the search path that has it. Throws InputError listing every place it looked and the available
// names.
std::filesystem::path resolve_preset(std::string_view name_or_file,
                                     std::span<const std::filesystem::path> extra_dirs = {});

struct PresetInfo {
    std::string name;        // what --preset accepts: the file name without .toml
    std::string family;      // the model family it names ("stepnet" when it names none)
    std::string description; // from the file, or why it could not be read
    std::filesystem::path file;
};

// Every preset on the search path, sorted by name; a name found in two directories is listed once (the
// first).
std::vector<PresetInfo> list_presets(std::span<const std::filesystem::path> extra_dirs = {});

} // namespace phasor
