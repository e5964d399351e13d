// Smoothing of line series (see smoothing.hpp).
#include "ui/plot/smoothing.hpp"

#include <cmath>

namespace phasor::plot {

float Ema::next(float y) {
    if (!std::isfinite(y)) return y;
    sum_ = weight_ * sum_ + (1 - weight_) * static_cast<double>(y);
    decayed_ *= weight_;
    return static_cast<float>(sum_ / (1 - decayed_));
}

const SeriesHistory& SmoothedSeries::update(const SeriesHistory& source, double weight) {
    if (&source != source_ || source.epoch() != epoch_ || source.stride() != stride_ || weight != weight_ ||
        source.size() < done_) {
        source_ = &source;
        epoch_ = source.epoch();
        stride_ = source.stride();
        weight_ = weight;
        done_ = 0;
        ema_ = Ema(weight);
        out_.clear();
    }
    for (; done_ < source.size(); ++done_) {
        const Point& p = source[done_];
        out_.push(p.x, ema_.next(p.y));
    }
    return out_;
}

bool smoothing_on(const PlotView& view) {
    return view.smoothing > 0 && view.smoothing < 1;
}

const SeriesHistory* smoothed_line(const Plot& plot, const PlotView& view, std::size_t index) {
    if (!smoothing_on(view) || index >= plot.lines.size() || plot.lines[index].data == nullptr)
        return nullptr;
    if (!view.smoothed) view.smoothed = std::make_shared<SmoothingCache>();
    std::vector<SmoothedSeries>& lines = view.smoothed->lines;
    if (lines.size() < plot.lines.size()) lines.resize(plot.lines.size());
    return &lines[index].update(*plot.lines[index].data, view.smoothing);
}

double smoothing_for_half_life(double points) {
    return points > 0 ? std::pow(0.5, 1.0 / points) : 0.0;
}

} // namespace phasor::plot
