// Axonal delays: input that a spike sends now but that arrives some cycles later waits here, per future
// cycle, until its cycle ends and it is added to its target's synaptic variable. Delay 0 arrives at the end
// of this cycle, as Brian's on_pre without a delay (the target feels it from the next step); delay d at the
// end of the cycle d later, as Brian's spike queue delivers it.
//
// Two layouts of the same queue, measured on the local network (bench/spiking_build.cpp):
//   DelayRing:   (max_delay + 1) slots of one float per neuron; an arrival is one add, draining a cycle walks
//                every neuron (cheap to add, costs N per cycle whatever the activity);
//   DelayEvents: per slot a list of (target, weight); draining walks only what arrived (costs the spikes).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace phasor {

class DelayRing {
  public:
    DelayRing() = default;
    DelayRing(std::uint32_t neurons, std::uint32_t max_delay);

    // The slot that arrives `delay` cycles from now (delay <= max_delay), one float per neuron.
    float* slot(std::uint32_t delay) {
        std::uint32_t at = now_ + delay;
        if (at >= slots_) at -= slots_;
        return pending_.data() + static_cast<std::size_t>(at) * neurons_;
    }
    // Adds what arrives this cycle to `into`, clears it, and moves on a cycle.
    void drain(std::span<float> into);
    std::uint32_t max_delay() const { return slots_ - 1; }

  private:
    std::uint32_t neurons_ = 0, slots_ = 1, now_ = 0;
    std::vector<float> pending_;
};

class DelayEvents {
  public:
    struct Event {
        std::uint32_t target;
        float weight;
    };
    DelayEvents() = default;
    // `expected` events per slot are reserved so a steady run does not allocate.
    DelayEvents(std::uint32_t max_delay, std::size_t expected);

    std::vector<Event>& slot(std::uint32_t delay) {
        std::uint32_t at = now_ + delay;
        if (at >= slots()) at -= slots();
        return pending_[at];
    }
    void drain(std::span<float> into);
    std::uint32_t slots() const { return static_cast<std::uint32_t>(pending_.size()); }

  private:
    std::uint32_t now_ = 0;
    std::vector<std::vector<Event>> pending_;
};

} // namespace phasor
