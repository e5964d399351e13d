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

ScriptedChange parse_entry(std::string_view entry) {
    const auto colon = entry.find(':');
    if (colon == std::string_view::npos) fail(entry, "expected TICK:key=value, e.g. 20000:train.lr=0.05");
    const std::string tick_text = trimmed(entry.substr(0, colon));
    ScriptedChange c;
    c.text = std::string(entry);
    const auto [end, ec] = std::from_chars(tick_text.data(), tick_text.data() + tick_text.size(), c.tick);
    if (tick_text.empty() || ec != std::errc{} || end != tick_text.data() + tick_text.size())
        fail(entry, fmt::format("'{}' is not a tick (a whole number >= 0)", tick_text));
    const std::string_view rest = entry.substr(colon + 1);
    const auto eq = rest.find('=');
    c.key = trimmed(rest.substr(0, eq));
    if (eq != std::string_view::npos) c.value = trimmed(rest.substr(eq + 1));
    if (c.key.empty()) fail(entry, "expected TICK:key=value, e.g. 20000:train.lr=0.05");
    return c;
}

} // namespace

std::vector<ScriptedChange> parse_script(std::span<const std::string> entries, const ParamTable& table) {
    std::vector<ScriptedChange> script;
    bool after_rebuild = true; // the first entry may be at any tick
    std::uint64_t last_tick = 0;
    for (const std::string& entry : entries) {
        ScriptedChange c = parse_entry(entry);
        bool rebuilds = false;
        if (c.key == "reset") {
            if (!c.value.empty()) fail(entry, "reset takes no value: TICK:reset");
            rebuilds = true;
        } else if (c.key == "load") {
            fail(entry, "a script cannot switch presets; run the other preset with its own script");
        } else if (std::find(kRunControl.begin(), kRunControl.end(), c.key) != kRunControl.end()) {
            fail(entry, fmt::format("{} changes how the app shows a run, not what it trains; `phasor run` "
                                    "always runs at full speed, so there is nothing to replay",
                                    c.key));
        } else if (const ParamSpec* row = table.find(c.key)) {
            if (row->apply == ParamApply::Runner)
                fail(entry, fmt::format("{} is the run length; give it with --ticks", c.key));
            if (c.value.empty() && row->type != ParamType::Text)
                fail(entry, fmt::format("{} needs a value", c.key));
            try {
                c.value = to_toml(parse_value(*row, c.value)); // as the log writes it
            } catch (const InputError& e) {
                fail(entry, fmt::format("{}: {}", c.key, e.what()));
            }
            rebuilds = row->apply == ParamApply::Rebuild;
        } else {
            fail(entry, unknown_parameter(table, c.key));
        }
        if (!after_rebuild && c.tick < last_tick)
            fail(entry,
                 fmt::format("tick {} comes before the previous change's tick {}; changes apply in order "
                             "(only after a reset or a structural change do ticks start again from 0)",
                             c.tick, last_tick));
        last_tick = c.tick;
        after_rebuild = rebuilds;
        script.push_back(std::move(c));
    }
    return script;
}

} // namespace phasor
