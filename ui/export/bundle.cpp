// Export bundles written all or nothing (see bundle.hpp), on POSIX: mkdtemp, then renameat2 without
// replacing, so two bundles in the same second never overwrite each other.
#include "ui/export/bundle.hpp"

#include "engine/io/output_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <fmt/format.h>
#include <system_error>
#include <unistd.h>

namespace phasor::ui {

namespace fs = std::filesystem;

std::string bundle_name(std::chrono::system_clock::time_point when) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm local{};
    localtime_r(&seconds, &local);
    return fmt::format("phasor-{:04}{:02}{:02}-{:02}{:02}{:02}", local.tm_year + 1900, local.tm_mon + 1,
                       local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec);
}

std::string bundle_file_name(std::string_view name) {
    std::string out;
    for (const char c : name) {
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                          c == '_' || c == '-' || c == '.';
        out.push_back(keep ? c : '_');
    }
    // No hidden files, and never "." or "..".
    if (!out.empty() && out.front() == '.') out.front() = '_';
    return out.empty() ? std::string("file") : out;
}

BundleWriter::BundleWriter(fs::path parent, std::chrono::system_clock::time_point when)
    : parent_(parent.empty() ? fs::path(".") : std::move(parent)), base_(bundle_name(when)) {
    // Remember which folders this writer makes, so a failed bundle can take them away again.
    for (fs::path p = parent_; !p.empty() && p != p.root_path(); p = p.parent_path()) {
        std::error_code error;
        if (fs::exists(p, error)) break;
        created_.insert(created_.begin(), p);
    }
    // "P is a file, not a folder" says more than create_directories' "File exists".
    if (const auto why = folder_problem(parent_))
        throw ExportError(parent_ / base_,
                          why->starts_with("is ") ? fmt::format("{} {}", parent_.string(), *why) : *why);
    std::error_code error;
    fs::create_directories(parent_, error);
    if (error) {
        created_.clear();
        throw ExportError(parent_ / base_,
                          fmt::format("cannot create folder {}: {}", parent_.string(), error.message()));
    }
    std::string pattern = (parent_ / fmt::format(".{}.part-XXXXXX", base_)).string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        const int err = errno;
        throw ExportError(parent_ / base_, std::generic_category().message(err));
    }
    temporary_ = pattern;
}

BundleWriter::~BundleWriter() {
    std::error_code ignored;
    if (!committed_) fs::remove_all(temporary_, ignored);
    if (!committed_)
        for (auto it = created_.rbegin(); it != created_.rend(); ++it) fs::remove(*it, ignored); // if empty
}

std::string BundleWriter::add(std::string_view name, std::span<const std::byte> bytes) {
    const std::string safe = bundle_file_name(name);
    std::string used = safe;
    const std::size_t dot = safe.rfind('.');
    const std::string stem = dot == std::string::npos || dot == 0 ? safe : safe.substr(0, dot);
    const std::string ext = dot == std::string::npos || dot == 0 ? "" : safe.substr(dot);
    for (int n = 2; std::find(names_.begin(), names_.end(), used) != names_.end(); ++n)
        used = fmt::format("{}-{}{}", stem, n, ext);
    try {
        write_file_atomic(temporary_ / used, bytes);
    } catch (const ExportError& e) {
        throw ExportError(parent_ / base_ / used, e.reason());
    }
    names_.push_back(used);
    return used;
}

std::string BundleWriter::add(std::string_view name, std::string_view text) {
    return add(name, std::as_bytes(std::span<const char>(text.data(), text.size())));
}

fs::path BundleWriter::commit() {
    fs::path target = parent_ / base_;
    for (int n = 2;; ++n) {
        if (::renameat2(AT_FDCWD, temporary_.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) == 0) break;
        const int err = errno;
        if ((err != EEXIST && err != ENOTEMPTY) || n > 1000)
            throw ExportError(target, std::generic_category().message(err));
        target = parent_ / fmt::format("{}-{}", base_, n);
    }
    committed_ = true;
    // Make the rename durable; failing here loses nothing that is already visible.
    if (const int dir = ::open(parent_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return target;
}

} // namespace phasor::ui
