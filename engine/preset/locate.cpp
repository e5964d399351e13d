// Finding presets on disk: the search path, name → file, and the list shown by `phasor presets`.
#include "engine/core/error.hpp"
#include "engine/io/input_file.hpp"
#include "engine/preset/preset.hpp"
#include "engine/runtime/family.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <map>
#include <toml++/toml.h>

namespace phasor {

namespace fs = std::filesystem;

namespace {

constexpr const char* kEnvVar = "PHASOR_PRESET_DIR";
constexpr const char* kLocalDir = "assets/presets";

bool same_dir(const fs::path& a, const fs::path& b) {
    std::error_code ec1, ec2;
    return fs::weakly_canonical(a, ec1) == fs::weakly_canonical(b, ec2);
}

bool is_dir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

// One line per place looked, saying what was (not) there, for the "not found" message.
std::string describe_search(std::string_view file_name, std::span<const fs::path> extra_dirs) {
    std::string out;
    const char* env = std::getenv(kEnvVar);
    if (!env || !*env) out += fmt::format("\n  ${} (not set)", kEnvVar);
    for (const fs::path& dir : preset_search_path(extra_dirs)) {
        std::error_code ec;
        const std::string abs = fs::absolute(dir, ec).string();
        const std::string shown = abs == dir.string() ? abs : fmt::format("{} (= {})", dir.string(), abs);
        const bool from_env = env && *env && dir == fs::path(env);
        out += fmt::format("\n  {}{}{}", from_env ? fmt::format("${}: ", kEnvVar) : std::string{}, shown,
                           is_dir(dir) ? fmt::format(": no {}", file_name) : ": no such directory");
    }
    return out;
}

PresetInfo read_info(const fs::path& file) {
    PresetInfo info{file.stem().string(), std::string(default_family().name), {}, file};
    try {
        const toml::table t = toml::parse(read_text_file(file, "preset file"), file.string());
        info.family = t["family"].value_or(std::string(default_family().name));
        info.description = t["description"].value_or(std::string());
    } catch (const toml::parse_error& e) {
        info.description = fmt::format("(cannot read: line {}: {})", e.source().begin.line, e.description());
    } catch (const InputError& e) {
        info.description = fmt::format("(cannot read: {})", e.what()); // "Permission denied"
    }
    return info;
}

} // namespace

std::vector<fs::path> preset_search_path(std::span<const fs::path> extra_dirs) {
    std::vector<fs::path> dirs;
    auto add = [&](const fs::path& d) {
        if (std::none_of(dirs.begin(), dirs.end(), [&](const fs::path& e) { return same_dir(e, d); }))
            dirs.push_back(d);
    };
    if (const char* env = std::getenv(kEnvVar); env && *env) add(env);
    add(kLocalDir);
    for (const fs::path& d : extra_dirs) add(d);
    return dirs;
}

fs::path resolve_preset(std::string_view name_or_file, std::span<const fs::path> extra_dirs) {
    const fs::path given{std::string(name_or_file)};
    std::error_code ec;
    if (name_or_file.empty())
        throw InputError("no preset given (a name such as lowhighmix, or a .toml file)");
    const std::optional<std::string> problem = not_a_file(given, "preset file");
    if (!problem) return given;
    // A path given as a file that is no preset (a folder, a FIFO, a file we may not look at): say what it is.
    // A bare name is looked up in the preset folders even when something of that name is here.
    if (given.extension() == ".toml" || name_or_file.find('/') != std::string_view::npos)
        throw InputError(
            *problem == "no such file"    ? fmt::format("preset file '{}' does not exist", name_or_file)
            : problem->starts_with("is ") ? fmt::format("preset file '{}' {}", name_or_file, *problem)
                                          : fmt::format("preset file '{}': {}", name_or_file, *problem));

    const std::string file_name = fmt::format("{}.toml", name_or_file);
    for (const fs::path& dir : preset_search_path(extra_dirs))
        if (fs::is_regular_file(dir / file_name, ec)) return dir / file_name;

    std::string available;
    for (const PresetInfo& p : list_presets(extra_dirs))
        available += (available.empty() ? "" : ", ") + p.name;
    // Something of that name here that is not a file (a folder, a FIFO) is named, so the user sees why it
    // was not taken.
    const std::string here = *problem == "no such file" ? std::string{}
                             : problem->starts_with("is ")
                                 ? fmt::format("\n('{}' here {})", name_or_file, *problem)
                                 : fmt::format("\n('{}' here: {})", name_or_file, *problem);
    throw InputError(fmt::format("no preset named '{}'; looked for {} in:{}\navailable presets: {}{}",
                                 name_or_file, file_name, describe_search(file_name, extra_dirs),
                                 available.empty() ? "none" : available, here));
}

std::vector<PresetInfo> list_presets(std::span<const fs::path> extra_dirs) {
    std::map<std::string, PresetInfo> found;
    for (const fs::path& dir : preset_search_path(extra_dirs)) {
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const fs::path& file = it->path();
            if (file.extension() != ".toml" || !it->is_regular_file(ec)) continue;
            const std::string name = file.stem().string();
            if (!found.contains(name)) found.emplace(name, read_info(file));
        }
    }
    std::vector<PresetInfo> out;
    for (auto& [name, info] : found) out.push_back(std::move(info));
    return out;
}

} // namespace phasor
