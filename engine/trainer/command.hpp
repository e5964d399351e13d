// Commands from the UI (or a test, or a script) to a running engine. Small values; the trainer applies them
// between ticks, in the order they were posted, and never drops one.
#pragma once
#include "engine/optim/schedule.hpp"
#include "engine/stepnet/config.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <variant>

namespace phasor {

// Run control, handled by the trainer itself.
struct Pause {};
struct Resume {};
struct SingleStep {
    int ticks = 1; // advance this many ticks, then stay paused
};
struct Reset {
    std::optional<std::uint64_t> seed; // rebuild from the config, with a new seed if given
};
struct SetSpeed {
    double ticks_per_second = 0.0; // 0: as fast as possible; otherwise ≥ 1
};
struct Rebuild {
    std::shared_ptr<const StepNetConfig> config; // structural change (layer sizes, task...): a new run
};

// Hot parameters, applied by the model on the next tick.
struct SetLearningRate {
    float lr = 0.f;
};
struct SetSchedule {
    ScheduleSpec spec; // kind and parameters; the current rate carries on
};
struct SetDelayDepth {
    int depth = 0; // the queue resizes in place
};
struct SetAttention {
    bool enabled = true;
};
struct SetTemperature {
    float temperature = 1.f;
};
struct SetBackwardMode {
    BackwardMode mode = BackwardMode::Aligned;
};

using Command = std::variant<Pause, Resume, SingleStep, Reset, SetSpeed, Rebuild, SetLearningRate,
                             SetSchedule, SetDelayDepth, SetAttention, SetTemperature, SetBackwardMode>;

} // namespace phasor
