// Checked reads of the app's own files (see readable_file.hpp).
#include "ui/readable_file.hpp"

#include <cctype>
#include <cerrno>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace phasor::ui {

namespace fs = std::filesystem;

std::string errno_words(int err) {
    std::string words = std::generic_category().message(err);
    if (!words.empty()) words[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(words[0])));
    return words;
}

namespace {

std::string type_reason(const struct stat& st, std::uintmax_t max_bytes) {
    if (S_ISDIR(st.st_mode)) return "is a directory";
    if (S_ISFIFO(st.st_mode)) return "is a FIFO";
    if (S_ISSOCK(st.st_mode)) return "is a socket";
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "is a device";
    if (!S_ISREG(st.st_mode)) return "is not a regular file";
    if (static_cast<std::uintmax_t>(st.st_size) > max_bytes)
        return fmt::format("is larger than {} MB", max_bytes >> 20 ? max_bytes >> 20 : 1);
    return {};
}

} // namespace

std::string unreadable_reason(const fs::path& file, std::uintmax_t max_bytes, bool* missing) {
    if (missing) *missing = false;
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) {
        const int err = errno;
        if (err == ENOENT) {
            if (missing) *missing = true;
            return "does not exist";
        }
        return errno_words(err);
    }
    if (std::string reason = type_reason(st, max_bytes); !reason.empty()) return reason;
    if (::access(file.c_str(), R_OK) != 0) return errno_words(errno);
    return {};
}

std::optional<std::string> read_own_file(const fs::path& file, std::string& reason,
                                         std::uintmax_t max_bytes) {
    reason.clear();
    auto fail = [&](std::string why) {
        reason = fmt::format("{}: {}", file.string(), why);
        return std::nullopt;
    };
    if (std::string why = unreadable_reason(file, max_bytes); !why.empty()) return fail(why);
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    const int fd = ::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return fail(errno_words(errno));
    struct stat st {};
    std::string why = ::fstat(fd, &st) != 0 ? errno_words(errno) : type_reason(st, max_bytes);
    std::string text;
    if (why.empty()) {
        text.resize(static_cast<std::size_t>(st.st_size));
        std::size_t got = 0;
        // Never past the size checked: a file that grows while it is read is cut there.
        while (got < text.size()) {
            const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) {
                why = errno_words(errno);
                break;
            }
            if (n == 0) break;
            got += static_cast<std::size_t>(n);
        }
        text.resize(got);
    }
    ::close(fd);
    if (!why.empty()) return fail(why);
    return text;
}

} // namespace phasor::ui
