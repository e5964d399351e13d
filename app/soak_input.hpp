// `phasor app --soak SECONDS` (hidden): random keys and clicks for a memory soak (scripts/soak.sh) where
// xdotool is not installed. Keys go through the window's key queue as real ones do; clicks and drags land
// below the menu bar and right of the Controls panel, so the soak never quits through File → Quit nor grows
// the network. The engine is paused for the soak: the run's history keeps every sample by design (up to 2^21
// points a series), so a running engine grows the memory in steps that are data, not a leak, and hide one.
#pragma once
#include "app/app_window.hpp"

#include <random>

struct ImGuiIO;

namespace phasor {

class SoakInput {
  public:
    explicit SoakInput(unsigned seed) : rng_(seed) {}
    // Queues this frame's random key taps (before the window hands keys to ImGui) and moves the mouse.
    void keys(AppWindow& window);
    void mouse(ImGuiIO& io); // after the backend's NewFrame, before ImGui::NewFrame

  private:
    std::mt19937 rng_;
    bool down_ = false;
    bool scaled_ = false; // one UI scale step up, taken back by the next scale key
};

} // namespace phasor
