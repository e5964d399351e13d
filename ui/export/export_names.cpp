// File naming for exports (see export_names.hpp).
#include "ui/export/export_names.hpp"

#include <ctime>
#include <fmt/format.h>

namespace phasor::ui {

namespace fs = std::filesystem;

std::string sanitize_stem(std::string_view stem) {
    std::string out;
    out.reserve(stem.size());
    for (const char c : stem) {
        const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                          c == '_' || c == '-';
        out.push_back(keep ? c : '_');
    }
    return out.empty() ? std::string("plot") : out;
}

namespace {

bool taken(const fs::path& path) {
    std::error_code error;
    // symlink_status: a dangling link still occupies the name.
    return fs::symlink_status(path, error).type() != fs::file_type::not_found;
}

} // namespace

fs::path export_path(const fs::path& dir, std::string_view stem, std::string_view extension,
                     std::chrono::system_clock::time_point when) {
    if (!extension.empty() && extension.front() == '.') extension.remove_prefix(1);
    const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm local{};
    localtime_r(&seconds, &local);
    const std::string base =
        fmt::format("phasor-{:04}{:02}{:02}-{:02}{:02}{:02}-{}", local.tm_year + 1900, local.tm_mon + 1,
                    local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec, sanitize_stem(stem));
    fs::path path = dir / fmt::format("{}.{}", base, extension);
    for (int n = 2; taken(path); ++n) path = dir / fmt::format("{}-{}.{}", base, n, extension);
    return path;
}

} // namespace phasor::ui
