// Smoothing of line series as TensorBoard does it: an exponential moving average over the points, debiased
// so that the first points are not pulled towards 0. Drawn over the faint raw line on screen, in PNG and
// in SVG, and written beside the raw values in CSV, all from this one definition.
#pragma once
#include "ui/plot/render.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace phasor::plot {

// s_n = w·s_(n-1) + (1 − w)·y_n over the finite y so far, shown as s_n / (1 − w^n). A non-finite y leaves
// the average as it was and comes out as itself, so gaps stay gaps.
class Ema {
  public:
    explicit Ema(double weight) : weight_(weight) {}
    float next(float y);

  private:
    double weight_;
    double sum_ = 0;     // the biased average
    double decayed_ = 1; // w^n
};

// One line's smoothed copy: the same x, the smoothed y, with its own min/max pyramid so it draws at pixel
// resolution like the raw line. Extended by the new points only; made again when the source is cleared,
// replaced or compacted, or the weight changes.
class SmoothedSeries {
  public:
    const SeriesHistory& update(const SeriesHistory& source, double weight);

  private:
    const SeriesHistory* source_ = nullptr;
    std::uint64_t epoch_ = 0;
    std::size_t stride_ = 0, done_ = 0;
    double weight_ = -1;
    Ema ema_{0};
    SeriesHistory out_{~std::size_t{0}}; // never compacts by itself: it follows the source's compaction
};

class SmoothingCache {
  public:
    std::vector<SmoothedSeries> lines; // by index in Plot::lines
};

// Whether `view` smooths lines at all (a weight in (0, 1)).
bool smoothing_on(const PlotView& view);

// The smoothed copy of plot.lines[index] for `view`, brought up to date; null when smoothing is off or the
// line has no data. Made on first use and kept in view.smoothed.
const SeriesHistory* smoothed_line(const Plot& plot, const PlotView& view, std::size_t index);

} // namespace phasor::plot
