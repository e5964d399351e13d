// Reading the app's own small files (settings.toml, imgui.ini, shaders) safely: a FIFO, a device such as
// /dev/zero, a folder or a huge file must not hang or exhaust the app at start-up, so each is checked to be a
// regular file under a stated size before it is read, and the reason is said in words when it is not.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace phasor::ui {

// The app's own files are a few kilobytes; anything near this is not one of them.
inline constexpr std::uintmax_t kMaxOwnFileBytes = 4u << 20;

// Why `file` cannot be read as one of the app's files ("is a FIFO", "is a directory", "is larger than 4 MB",
// "permission denied", ...), or an empty string when it can. A missing file sets `missing` (when given) and
// gives "does not exist".
std::string unreadable_reason(const std::filesystem::path& file, std::uintmax_t max_bytes = kMaxOwnFileBytes,
                              bool* missing = nullptr);

// The whole file, after the same checks; nothing and `reason` set ("<file>: is a FIFO") when it cannot be
// read. Opens without blocking and checks the opened file again, so a FIFO swapped in after the check
// cannot hang the read.
std::optional<std::string> read_own_file(const std::filesystem::path& file, std::string& reason,
                                         std::uintmax_t max_bytes = kMaxOwnFileBytes);

// strerror for errno values, in the words the notices use ("permission denied").
std::string errno_words(int err);

} // namespace phasor::ui
