// Theta with nested gamma (see rhythm.hpp).
#include "engine/spiking/rhythm.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace phasor {

float wrap_phase(float radians) {
    float r = std::fmod(radians, kTwoPi);
    if (r < 0.f) r += kTwoPi;
    // fmod of a value just below 0 can round back up to 2π itself.
    return r >= kTwoPi ? 0.f : r;
}

ThetaGammaRhythm::ThetaGammaRhythm(float theta_hz, int gamma_per_theta, float dt)
    : theta_hz_(theta_hz), dt_(dt), gamma_(gamma_per_theta), pending_gamma_(gamma_per_theta) {
    if (!(dt > 0)) throw std::invalid_argument("ThetaGammaRhythm: dt must be > 0");
    set_theta_hz(theta_hz);
    set_gamma_per_theta(gamma_per_theta);
    gamma_ = pending_gamma_;
}

void ThetaGammaRhythm::set_theta_hz(float hz) {
    if (!(hz > 0) || hz * dt_ >= 0.5f)
        throw std::invalid_argument("ThetaGammaRhythm: theta must be > 0 and below half the cycle rate");
    theta_hz_ = hz;
}

void ThetaGammaRhythm::set_gamma_per_theta(int count) {
    if (count < 1) throw std::invalid_argument("ThetaGammaRhythm: at least one gamma cycle per theta");
    pending_gamma_ = count;
}

void ThetaGammaRhythm::advance() {
    cycle_fraction_ += static_cast<double>(theta_hz_) * dt_;
    if (cycle_fraction_ >= 1.0) {
        cycle_fraction_ -= 1.0;
        ++theta_cycles_;
        gamma_ = pending_gamma_;
    }
}

float ThetaGammaRhythm::gamma_phase() const {
    const double g = cycle_fraction_ * gamma_;
    return wrap_phase(static_cast<float>(kTwoPi * (g - std::floor(g))));
}

int ThetaGammaRhythm::gamma_slot() const {
    return std::min(gamma_ - 1, static_cast<int>(cycle_fraction_ * gamma_));
}

RhythmState ThetaGammaRhythm::state() const {
    return {.theta_phase = theta_phase(),
            .gamma_phase = gamma_phase(),
            .theta_hz = theta_hz_,
            .gamma_per_theta = gamma_};
}

float pacemaker_pulse(float phase, float trough) {
    const float pi = std::numbers::pi_v<float>;
    phase = wrap_phase(phase);
    if (phase < trough) return 0.5f * (1.f + std::cos(pi * phase / trough));
    return 0.5f * (1.f - std::cos(pi * (phase - trough) / (kTwoPi - trough)));
}

} // namespace phasor
