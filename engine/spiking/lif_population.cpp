// Exact LIF integration (see lif_population.hpp).
#include "engine/spiking/lif_population.hpp"

#include "engine/spiking/spike_flags.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace phasor {

namespace {

// How much of g(0) reaches u = v − El after t, for dg/dt = −g/τs feeding du/dt = (g − u)/τm with u(0) = 0:
// τs / (τs − τm) · (e^(−t/τs) − e^(−t/τm)), or, when the two time constants meet, t/τm · e^(−t/τm).
double transfer(double t, double tau_s, double tau_m) {
    if (std::abs(tau_s - tau_m) < 1e-12 * tau_m) return t / tau_m * std::exp(-t / tau_m);
    return tau_s / (tau_s - tau_m) * (std::exp(-t / tau_s) - std::exp(-t / tau_m));
}

} // namespace

LifPopulation::LifPopulation(std::size_t size, LifParams params, float dt)
    : v(size, params.reset), ge(size, 0.f), gi(size, 0.f), refractory_left(size, 0), fired_(size, 0),
      params_(params), dt_(dt), threshold_(params.threshold) {
    if (!(dt > 0) || !(params.tau_m > 0) || !(params.tau_e > 0) || !(params.tau_i > 0))
        throw std::invalid_argument("LifPopulation: dt and the time constants must be > 0");
    const double h = dt;
    decay_m_ = static_cast<float>(std::exp(-h / params.tau_m));
    decay_e_ = static_cast<float>(std::exp(-h / params.tau_e));
    decay_i_ = static_cast<float>(std::exp(-h / params.tau_i));
    from_e_ = static_cast<float>(transfer(h, params.tau_e, params.tau_m));
    from_i_ = static_cast<float>(transfer(h, params.tau_i, params.tau_m));
    // Brian counts a neuron refractory while fewer than refractory/dt steps have passed since its spike: it
    // integrates again on step 50 after a spike for 5 ms at 0.1 ms, so it sits out the 49 between.
    refractory_steps_ =
        std::max<std::int32_t>(0, static_cast<std::int32_t>(std::lround(params.refractory / dt)) - 1);
}

void LifPopulation::step(std::vector<std::uint32_t>& spiked) {
    spiked.clear();
    const float rest = params_.rest, threshold = threshold_, reset = params_.reset;
    const float decay_m = decay_m_, decay_e = decay_e_, decay_i = decay_i_, from_e = from_e_,
                from_i = from_i_;
    const std::int32_t hold = refractory_steps_;
    const std::size_t n = v.size();
    float* vv = v.data();
    float* e = ge.data();
    float* i = gi.data();
    std::int32_t* r = refractory_left.data();
    std::uint8_t* fired = fired_.data();
    // Without branches, so that it vectorises; the threshold is tested in the same pass (spike_flags.hpp).
    for (std::size_t k = 0; k < n; ++k) {
        const float a = e[k], b = i[k], u = vv[k];
        const std::int32_t left = r[k];
        // Clamped at reset while refractory; the synaptic variables decay all the same.
        const float held = left > 0 ? u : rest + (u - rest) * decay_m + a * from_e + b * from_i;
        const std::int32_t still = left > 0 ? left - 1 : 0;
        // A neuron that has just left its refractory period may fire on this step (as Brian's threshold on a
        // not-refractory neuron); one still inside may not.
        const bool spike = still == 0 && held > threshold;
        vv[k] = spike ? reset : held;
        r[k] = spike ? hold : still;
        fired[k] = spike ? 1 : 0;
        e[k] = a * decay_e;
        i[k] = b * decay_i;
    }
    collect_spikes(fired_, n, 0, spiked);
}

bool LifPopulation::finite() const {
    for (std::size_t k = 0; k < v.size(); ++k)
        if (!std::isfinite(v[k]) || !std::isfinite(ge[k]) || !std::isfinite(gi[k])) return false;
    return true;
}

} // namespace phasor
