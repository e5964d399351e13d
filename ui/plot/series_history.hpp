// The UI's own history of one scalar series (loss, accuracy...), bounded, with a min/max pyramid so that any
// x range draws at pixel resolution in time proportional to the pixels, not to the points: a million-point
// history costs the same per frame as a thousand-point one. The pyramid is extended as points arrive
// (amortised O(1) per push), never rebuilt on the drawing path.
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace phasor::plot {

struct Point {
    double x;
    float y;
};

class SeriesHistory {
  public:
    // When `capacity` points are held, every other point is dropped and from then on only every second new
    // point is kept (the stride doubles), so the whole run stays visible at a coarser resolution.
    explicit SeriesHistory(std::size_t capacity = std::size_t{1} << 21);

    // x must not decrease. Non-finite y values are kept (they show as gaps).
    void push(double x, float y);
    void clear();

    std::size_t size() const { return points_.size(); }
    bool empty() const { return points_.empty(); }
    const Point& operator[](std::size_t i) const { return points_[i]; }
    const std::vector<Point>& points() const { return points_; }
    std::size_t stride() const { return stride_; } // 1 until the first compaction
    std::size_t capacity() const { return capacity_; }
    // Changes when the points are cleared (a new run) and nowhere else: appends and compaction keep it.
    // Unique across histories made or cleared at different times, so a plot can tell a new run from more
    // points.
    std::uint64_t epoch() const { return epoch_; }
    double x_min() const;
    double x_max() const;

    // The points in [x_lo, x_hi] reduced to at most 2 per bucket (each bucket's first-in-x min and max, in x
    // order), plus the nearest point outside each end so the line reaches the edge. `out` is cleared first.
    // With log_x (x_lo > 0), buckets are equal in log10 x, as a log x axis shows them.
    void decimate(double x_lo, double x_hi, int buckets, std::vector<Point>& out, bool log_x = false) const;

    // Smallest and largest finite y in [x_lo, x_hi]; with positive_only, ignores y <= 0 (log axes).
    // Returns {+inf, -inf} when there is none.
    std::pair<float, float> y_range(double x_lo, double x_hi, bool positive_only = false) const;

  private:
    struct MinMax {
        float lo, hi; // finite y only
        float lo_pos; // smallest positive y
    };
    void compact();
    void extend_pyramid();

    std::size_t capacity_;
    std::uint64_t epoch_;
    std::size_t stride_ = 1;
    std::size_t skipped_ = 0;
    std::vector<Point> points_;
    std::vector<std::vector<MinMax>> levels_; // levels_[k][i] covers points [i·2^(k+1), (i+1)·2^(k+1))
};

// The left edge of bucket k (0 ≤ k ≤ buckets) of decimate(): buckets are equal in x (in log10 x with log_x),
// bucket k holds the points with edge(k) ≤ x < edge(k + 1), and the last one also holds x == x_hi.
double bucket_edge(double x_lo, double x_hi, int buckets, int k, bool log_x = false);

} // namespace phasor::plot
