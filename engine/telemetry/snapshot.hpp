// The picture of a run that the engine publishes for the UI about 60 times a second: a header every family
// shares (tick, run state, speed, headline metrics by name, the current parameters, held-out accuracy per
// class) and the family's own payload. Vectors keep their size between publishes, so filling one again copies
// and never allocates.
#pragma once
#include "engine/params/param.hpp"

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace phasor {

struct Family;

enum class RunState {
    Running,
    Paused,
    Diverged, // a loss or state went non-finite: the last good state was restored and the run paused
    Failed,   // the model (or one of its components) threw: restored and paused likewise
};

// What a family adds to the header. Cloned when a snapshot is copied (tests, the triple buffer's slots),
// never on a publish.
struct Payload {
    virtual ~Payload() = default;
    virtual std::unique_ptr<Payload> clone() const = 0;
};

template <class T> struct PayloadOf : Payload {
    std::unique_ptr<Payload> clone() const override {
        return std::make_unique<T>(static_cast<const T&>(*this));
    }
};

// Held-out accuracy, for families that classify.
struct EvalResult {
    // What the accuracy is measured on, for people: "held-out accuracy", or "accuracy on the 6 training
    // patterns" for a finite task with nothing held out; empty: the family's headline label stands.
    std::string name;
    bool held_out = true; // false: measured on the training data, which a finite task has nothing apart from
    float accuracy = 0.f;
    std::vector<float> per_class_accuracy;
    std::vector<int> per_class_count;
};

// One part of a model (a component of a decoupled network) and its figures by name, for reports: `phasor run
// --json` lists them per seed.
struct PartFigures {
    std::string name;
    std::string differs; // what sets it apart from the others (a race's variant); empty for most parts
    std::vector<std::pair<std::string, double>> figures;
};

struct Snapshot {
    const Family* family = nullptr;
    std::uint64_t run = 0; // which run: a rebuild, reset or new preset starts another
    std::uint64_t tick = 0;
    std::uint64_t sequence = 0; // increases with every publish
    RunState state = RunState::Paused;
    double speed = 0.0;             // the pace asked for, ticks per second; 0: as fast as possible
    float ticks_per_second = 0.f;   // measured
    std::vector<float> headline;    // the family's headline metrics, in its order (metric() by name)
    std::vector<ParamValue> params; // every parameter's current setting, in the family's table order
    std::vector<std::string> class_names;
    EvalResult eval;                // held-out evaluation (empty for families that do not classify)
    std::vector<PartFigures> parts; // empty for a family with no parts
    // The run's own figures by name for reports (`phasor run --json` lists them per seed: a spiking run's
    // neurons, synapses, loop seconds...), and lists of them (a weight histogram); empty for most families.
    std::vector<std::pair<std::string, double>> figures;
    std::vector<std::pair<std::string, std::vector<double>>> figure_lists;
    std::uint64_t changes = 0; // changes applied to the run so far
    // The engine's message while it stands (a refused change until the next accepted one, a divergence), or
    // empty; `message_key` is the parameter a refusal was about, so the UI can show it next to its control.
    std::string message;
    std::string message_key;
    std::unique_ptr<Payload> payload;

    Snapshot() = default;
    Snapshot(const Snapshot& other);
    Snapshot& operator=(const Snapshot& other);
    Snapshot(Snapshot&&) noexcept = default;
    Snapshot& operator=(Snapshot&&) noexcept = default;

    template <class P> const P* payload_as() const { return dynamic_cast<const P*>(payload.get()); }
    template <class P> P* payload_as() { return dynamic_cast<P*>(payload.get()); }

    // A headline metric by name; NaN when the family has none of that name.
    float metric(std::string_view name) const;
    // A parameter's current setting by key; nullptr when the family has no such parameter.
    const ParamValue* param(std::string_view key) const;
};

} // namespace phasor
