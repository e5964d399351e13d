// Writing export files so that a reader (a script waiting for a PNG, a file manager) never sees half a file:
// a regular file is written to a unique temporary in the same folder, flushed and renamed over the final name
// (through a symlink to the file it names); a device or FIFO is written directly; a directory is refused.
// engine/io/output_file.hpp makes that decision for every output. A failure leaves no temporary behind.
#pragma once
#include "ui/export/image.hpp"

#include <filesystem>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace phasor::ui {

// Says which file could not be written and why (the system's words: "Permission denied", "No space left on
// device").
class ExportError : public std::runtime_error {
  public:
    ExportError(std::filesystem::path path, std::string reason);
    const std::filesystem::path& path() const { return path_; }
    const std::string& reason() const { return reason_; }

  private:
    std::filesystem::path path_;
    std::string reason_;
};

// Creates the parent folder if needed, then writes `bytes` to `path` as OutputFile decides. Throws
// ExportError.
void write_file_atomic(const std::filesystem::path& path, std::span<const std::byte> bytes);
void write_file_atomic(const std::filesystem::path& path, std::string_view text);

// Encodes `image` as PNG and writes it with write_file_atomic. Throws ExportError (also for an empty image).
void write_png(const std::filesystem::path& path, const Image& image);
// The PNG bytes of `image`. Throws ExportError naming `path` for an empty or malformed image.
std::vector<std::byte> encode_png(const std::filesystem::path& path, const Image& image);

} // namespace phasor::ui
