// Which preset the app reopens at start: the one of the last session, remembered by where it came from (a
// shipped preset by name; a file opened from anywhere, or one in the user's preset folder, by its absolute
// path), so a file is reopened from its path and a file named like a shipped preset never silently turns
// into the shipped one.
#pragma once
#include "ui/settings.hpp"

#include <filesystem>
#include <span>
#include <string>

namespace phasor::ui {

// Records in `settings` where the preset a run was loaded from came from. `label` is what it was loaded
// as: a name (from the preset picker or --preset) or a file path. `dirs` is the preset search path the
// name was found on; `user_dir` the user's own preset folder, whose entries are remembered by path.
void remember_preset(Settings& settings, const std::string& label,
                     std::span<const std::filesystem::path> dirs, const std::filesystem::path& user_dir);

// What to open at start: the remembered file's path when there is one, else the remembered name (empty:
// the default).
std::string preset_to_reopen(const Settings& settings);

// The string inside a TOML string literal, as the change log records a load's label ("\"a\\\\b\"" → a\b).
std::string unquote_toml(const std::string& literal);

} // namespace phasor::ui
