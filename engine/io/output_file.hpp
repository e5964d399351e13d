// The one place that decides how Phasor writes a file it was given a path for (the --csv series, screenshots,
// plot exports, presets, change logs, layout reports), so every output treats symlinks, devices and pipes
// alike:
// - a regular file, or nothing yet: the bytes go to a unique temporary (O_EXCL) in the same folder, are
// flushed
//   and renamed over the target, so a reader never sees half a file and two writers of one path each leave a
//   whole file (the last rename wins);
// - a symlink: followed to the file it names, which is replaced as above; the link stays a link;
// - a character device or a FIFO (/dev/null, /dev/stdout, a pipe): written directly, as it streams;
// - "-", or a path that is this process's standard output: standard output (and its standard error, through
//   its own descriptor, so /dev/stderr redirected to a file appends to it instead of replacing it);
// - a directory, a socket or a block device: refused with an OutputError saying which it is.
#pragma once
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace phasor {

// Says which file could not be written and why ("is a directory", "Permission denied").
class OutputError : public std::runtime_error {
  public:
    OutputError(std::filesystem::path path, std::string reason);
    const std::filesystem::path& path() const { return path_; }
    const std::string& reason() const { return reason_; }

  private:
    std::filesystem::path path_;
    std::string reason_;
};

class OutputFile {
  public:
    enum class Kind { Replace, Direct, Stdout };

    // Decides how to write `path` and opens it (the temporary, the device, or standard output), so an
    // unwritable path fails before any work is done. `create_parent` creates missing folders above a regular
    // file. Throws OutputError. Opening a FIFO waits for its reader, as a shell's `>` does.
    explicit OutputFile(std::filesystem::path path, bool create_parent = false);
    // An uncommitted temporary is removed: a failed or interrupted write leaves nothing behind.
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    void write(std::span<const std::byte> bytes);
    void write(std::string_view text);
    // Replace: flushes and renames the temporary over the target. Direct and Stdout: checks the writes
    // reached the device. Throws OutputError.
    void commit();

    Kind kind() const { return kind_; }
    const std::filesystem::path& path() const { return path_; }
    // The temporary while one is open (Replace only), for tests and messages.
    const std::filesystem::path& temporary() const { return temporary_; }

  private:
    [[noreturn]] void fail(int err) const;

    std::filesystem::path path_;      // as given, for messages
    std::filesystem::path target_;    // the file replaced: `path_` with its symlinks followed
    std::filesystem::path temporary_; // Replace only
    Kind kind_ = Kind::Replace;
    int fd_ = -1;
    bool committed_ = false;
};

// True for "-" and for a path naming this process's standard output (/dev/stdout, or the file it is
// redirected to), which a report printed on stdout would collide with.
bool is_standard_output(const std::filesystem::path& path);

// Why no file can be written into `folder` (it or a folder above it is a file, or cannot be looked at), or
// nullopt when it is a folder or can be created. For callers writing many files there, to say it once.
std::optional<std::string> folder_problem(const std::filesystem::path& folder);

// Writes `bytes` to `path` whole, as OutputFile decides. Throws OutputError.
void write_output(const std::filesystem::path& path, std::span<const std::byte> bytes, bool create_parent);
void write_output(const std::filesystem::path& path, std::string_view text, bool create_parent);

} // namespace phasor
