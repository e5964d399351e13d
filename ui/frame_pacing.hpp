// When the app may stop drawing: a paused run shows the same picture frame after frame, so once nothing has
// changed for a moment (no new snapshot from the engine, no input, no notice fading) the app waits for input
// instead of drawing 60 frames a second, and checks back a few times a second in case the engine publishes.
#pragma once
#include <chrono>
#include <cstdint>

namespace phasor::ui {

class FramePacing {
  public:
    using Clock = std::chrono::steady_clock;
    static constexpr std::chrono::milliseconds kSettle{1000}; // how long nothing must change before idling
    static constexpr double kIdleWaitSeconds = 0.25;          // the longest sleep: the latest a publish shows

    // Call once per frame with what the frame saw.
    void observe(std::uint64_t snapshot_sequence, bool input, Clock::time_point now) {
        if (input || snapshot_sequence != sequence_) last_change_ = now;
        sequence_ = snapshot_sequence;
    }
    // How long the next frame may wait for input: 0 to draw at the full frame rate.
    double wait_seconds(bool animating, Clock::time_point now) const {
        return !animating && now - last_change_ > kSettle ? kIdleWaitSeconds : 0.0;
    }

  private:
    std::uint64_t sequence_ = 0;
    Clock::time_point last_change_ = Clock::now();
};

} // namespace phasor::ui
