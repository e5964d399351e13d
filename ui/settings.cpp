// Reads and writes ui/settings.hpp's TOML file.
#include "ui/settings.hpp"

#include "engine/io/output_file.hpp"
#include "ui/readable_file.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <ctime>
#include <fmt/format.h>
#include <sstream>
#include <stdexcept>
#include <toml++/toml.h>
#include <vector>

namespace phasor::ui {

namespace fs = std::filesystem;

fs::path config_dir() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return fs::path(xdg) / "phasor";
    if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".config" / "phasor";
    std::error_code ec;
    fs::path here = fs::current_path(ec);
    return ec ? fs::path(".") : here;
}

namespace {

// Reads one key at a time: a value of the wrong type is reported (the user edited the file and should hear
// about it) and leaves `out` as it was, so one typo costs one setting, not all of them.
class Reader {
  public:
    Reader(const toml::table& table, const fs::path& file) : table_(table), file_(file) {}

    template <typename T> bool read(const char* key, T& out, const char* expected) {
        const toml::node* node = table_.get(key);
        if (!node) return false;
        if constexpr (std::is_same_v<T, float>) {
            if (auto v = node->value<double>()) {
                out = static_cast<float>(*v);
                return true;
            }
        } else if (auto v = node->value<T>()) {
            out = *v;
            return true;
        }
        report(*node, key, fmt::format("must be {}", expected));
        return false;
    }
    void report(const toml::node& node, std::string_view key, std::string_view what) {
        problems.push_back(
            fmt::format("{}:{}: '{}' {}", file_.string(), node.source().begin.line, key, what));
    }

    std::vector<std::string> problems;

  private:
    const toml::table& table_;
    const fs::path& file_;
};

int clamped(std::int64_t v, std::int64_t lo, std::int64_t hi) {
    return static_cast<int>(std::clamp(v, lo, hi));
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
    return out;
}

} // namespace

LoadedSettings load_settings(const fs::path& file) {
    LoadedSettings loaded;
    Settings& s = loaded.settings;
    bool missing = false;
    if (const std::string why = unreadable_reason(file, kMaxOwnFileBytes, &missing); missing) {
        return loaded;
    } else if (!why.empty()) {
        loaded.problem = fmt::format("{}: {}; using the default settings, and they will not be saved over it",
                                     file.string(), why);
        loaded.keep_file = true;
        return loaded;
    }
    std::string reason;
    const std::optional<std::string> text = read_own_file(file, reason);
    if (!text) {
        loaded.problem = reason + "; using the default settings, and they will not be saved over it";
        loaded.keep_file = true;
        return loaded;
    }
    toml::table t;
    try {
        t = toml::parse(*text, file.string());
    } catch (const toml::parse_error& e) {
        loaded.problem = fmt::format("{}:{}:{}: {}; using the default settings", file.string(),
                                     e.source().begin.line, e.source().begin.column, e.description());
        return loaded;
    }
    Reader r(t, file);
    if (float scale = s.ui_scale; r.read("ui_scale", scale, "a number")) {
        if (scale >= kMinUiScale && scale <= kMaxUiScale)
            s.ui_scale = scale;
        else
            r.report(*t.get("ui_scale"), "ui_scale",
                     fmt::format("must be between {} and {}", kMinUiScale, kMaxUiScale));
    }
    r.read("presenter", s.presenter, "true or false");
    r.read("preset", s.preset, "a preset name in quotes");
    r.read("preset_file", s.preset_file, "a file path in quotes");
    r.read("export_dir", s.export_dir, "a folder in quotes");
    r.read("arrangement", s.arrangement, "a string in quotes");
    std::int64_t v = 0;
    if (r.read("layout_width", v, "a whole number")) s.layout_width = clamped(v, 0, 16384);
    if (r.read("layout_height", v, "a whole number")) s.layout_height = clamped(v, 0, 16384);
    if (r.read("window_width", v, "a whole number")) s.window_width = clamped(v, 320, 16384);
    if (r.read("window_height", v, "a whole number")) s.window_height = clamped(v, 240, 16384);
    if (const toml::node* panels = t.get("panels")) {
        if (const toml::table* table = panels->as_table()) {
            for (const auto& [name, value] : *table) {
                if (auto open = value.value<bool>())
                    s.panels_open[std::string(name.str())] = *open;
                else
                    r.report(value, fmt::format("panels.{}", name.str()), "must be true or false");
            }
        } else {
            r.report(*panels, "panels", "must be a table ([panels] with one 'Title = true|false' a line)");
        }
    }
    if (!r.problems.empty()) loaded.problem = joined(r.problems) + "; those keys keep their defaults";
    return loaded;
}

fs::path keep_bad_settings(const fs::path& file) {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
    fs::path copy = file.string() + ".bad-" + stamp;
    std::error_code ec;
    // Never over an earlier copy: the first bad file is the one with the user's values.
    for (int n = 2; fs::exists(copy, ec); ++n) copy = fmt::format("{}.bad-{}-{}", file.string(), stamp, n);
    fs::copy_file(file, copy, ec);
    if (ec)
        throw std::runtime_error(
            fmt::format("cannot copy {} to {}: {}", file.string(), copy.string(), errno_words(ec.value())));
    return copy;
}

void save_settings(const fs::path& file, const Settings& s) {
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
    if (!s.preset_file.empty()) t.insert("preset_file", s.preset_file);
    std::ostringstream text;
    text << "# Phasor settings, written by the app when it closes.\n" << t << '\n';
    const std::string bytes = text.str();

    // The way every output is written (a unique temporary renamed over the file, a link followed), so two
    // apps closing at once each leave a whole file, and a failure says the system's reason.
    try {
        OutputFile out(file, /*create_parent=*/true);
        out.write(bytes);
        out.commit();
    } catch (const OutputError& e) {
        throw std::runtime_error(fmt::format("cannot save {}: {}", e.path().string(), e.reason()));
    }
}

} // namespace phasor::ui
