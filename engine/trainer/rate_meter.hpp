// Ticks per second over a sliding window of wall time, from (time, tick count) points taken whenever
// convenient.
#pragma once
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>

namespace phasor {

// Keeps at most one point per window/16, so the window is covered by ~16 points however often `add` is
// called, and the memory is fixed. The base point is the newest one at least a window old, so slow motion (1
// tick/s, with points only when ticks happen) still measures between real ticks instead of reading 0.
class RateMeter {
  public:
    using Clock = std::chrono::steady_clock;

    explicit RateMeter(Clock::duration window = std::chrono::milliseconds(500))
        : window_(window), spacing_(window / 16) {}

    void reset() { count_ = 0; }

    // `total` must not go backwards between resets (use a counter that survives model rebuilds).
    void add(Clock::time_point now, std::uint64_t total) {
        while (count_ > 1 && now - at(1).time >= window_) drop_oldest();
        if (count_ == 0 || now - at(count_ - 1).time >= spacing_) {
            if (count_ == kPoints) drop_oldest();
            points_[(first_ + count_) % kPoints] = Point{now, total};
            ++count_;
        }
        latest_ = Point{now, total};
    }

    double rate() const {
        if (count_ == 0) return 0.0;
        const double seconds = std::chrono::duration<double>(latest_.time - at(0).time).count();
        if (seconds <= 0.0) return 0.0;
        return static_cast<double>(latest_.total - at(0).total) / seconds;
    }

  private:
    struct Point {
        Clock::time_point time{};
        std::uint64_t total = 0;
    };
    static constexpr std::size_t kPoints = 20;

    const Point& at(std::size_t i) const { return points_[(first_ + i) % kPoints]; }
    void drop_oldest() {
        first_ = (first_ + 1) % kPoints;
        --count_;
    }

    Clock::duration window_;
    Clock::duration spacing_;
    std::array<Point, kPoints> points_{};
    std::size_t first_ = 0;
    std::size_t count_ = 0;
    Point latest_{};
};

} // namespace phasor
