// Commands from the UI (or a test, or a script) to a running engine. Small values; the trainer applies them
// between ticks, in the order they were posted, never drops one, and logs each with the tick it took effect.
#pragma once
#include "engine/params/param.hpp"
#include "engine/params/param_set.hpp"
#include "engine/runtime/change.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace phasor {

// Run control, handled by the trainer itself.
struct Pause {};
struct Resume {};
struct SingleStep {
    int ticks = 1; // advance this many ticks, then stay paused
};
struct Reset {}; // a new run from the current parameters (live changes kept); a new seed is SetParam "seed"
struct SetSpeed {
    double ticks_per_second = 0.0; // 0: as fast as possible; otherwise 1 … Trainer::kMaxTicksPerSecond
};

// Any parameter of the run's family by its key: a live one applies on the next tick, a structural one starts
// a new run. The engine checks it against the family's table and answers a refusal with a message.
struct SetParam {
    std::string key;
    ParamValue value;
};

// Several parameters as one change (a layer added with its activation): checked together, applied in one
// rebuild when any is structural, refused whole. The keys that follow them are added (Family::follows).
struct SetParams {
    std::vector<ParamChange> changes;
};

// Another preset (maybe of another family): a new run.
struct LoadPreset {
    std::shared_ptr<const ParamSet> params;
    std::string name; // as the log and the UI name it
};

// A point of a scripted line of runs: tick `tick` of the run that `run` of the script's rebuilding changes
// started (0: the first run). A replay's timeline is made of these.
struct ScriptPoint {
    std::uint64_t run = 0;
    std::uint64_t tick = 0;
};

// A replay's scrub: starts again from `params` with `script` (a recorded run's changes), runs as fast as
// possible to `to` and pauses there; played on, it pauses again at `end` (where the recording ended).
struct Rewind {
    std::shared_ptr<const ParamSet> params;
    std::string name; // as the log and the UI name it
    std::vector<ScriptedChange> script;
    ScriptPoint to;
    std::optional<ScriptPoint> end;
};

using Command =
    std::variant<Pause, Resume, SingleStep, Reset, SetSpeed, SetParam, SetParams, LoadPreset, Rewind>;

} // namespace phasor
