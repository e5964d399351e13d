// Parsing and ordering `--at TICK:key=value` scripts (change.hpp).
#include "engine/runtime/change.hpp"

#include "engine/core/error.hpp"
#include "engine/params/param_set.hpp"
#include "engine/params/param_toml.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

namespace phasor {

namespace {

[[noreturn]] void fail(std::string_view entry, std::string_view what) {
    throw InputError(fmt::format("--at {}: {}", entry, what));
}

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

// The `key=value` parts of what follows the tick, split at each `;` outside a quoted string or a list, so a
// value may hold one.
std::vector<std::string_view> parts(std::string_view text) {
    std::vector<std::string_view> out;
    int depth = 0;
    char quote = 0;
    bool escaped = false;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quote) {
            if (escaped)
                escaped = false;
            else if (c == '\\' && quote == '"')
                escaped = true;
            else if (c == quote)
                quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '[') {
            ++depth;
        } else if (c == ']') {
            --depth;
        } else if (c == ';' && depth <= 0) {
            out.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    out.push_back(text.substr(start));
    return out;
}

ScriptedChange parse_entry(std::string_view entry) {
    const auto colon = entry.find(':');
    if (colon == std::string_view::npos) fail(entry, "expected TICK:key=value, e.g. 20000:train.lr=0.05");
    const std::string tick_text = trimmed(entry.substr(0, colon));
    ScriptedChange c;
    c.text = std::string(entry);
    const auto [end, ec] = std::from_chars(tick_text.data(), tick_text.data() + tick_text.size(), c.tick);
    if (tick_text.empty() || ec != std::errc{} || end != tick_text.data() + tick_text.size())
        fail(entry, fmt::format("'{}' is not a tick (a whole number >= 0)", tick_text));
    for (const std::string_view part : parts(entry.substr(colon + 1))) {
        const auto eq = part.find('=');
        Setting s{trimmed(part.substr(0, eq)), {}};
        if (eq != std::string_view::npos) s.value = trimmed(part.substr(eq + 1));
        if (s.key.empty()) fail(entry, "expected TICK:key=value, e.g. 20000:train.lr=0.05");
        c.settings.push_back(std::move(s));
    }
    return c;
}

// Checks one setting of an entry against the table and writes its value as the log does; returns whether it
// starts a new run.
bool check_setting(std::string_view entry, Setting& s, const ParamTable& table) {
    if (s.key == "reset") fail(entry, "reset takes no value and stands alone: TICK:reset");
    if (s.key == "load")
        fail(entry, "a script cannot switch presets; run the other preset with its own script");
    if (std::find(kRunControl.begin(), kRunControl.end(), s.key) != kRunControl.end())
        fail(entry, fmt::format("{} changes how the app shows a run, not what it trains; `phasor run` "
                                "always runs at full speed, so there is nothing to replay",
                                s.key));
    const ParamSpec* row = table.find(s.key);
    if (!row) fail(entry, unknown_parameter(table, s.key));
    if (row->apply == ParamApply::Runner)
        fail(entry, fmt::format("{} is the run length; give it with --ticks", s.key));
    if (s.value.empty() && row->type != ParamType::Text) fail(entry, fmt::format("{} needs a value", s.key));
    try {
        s.value = to_toml(parse_value(*row, s.value)); // as the log writes it
    } catch (const InputError& e) {
        fail(entry, fmt::format("{}: {}", s.key, e.what()));
    }
    return row->apply == ParamApply::Rebuild;
}

} // namespace

std::vector<ScriptedChange> parse_script(std::span<const std::string> entries, const ParamTable& table) {
    std::vector<ScriptedChange> script;
    bool after_rebuild = true; // the first entry may be at any tick
    std::uint64_t last_tick = 0;
    for (const std::string& entry : entries) {
        ScriptedChange c = parse_entry(entry);
        if (c.settings.size() == 1 && c.settings[0].key == "reset" && c.settings[0].value.empty()) {
            c.settings.clear();
            c.rebuilds = true;
        }
        for (std::size_t i = 0; i < c.settings.size(); ++i) {
            for (std::size_t j = 0; j < i; ++j)
                if (c.settings[j].key == c.settings[i].key)
                    fail(entry, fmt::format("{} is set twice", c.settings[i].key));
            c.rebuilds = check_setting(entry, c.settings[i], table) || c.rebuilds;
        }
        if (!after_rebuild && c.tick < last_tick)
            fail(entry,
                 fmt::format("tick {} comes before the previous change's tick {}; changes apply in order "
                             "(only after a reset or a structural change do ticks start again from 0)",
                             c.tick, last_tick));
        last_tick = c.tick;
        after_rebuild = c.rebuilds;
        script.push_back(std::move(c));
    }
    return script;
}

std::string script_settings(std::span<const Setting> settings) {
    std::string out;
    for (const Setting& s : settings) out += fmt::format("{}{}={}", out.empty() ? "" : ";", s.key, s.value);
    return out;
}

} // namespace phasor
