// A change applied to a run, as the log records it and a script replays it: a parameter or a run-control
// word, with the tick at which it took effect. The app draws them as markers, `phasor run --at
// TICK:key=value` replays them, and --json lists them.
#pragma once
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace phasor {

class ParamTable;

struct Change {
    std::uint64_t tick = 0; // the tick at which it took effect: the next tick ran with it
    std::uint64_t run = 0;  // the run it was applied to
    std::string key;        // a parameter key, or one of kRunControl
    std::string value;      // the value as a TOML literal; empty for pause, resume and reset
    bool rebuilds = false;  // it started a new run from tick 0 (a structural parameter, reset, a preset)
    // Applied with the change before it, as one (a task and the layer sizes that follow it): a replay sets
    // them together, since either alone may not fit.
    bool joined = false;
};

// Changes that are not parameters. Only `reset` changes what is trained; the others change how fast and when
// the app shows a run, and `load` swaps in another preset.
inline constexpr std::array<std::string_view, 6> kRunControl{"pause", "resume", "step",
                                                             "speed", "reset",  "load"};

// A parameter's value as a TOML literal, the way the log writes it.
struct Setting {
    std::string key;
    std::string value;
};

// One entry of a script: `TICK:key=value`, several parameters set as one change
// (`TICK:task.name=spirals;network.layers=[2, 8, 2]`), or `TICK:reset`.
struct ScriptedChange {
    std::uint64_t tick = 0;
    std::vector<Setting> settings; // empty for a reset
    std::string text;              // the whole entry, for messages
    bool rebuilds = false; // it starts a new run: a reset, or a structural parameter among the settings
    bool reset() const { return settings.empty(); }
};

// Parses `--at` entries against a family's table and checks their order: ticks never go back except after a
// change that starts a new run (whose ticks count from 0 again). Throws InputError naming the entry.
std::vector<ScriptedChange> parse_script(std::span<const std::string> entries, const ParamTable& table);

// The settings as a script entry writes them after its tick: `train.lr=0.05`, or several joined by `;`.
std::string script_settings(std::span<const Setting> settings);

} // namespace phasor
