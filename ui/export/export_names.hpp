// Names of exported files: phasor-<local date>-<local time>-<what>.<ext>, so a folder of exports sorts by
// time and says what each file shows, and a second export in the same second does not overwrite the first.
#pragma once
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

namespace phasor::ui {

// `stem` with every character outside [A-Za-z0-9_-] replaced by '_' ("plot" when empty).
std::string sanitize_stem(std::string_view stem);

// <dir>/phasor-YYYYMMDD-HHMMSS-<stem>.<extension> in local time; when that exists, -2, -3 ... before the
// extension. A leading '.' on `extension` is ignored.
std::filesystem::path export_path(const std::filesystem::path& dir, std::string_view stem,
                                  std::string_view extension, std::chrono::system_clock::time_point when);

} // namespace phasor::ui
