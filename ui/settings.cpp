// Reads and writes ui/settings.hpp's TOML file.
#include "ui/settings.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <stdexcept>
#include <toml++/toml.h>

namespace phasor::ui {

std::filesystem::path config_dir() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "phasor";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".config" / "phasor";
    return std::filesystem::current_path();
}

namespace {

// A value of the wrong type is reported, not ignored: the user edited the file and should hear about it.
template <typename T>
void read(const toml::table& t, const char* key, T& out, const std::filesystem::path& file) {
    const toml::node* node = t.get(key);
    if (!node) return;
    if constexpr (std::is_same_v<T, float>) {
        if (auto v = node->value<double>()) {
            out = static_cast<float>(*v);
            return;
        }
    } else if (auto v = node->value<T>()) {
        out = *v;
        return;
    }
    throw std::runtime_error(
        fmt::format("{}:{}: key '{}' has the wrong type", file.string(), node->source().begin.line, key));
}

} // namespace

Settings load_settings(const std::filesystem::path& file, std::string& problem) {
    problem.clear();
    Settings s;
    if (!std::filesystem::exists(file)) return s;
    try {
        const toml::table t = toml::parse_file(file.string());
        read(t, "ui_scale", s.ui_scale, file);
        read(t, "presenter", s.presenter, file);
        read(t, "preset", s.preset, file);
        read(t, "export_dir", s.export_dir, file);
        read(t, "arrangement", s.arrangement, file);
        std::int64_t lw = 0, lh = 0;
        read(t, "layout_width", lw, file);
        read(t, "layout_height", lh, file);
        s.layout_width = static_cast<int>(std::clamp<std::int64_t>(lw, 0, 16384));
        s.layout_height = static_cast<int>(std::clamp<std::int64_t>(lh, 0, 16384));
        std::int64_t w = s.window_width, h = s.window_height;
        read(t, "window_width", w, file);
        read(t, "window_height", h, file);
        s.window_width = static_cast<int>(std::clamp<std::int64_t>(w, 320, 16384));
        s.window_height = static_cast<int>(std::clamp<std::int64_t>(h, 240, 16384));
        if (!(s.ui_scale >= kMinUiScale && s.ui_scale <= kMaxUiScale))
            throw std::runtime_error(fmt::format("{}: ui_scale must be between {} and {}", file.string(),
                                                 kMinUiScale, kMaxUiScale));
        if (const toml::table* panels = t["panels"].as_table())
            for (const auto& [name, value] : *panels)
                if (auto open = value.value<bool>()) s.panels_open[std::string(name.str())] = *open;
        return s;
    } catch (const toml::parse_error& e) {
        problem = fmt::format("{}:{}:{}: {}", file.string(), e.source().begin.line, e.source().begin.column,
                              e.description());
    } catch (const std::exception& e) {
        problem = e.what();
    }
    return Settings{};
}

void save_settings(const std::filesystem::path& file, const Settings& s) {
    toml::table panels;
    for (const auto& [name, open] : s.panels_open) panels.insert(name, open);
    toml::table t{{"ui_scale", static_cast<double>(s.ui_scale)},
                  {"presenter", s.presenter},
                  {"preset", s.preset},
                  {"export_dir", s.export_dir},
                  {"arrangement", s.arrangement},
                  {"layout_width", s.layout_width},
                  {"layout_height", s.layout_height},
                  {"window_width", s.window_width},
                  {"window_height", s.window_height},
                  {"panels", std::move(panels)}};
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    const std::filesystem::path tmp = file.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << "# Phasor settings, written by the app when it closes.\n" << t << '\n';
        out.flush();
        if (!out) {
            std::filesystem::remove(tmp, ec);
            throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
        }
    }
    std::filesystem::rename(tmp, file, ec);
    if (ec) {
        std::filesystem::remove(tmp, ec);
        throw std::runtime_error(fmt::format("cannot replace {}: {}", file.string(), ec.message()));
    }
}

} // namespace phasor::ui
