// Phase coding and circular statistics (see phase_code.hpp).
#include "engine/spiking/phase_code.hpp"

#include "engine/spiking/rhythm.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace phasor {

PhaseEncoder::PhaseEncoder(float lo, float hi, float first, float last)
    : lo_(lo), hi_(hi), first_(first), last_(last) {
    if (!(hi > lo)) throw std::invalid_argument("PhaseEncoder: hi must be above lo");
    if (!(std::abs(last - first) > 0.f) || std::abs(last - first) >= kTwoPi)
        throw std::invalid_argument("PhaseEncoder: the window must be non-empty and under one cycle");
}

float PhaseEncoder::encode(float value) const {
    const float u = (std::clamp(value, lo_, hi_) - lo_) / (hi_ - lo_);
    return wrap_phase(first_ + u * (last_ - first_));
}

float PhaseEncoder::decode(float phase) const {
    // The window's position of `phase`, measured from `first` in the window's direction; a phase outside the
    // window reads as whichever end is nearer on the circle.
    const float span = std::abs(last_ - first_);
    const float along = last_ > first_ ? wrap_phase(phase - first_) : wrap_phase(first_ - phase);
    float u;
    if (along <= span)
        u = along / span;
    else
        u = along - span < kTwoPi - along ? 1.f : 0.f;
    return lo_ + u * (hi_ - lo_);
}

float PhaseEncoder::value_resolution(float phase_step) const {
    return phase_step / std::abs(last_ - first_) * (hi_ - lo_);
}

CircularMean circular_mean(std::span<const float> phases) {
    if (phases.empty()) return {};
    double c = 0.0, s = 0.0;
    for (float p : phases) {
        c += std::cos(p);
        s += std::sin(p);
    }
    const double n = static_cast<double>(phases.size());
    return {.phase = wrap_phase(static_cast<float>(std::atan2(s, c))),
            .length = static_cast<float>(std::hypot(c, s) / n)};
}

namespace {

// The resultant length of φ − slope · x, and its direction.
std::pair<double, double> resultant(std::span<const float> x, std::span<const float> phases, double slope) {
    double c = 0.0, s = 0.0;
    for (std::size_t k = 0; k < x.size(); ++k) {
        const double r = phases[k] - slope * x[k];
        c += std::cos(r);
        s += std::sin(r);
    }
    return {std::hypot(c, s) / static_cast<double>(x.size()), std::atan2(s, c)};
}

} // namespace

CircularLinearFit circular_linear_fit(std::span<const float> x, std::span<const float> phases,
                                      double min_slope, double max_slope) {
    if (x.size() != phases.size())
        throw std::invalid_argument("circular_linear_fit: x and phases differ in size");
    if (x.empty() || !(max_slope > min_slope)) return {};
    // The resultant length has many local maxima in the slope (one per wrap of the data's extent), so a
    // coarse scan finds the right one before the refinement narrows it.
    constexpr int kScan = 720, kRefine = 40;
    double best = min_slope, best_r = -1.0;
    double step = (max_slope - min_slope) / kScan;
    for (int k = 0; k <= kScan; ++k) {
        const double a = min_slope + k * step;
        const double r = resultant(x, phases, a).first;
        if (r > best_r) best_r = r, best = a;
    }
    for (int round = 0; round < 4; ++round) {
        const double lo = best - step;
        step = 2.0 * step / kRefine;
        for (int k = 0; k <= kRefine; ++k) {
            const double a = lo + k * step;
            const double r = resultant(x, phases, a).first;
            if (r > best_r) best_r = r, best = a;
        }
    }
    const auto [r, direction] = resultant(x, phases, best);
    return {.slope = best, .offset = wrap_phase(static_cast<float>(direction)), .resultant = r};
}

void polar_histogram(std::span<const float> phases, std::span<int> counts) {
    std::fill(counts.begin(), counts.end(), 0);
    if (counts.empty()) return;
    const int bins = static_cast<int>(counts.size());
    for (float p : phases) {
        const int b = static_cast<int>(wrap_phase(p) / kTwoPi * static_cast<float>(bins));
        ++counts[std::min(b, bins - 1)];
    }
}

} // namespace phasor
