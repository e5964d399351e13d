// Values carried as spike phase, and the circular statistics that read phases back: a value in [lo, hi]
// maps linearly onto a window of the theta cycle (the document's "value embedding as phase against a local
// wave"); the mean phase and the phase-locking value |mean e^{iφ}|; the circular–linear fit of phase against
// position that measures precession; a polar histogram.
#pragma once
#include <span>

namespace phasor {

// value lo → phase `first`, value hi → phase `last` (radians within one cycle; `last` < `first` encodes
// larger values earlier, as precession does). Values outside [lo, hi] are clamped.
class PhaseEncoder {
  public:
    PhaseEncoder(float lo, float hi, float first, float last);

    float encode(float value) const;
    // The value whose phase is nearest `phase` (taken on the circle, so 2π − ε reads as just before 0).
    float decode(float phase) const;
    // How far apart two decoded values are when their phases differ by `phase_step` (a spike's phase is
    // known to one cycle's share of the rhythm: 2π · theta_hz · dt).
    float value_resolution(float phase_step) const;

  private:
    float lo_, hi_, first_, last_;
};

struct CircularMean {
    float phase = 0.f;  // mean direction, [0, 2π); 0 when there are no phases
    float length = 0.f; // resultant length |mean e^{iφ}|: the phase-locking value, 0 (uniform) .. 1 (locked)
};
CircularMean circular_mean(std::span<const float> phases);
inline float phase_locking_value(std::span<const float> phases) {
    return circular_mean(phases).length;
}

// φ ≈ offset + slope · x on the circle (Kempter et al. 2012): the slope maximises the resultant length of
// φ − slope · x, found by scanning [min_slope, max_slope] and refining around the best; slopes in radians
// per unit of x.
struct CircularLinearFit {
    double slope = 0.0, offset = 0.0; // offset in [0, 2π)
    double resultant = 0.0;           // the resultant length at the slope found: 1 is a perfect line
};
CircularLinearFit circular_linear_fit(std::span<const float> x, std::span<const float> phases,
                                      double min_slope, double max_slope);

// Counts of phases in `counts.size()` equal bins over [0, 2π) (zeroed first).
void polar_histogram(std::span<const float> phases, std::span<int> counts);

} // namespace phasor
