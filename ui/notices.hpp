// Short on-screen notices ("Saved …png", "Could not save …: Permission denied") that fade after a few
// seconds. Errors stay longer and are drawn in red; every notice also goes to stderr, so scripts see it too.
#pragma once
#include <chrono>
#include <string>
#include <vector>

namespace phasor::ui {

class Notices {
  public:
    using Clock = std::chrono::steady_clock;
    struct Notice {
        std::string text;
        bool error = false;
        Clock::time_point shown;
    };

    void post(std::string text, bool error);
    // Draws the live notices in the bottom-right corner of the main viewport and forgets expired ones.
    void draw();
    bool animating() const { return !live_.empty(); } // the app keeps its frame rate up while notices fade
    const std::vector<Notice>& live() const { return live_; }

  private:
    std::vector<Notice> live_;
};

} // namespace phasor::ui
