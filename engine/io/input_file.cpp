// Reading a named text file with a reason for every failure (see input_file.hpp), on POSIX.
#include "engine/io/input_file.hpp"

#include "engine/core/error.hpp"

#include <cerrno>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace phasor {

namespace {

std::string kind_of(mode_t mode, std::string_view what) {
    if (S_ISDIR(mode)) return "is a directory";
    if (S_ISFIFO(mode)) return fmt::format("is a FIFO, not a {}", what);
    if (S_ISSOCK(mode)) return fmt::format("is a socket, not a {}", what);
    if (S_ISCHR(mode)) return fmt::format("is a character device, not a {}", what);
    if (S_ISBLK(mode)) return fmt::format("is a block device, not a {}", what);
    return {};
}

std::string no_such(int err) {
    return err == ENOENT ? "no such file" : std::generic_category().message(err);
}

} // namespace

std::optional<std::string> not_a_file(const std::filesystem::path& path, std::string_view what) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return no_such(errno);
    if (std::string kind = kind_of(st.st_mode, what); !kind.empty()) return kind;
    return std::nullopt;
}

std::string read_text_file(const std::filesystem::path& path, std::string_view what, std::size_t max_bytes) {
    const auto fail = [&](std::string_view why) {
        return InputError(fmt::format("{}: cannot read {}: {}", path.string(), what, why));
    };
    // O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer; fstat then
    // refuses it. It changes nothing for a regular file.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) throw fail(no_such(errno));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) throw fail(std::generic_category().message(errno));
    if (std::string kind = kind_of(st.st_mode, what); !kind.empty()) throw fail(kind);
    if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
        throw fail(fmt::format("{} bytes, more than the {} a {} may have", st.st_size, max_bytes, what));
    std::string text;
    char buffer[1 << 14];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw fail(std::generic_category().message(errno)); // "Is a directory", "Input/output error"
        }
        if (n == 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
        if (text.size() > max_bytes)
            throw fail(fmt::format("more than the {} bytes a {} may have", max_bytes, what));
    }
    return text;
}

} // namespace phasor
