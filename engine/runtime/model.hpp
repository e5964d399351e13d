// What a family's model offers the runtime. One contract for a model that computes on the caller's thread and
// for one that *is* concurrency (components on their own threads): between calls to advance() the model is
// at a safe point, so parameters are applied, snapshots are consistent and checkpoints are whole.
#pragma once
#include "engine/params/param.hpp"
#include "engine/telemetry/series.hpp"
#include "engine/telemetry/snapshot.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace phasor {

// Why advance() stopped early.
struct Fault {
    std::string where;   // the component at fault ("worker 2"); empty when it is the model as a whole
    std::string what;    // "loss is not finite", or what a throwing component said
    bool thrown = false; // an exception rather than a non-finite value
};

class Model {
  public:
    virtual ~Model() = default;

    // Runs up to `max_ticks` units of work (a stepped-network tick, a component step, a simulation cycle) and
    // returns how many ran. Stops early after the tick on which a loss or state went non-finite or a
    // component threw; fault() then says what. Returns at a safe point: a model with threads has them all
    // parked. Series samples due on the way go to `series`. Allocates nothing.
    virtual std::uint64_t advance(std::uint64_t max_ticks, SeriesWriter& series) = 0;
    virtual std::uint64_t ticks() const = 0;
    // Set when advance() stopped on a fault; cleared by restore().
    virtual const Fault* fault() const = 0;

    // Applies a live parameter (its row's own checks have passed). Returns the reason when the model refuses
    // it (without the key); the model is then unchanged.
    virtual std::optional<std::string> set(const ParamSpec& row, const ParamValue& value) = 0;

    // The family's payload type, made once per snapshot slot; fill() writes the header's family fields
    // (headline, class names, evaluation) and the payload. Its cost is the family's to bound.
    virtual std::unique_ptr<Payload> make_payload() const = 0;
    virtual void fill(Snapshot& snapshot) = 0;

    // Divergence: whether every value the model holds is finite; a copy of the current state as the last good
    // one; going back to it (which also forgets optimizer state and clears the fault).
    virtual bool state_finite() const = 0;
    // The largest magnitude the state holds (the stepped network: its largest |weight| or |bias|), for the
    // divergence rule's bound on a finite blow-up; 0 for a family with no such measure.
    virtual float state_scale() const { return 0.f; }
    virtual void checkpoint() = 0;
    virtual std::uint64_t checkpoint_tick() const = 0;
    virtual void restore() = 0;
    // Ticks between checkpoints: a family whose state is large may take them less often.
    virtual std::uint64_t checkpoint_every() const { return 1000; }

    // How fast the run is being shown: 0 as fast as it goes, else the ticks per second the app paces it at (1
    // while single-stepping). A family may sample its series and keep its pictures at a resolution that reads
    // at that pace (every tick in slow motion). Telemetry only: what is trained must not depend on it, and a
    // headless run never calls it.
    virtual void set_pace(double ticks_per_second) { (void)ticks_per_second; }

    // How long one advance() should take at full speed: the trainer sizes its batches of ticks to it. Short
    // for a model that works one tick at a time on the trainer's thread; long enough for one whose components
    // run on threads of their own to run side by side (a release of one tick wakes every thread for one
    // step).
    virtual std::chrono::microseconds batch_time() const { return std::chrono::microseconds(1000); }
};

} // namespace phasor
