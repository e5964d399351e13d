// Remembering the last preset by where it came from (see remembered_preset.hpp).
#include "ui/remembered_preset.hpp"

#include "engine/preset/preset.hpp"

#include <toml++/toml.h>

namespace phasor::ui {

namespace fs = std::filesystem;

namespace {

fs::path absolute_of(const fs::path& p) {
    std::error_code ec;
    fs::path abs = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return ec ? fs::absolute(p, ec) : abs;
}

bool inside(const fs::path& file, const fs::path& dir) {
    std::error_code ec1, ec2;
    return fs::weakly_canonical(file.parent_path(), ec1) == fs::weakly_canonical(dir, ec2) && !ec1 && !ec2;
}

} // namespace

void remember_preset(Settings& s, const std::string& label, std::span<const fs::path> dirs,
                     const fs::path& user_dir) {
    s.preset.clear();
    s.preset_file.clear();
    if (label.empty()) return;
    const fs::path given(label);
    std::error_code ec;
    // The same test resolve_preset makes: an existing file, or anything that looks like a path, is a file.
    if (fs::is_regular_file(given, ec) || given.extension() == ".toml" ||
        label.find('/') != std::string::npos) {
        s.preset_file = absolute_of(given).string();
        return;
    }
    try {
        const fs::path file = resolve_preset(label, dirs);
        if (!user_dir.empty() && inside(file, user_dir)) {
            s.preset_file = absolute_of(file).string();
            return;
        }
    } catch (const std::exception&) {
        // Not found now: keep the name; the next start says it could not be loaded.
    }
    s.preset = label;
}

std::string preset_to_reopen(const Settings& s) {
    return s.preset_file.empty() ? s.preset : s.preset_file;
}

std::string unquote_toml(const std::string& literal) {
    try {
        const toml::table t = toml::parse("v = " + literal);
        if (auto v = t["v"].value<std::string>()) return *v;
    } catch (const std::exception&) {
    }
    return literal;
}

} // namespace phasor::ui
