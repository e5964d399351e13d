// How Phasor writes files (see output_file.hpp), on POSIX: stat decides, O_EXCL temporaries, fsync, rename.
#include "engine/io/output_file.hpp"

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <fmt/format.h>
#include <random>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace phasor {

namespace fs = std::filesystem;

OutputError::OutputError(fs::path path, std::string reason)
    : std::runtime_error(fmt::format("cannot write {}: {}", path.string(), reason)), path_(std::move(path)),
      reason_(std::move(reason)) {}

namespace {

// strerror() may share one buffer between threads; the category's message does not.
std::string describe(int err) {
    return std::generic_category().message(err);
}

// What a path that is not a regular file is, in words, or empty when it can be written directly.
std::string_view refused_kind(mode_t mode) {
    if (S_ISDIR(mode)) return "is a directory";
    if (S_ISSOCK(mode)) return "is a socket, not a file";
    if (S_ISBLK(mode)) return "is a block device, not a file";
    return {};
}

// `path` with every symlink along its last component followed, so the file it names is replaced and the link
// stays a link. A dangling link gives the file it would name. (Symlinked folders above need nothing: the
// temporary goes beside the target through them.)
fs::path follow_links(fs::path path) {
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st {};
        if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
        std::error_code ec;
        const fs::path to = fs::read_symlink(path, ec);
        if (ec) throw OutputError(path, ec.message());
        path = to.is_absolute() ? to : path.parent_path() / to;
    }
    throw OutputError(path, describe(ELOOP));
}

// Whether `path` names the file open as `fd` (a standard stream's terminal, pipe or redirected file).
bool same_file(int fd, const fs::path& path) {
    struct stat open_file {};
    struct stat named {};
    return ::fstat(fd, &open_file) == 0 && ::stat(path.c_str(), &named) == 0 &&
           open_file.st_dev == named.st_dev && open_file.st_ino == named.st_ino;
}

fs::path folder_of(const fs::path& file) {
    return file.has_parent_path() ? file.parent_path() : fs::path(".");
}

} // namespace

bool is_standard_output(const fs::path& path) {
    return path == "-" || same_file(STDOUT_FILENO, path);
}

OutputFile::OutputFile(fs::path path, bool create_parent) : path_(std::move(path)) {
    if (path_.empty() || (path_ != "-" && path_.filename().empty()))
        throw OutputError(path_, "the path names no file");
    if (is_standard_output(path_)) {
        kind_ = Kind::Stdout;
        fd_ = STDOUT_FILENO;
        return;
    }
    // /dev/stderr redirected to a file would otherwise be followed to that file and replace it, and what the
    // process still prints would go to the replaced one: write through our own descriptor instead.
    if (same_file(STDERR_FILENO, path_)) {
        kind_ = Kind::Direct;
        fd_ = ::fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
        if (fd_ < 0) fail(errno);
        return;
    }
    struct stat st {};
    const bool exists = ::stat(path_.c_str(), &st) == 0;
    if (!exists && errno != ENOENT) fail(errno); // "Permission denied", "Not a directory"
    if (exists && !S_ISREG(st.st_mode)) {
        if (const std::string_view why = refused_kind(st.st_mode); !why.empty())
            throw OutputError(path_, std::string(why));
        // A character device or a FIFO: written directly, never replaced. Opening a FIFO waits for a reader.
        kind_ = Kind::Direct;
        // A signal while waiting ends the wait (EINTR): Ctrl-C must not hang on a FIFO nobody reads.
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd_ < 0) fail(errno);
        return;
    }

    target_ = follow_links(path_);
    const fs::path dir = folder_of(target_);
    if (create_parent && target_.has_parent_path()) {
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec)
            throw OutputError(path_, fmt::format("cannot create folder {}: {}", dir.string(), ec.message()));
    }
    thread_local std::mt19937_64 random{std::random_device{}()};
    for (int attempt = 0; attempt < 64 && fd_ < 0; ++attempt) {
        temporary_ = dir / fmt::format(".{}.part-{:08x}", target_.filename().string(), random() & 0xffffffff);
        // 0666 lets the umask decide, as for any file the user creates; a replaced file keeps its own mode.
        fd_ = ::open(temporary_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ < 0 && errno != EEXIST) fail(errno);
    }
    if (fd_ < 0) throw OutputError(path_, "no free temporary name in its folder");
    if (exists) ::fchmod(fd_, st.st_mode & 07777);
}

OutputFile::~OutputFile() {
    if (kind_ == Kind::Stdout) return;
    if (fd_ >= 0) ::close(fd_);
    if (kind_ == Kind::Replace && !committed_ && !temporary_.empty()) ::unlink(temporary_.c_str());
}

void OutputFile::fail(int err) const {
    throw OutputError(path_, describe(err));
}

void OutputFile::write(std::span<const std::byte> bytes) {
    if (kind_ == Kind::Stdout) std::fflush(stdout); // after whatever stdio holds, never in the middle of it
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(errno);
        }
        bytes = bytes.subspan(static_cast<std::size_t>(n));
    }
}

void OutputFile::write(std::string_view text) {
    write(std::as_bytes(std::span<const char>(text.data(), text.size())));
}

void OutputFile::commit() {
    if (kind_ == Kind::Stdout) {
        committed_ = true;
        return;
    }
    const int fd = fd_;
    fd_ = -1;
    if (kind_ == Kind::Direct) {
        if (::close(fd) != 0) fail(errno);
        committed_ = true;
        return;
    }
    // Without fsync a crash after the rename can leave an empty file under the final name.
    if (::fsync(fd) != 0) {
        const int err = errno;
        ::close(fd);
        fail(err);
    }
    if (::close(fd) != 0) fail(errno); // network file systems report a full disk only here
    if (::rename(temporary_.c_str(), target_.c_str()) != 0) fail(errno);
    committed_ = true;
    // Make the rename itself durable; failing here loses nothing that is already visible.
    if (const int dir = ::open(folder_of(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

std::optional<std::string> folder_problem(const fs::path& folder) {
    // The nearest part of the path that exists decides: a folder can hold the rest, anything else cannot.
    for (fs::path p = folder; !p.empty(); p = p.parent_path()) {
        struct stat st {};
        if (::stat(p.c_str(), &st) == 0) {
            if (S_ISDIR(st.st_mode)) return std::nullopt;
            if (p == folder) return std::string("is a file, not a folder");
            return fmt::format("{} is a file, not a folder", p.string());
        }
        if (errno != ENOENT && errno != ENOTDIR) return describe(errno);
        if (p == p.parent_path()) break;
    }
    return std::nullopt;
}

void write_output(const fs::path& path, std::span<const std::byte> bytes, bool create_parent) {
    OutputFile out(path, create_parent);
    out.write(bytes);
    out.commit();
}

void write_output(const fs::path& path, std::string_view text, bool create_parent) {
    write_output(path, std::as_bytes(std::span<const char>(text.data(), text.size())), create_parent);
}

} // namespace phasor
