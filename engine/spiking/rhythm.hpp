// The theta rhythm (8–12 Hz) with gamma nested inside it (a whole number of gamma cycles per theta cycle,
// phase-locked: gamma phase = G · theta phase), advanced one simulation cycle at a time, and the pacemaker
// waveforms circuits drive their populations with. The phase is accumulated, not computed from the time, so
// a live change of frequency keeps it continuous; a new gamma count waits for the next theta cycle, where
// gamma is at phase 0 for every count, so gamma stays continuous too.
#pragma once
#include "engine/spiking/circuit.hpp"

#include <cstdint>
#include <numbers>

namespace phasor {

inline constexpr float kTwoPi = 2.f * std::numbers::pi_v<float>;

// An angle wrapped into [0, 2π).
float wrap_phase(float radians);

class ThetaGammaRhythm {
  public:
    ThetaGammaRhythm(float theta_hz, int gamma_per_theta, float dt);

    void advance(); // one cycle of dt
    void set_theta_hz(float hz);
    void set_gamma_per_theta(int count); // from the next theta cycle on

    float theta_phase() const { return wrap_phase(static_cast<float>(kTwoPi * cycle_fraction_)); }
    // A region's local theta phase: the global phase plus its offset (a travelling wave's lag).
    float theta_phase(float offset) const { return wrap_phase(theta_phase() + offset); }
    float gamma_phase() const;
    // The gamma cycle within the theta cycle now: 0 .. gamma_per_theta − 1.
    int gamma_slot() const;
    float theta_hz() const { return theta_hz_; }
    int gamma_per_theta() const { return gamma_; } // the count in force this theta cycle
    // Theta cycles completed (the phase wrapped through 0) since the start.
    std::uint64_t theta_cycles() const { return theta_cycles_; }
    RhythmState state() const;

  private:
    double cycle_fraction_ = 0.0; // theta phase in cycles, [0, 1)
    float theta_hz_, dt_;
    int gamma_, pending_gamma_;
    std::uint64_t theta_cycles_ = 0;
};

// A pacemaker pulse over one cycle: 1 at phase 0 (and 2π), 0 at `trough`, raised half-cosines either side.
// With the trough at π it is (1 + cos φ) / 2; a later trough gives a slow fall and a fast rise, the skewed
// (saw-tooth) shape of hippocampal theta.
float pacemaker_pulse(float phase, float trough = std::numbers::pi_v<float>);

} // namespace phasor
