// Reading a small text file a user named (a preset), with an error that says what is wrong with the thing
// given: "no such file", "is a directory", "is a FIFO, not a preset file", "Permission denied". A FIFO or
// device is never opened for reading, so naming one cannot hang.
#pragma once
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace phasor {

// Why `path` cannot be read as a `what` ("preset file"), or nullopt when it is a regular file (which may
// still be unreadable: read_text_file says so).
std::optional<std::string> not_a_file(const std::filesystem::path& path, std::string_view what);

// The whole file. Throws InputError "PATH: cannot read WHAT: REASON" when it is not a regular file, cannot be
// opened or read, or is larger than `max_bytes`.
std::string read_text_file(const std::filesystem::path& path, std::string_view what,
                           std::size_t max_bytes = std::size_t{16} << 20);

} // namespace phasor
