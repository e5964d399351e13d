// What a model family offers the trainer: one unit of work per tick, live parameters, and copies for the UI.
#pragma once
#include "engine/telemetry/series.hpp"
#include "engine/telemetry/snapshot.hpp"
#include "engine/trainer/command.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace phasor {

class Model {
  public:
    virtual ~Model() = default;

    // One unit of work. Allocates nothing.
    virtual void tick() = 0;
    virtual std::uint64_t ticks() const = 0;

    // Applies a hot-parameter command (the run-control ones never reach the model). Returns the reason when
    // the value is rejected; the model is then unchanged.
    virtual std::optional<std::string> apply(const Command& command) = 0;

    // Copies the current state for the UI, including a held-out evaluation.
    virtual void fill(Snapshot& snapshot) = 0;
    // True on the ticks where a series sample is due; `sample` then fills it.
    virtual bool series_due() const = 0;
    virtual void sample(SeriesSample& out) = 0;

    // Divergence: a non-finite loss on the last tick, or non-finite weights.
    virtual bool loss_diverged() const = 0;
    virtual bool weights_finite() const = 0;
    // Keeps a copy of the current weights as the last good state; `restore` goes back to it and clears the
    // optimizer's state (which may hold the non-finite values).
    virtual void checkpoint() = 0;
    virtual std::uint64_t checkpoint_tick() const = 0;
    virtual void restore() = 0;
};

} // namespace phasor
