// A model family described once: its name, its parameter table, how to build a model from checked parameters,
// the series it samples and the headline metrics of its snapshots. The runtime (trainer, headless runner,
// presets, the app) knows a family only through this description; families.cpp registers them.
#pragma once
#include "engine/params/param.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace phasor {

class Model;
class ParamSet;

enum class Axis {
    Linear,
    Log,
    Fraction, // a share in [0, 1] (an accuracy): plotted on that fixed scale so it reads at a glance
};

// A named scalar a family reports: a series channel sampled over the run, or a headline metric of every
// snapshot.
struct Quantity {
    std::string_view name;  // "loss": a CSV column, part of an exported plot's file name
    std::string_view label; // "Loss": plot titles and readouts
    std::string_view unit{};
    Axis axis = Axis::Linear;
    bool in_metrics = true; // a series the common Metrics panel plots; false: a family panel shows it
    // A channel the Metrics panel draws as a second line in this one's plot (test loss beside the training
    // loss), so the two are compared on one axis; empty: a plot of its own.
    std::string_view beside{};
};

// A section of the Controls panel, in the order the family lists them.
struct ControlGroup {
    std::string_view name;
    bool advanced = false; // hidden in presenter mode
    bool folded = false;   // starts folded away
};

// Parameters that follow another: when a change sets `cause`, `adapt` brings `keys` in line with it as part
// of the same change (the network's input and output sizes follow the task). Run applies the rules in the
// family's order, so a rule also follows the keys an earlier rule adapted; it never overrides a key the
// change sets itself.
struct ParamFollow {
    std::string_view cause;
    std::span<const std::string_view> keys;
    // Rewrites `keys` in `params`, which already hold the change's values, or leaves them; writes nothing
    // else. Throws InputError as Family::check does when it cannot.
    void (*adapt)(ParamSet& params);
};

struct Family {
    std::string_view name;        // what a preset's `family = "..."` names
    std::string_view title;       // "Stepped network (ALBA)"
    std::string_view description; // one line
    const ParamTable& params;     // its parameters, the common ones (common_params) first
    std::span<const Quantity> channels;
    std::span<const Quantity> headline;
    std::span<const ControlGroup> groups;
    // Throws InputError starting with the key at fault ("network.layers: ...") when values that pass their
    // own rows do not fit together (layer sizes against the task, say).
    void (*check)(const ParamSet&);
    // Builds a model from checked parameters (check is called first). Throws InputError as check does.
    std::unique_ptr<Model> (*build)(const ParamSet&);
    std::span<const ParamFollow> follows{};
    // What a report calls the model's parts (Snapshot::parts): "components", "populations".
    std::string_view parts_name = "components";
};

// Every registered family, and the one a preset without `family` belongs to (the stepped network).
std::span<const Family* const> families();
const Family* find_family(std::string_view name);
const Family& default_family();

// The rows every family's table starts with: name, description, seed, speed (how fast the app shows it),
// ticks (the default run length of `phasor run`).
std::vector<ParamSpec> common_params(std::int64_t default_ticks);

// The channel the runtime adds after a family's own: the measured speed.
inline constexpr Quantity kTicksPerSecond{"ticks_per_second", "Speed", "ticks/s", Axis::Linear, true};

} // namespace phasor
