// A one-line progress bar on stderr, drawn only when stderr is a terminal so that logs and pipes stay clean.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace phasor {

class ProgressBar {
  public:
    explicit ProgressBar(std::uint64_t total_ticks);
    ~ProgressBar() { finish(); }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    // Redraws at most about ten times a second; cheap to call more often.
    void update(std::uint64_t ticks_done, std::size_t seeds_done, std::size_t seeds_total);
    // Erases the bar so that the report starts on a clean line.
    void finish();

  private:
    using Clock = std::chrono::steady_clock;
    bool enabled_;
    bool drawn_ = false;
    std::uint64_t total_;
    Clock::time_point start_;
    Clock::time_point last_draw_;
};

} // namespace phasor
