// Conductance-based LIF by forward Euler (see coba_population.hpp).
#include "engine/spiking/coba_population.hpp"

#include "engine/spiking/spike_flags.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace phasor {

CobaPopulation::CobaPopulation(std::size_t size, CobaParams params, float dt)
    : v(size, params.reset), ge(size, 0.f), gi(size, 0.f), refractory_left(size, 0), fired_(size, 0),
      params_(params), dt_(dt), threshold_(params.threshold) {
    if (!(dt > 0) || !(params.tau_m > 0) || !(params.tau_e > 0) || !(params.tau_i > 0))
        throw std::invalid_argument("CobaPopulation: dt and the time constants must be > 0");
    dt_over_tau_m_ = dt / params.tau_m;
    // Brian's Euler writes −dt·ge/τe + ge: the same number as ge·(1 − dt/τe) up to rounding.
    keep_e_ = 1.f - dt / params.tau_e;
    keep_i_ = 1.f - dt / params.tau_i;
    // Brian's refractory count, as LifPopulation: integrating again refractory/dt steps after the spike.
    refractory_steps_ =
        std::max<std::int32_t>(0, static_cast<std::int32_t>(std::lround(params.refractory / dt)) - 1);
}

void CobaPopulation::step(std::vector<std::uint32_t>& spiked, std::uint32_t offset) {
    spiked.clear();
    const float el = params_.rest, drive = params_.drive, ee = params_.e_exc, ei = params_.e_inh;
    const float c = dt_over_tau_m_, keep_e = keep_e_, keep_i = keep_i_;
    const std::size_t n = v.size();
    float* vv = v.data();
    float* e = ge.data();
    float* i = gi.data();
    std::int32_t* r = refractory_left.data();
    const float threshold = threshold_, reset = params_.reset;
    const std::int32_t hold = refractory_steps_;
    std::uint8_t* fired = fired_.data();
    // Written without branches so that it vectorises; every update reads only the old values. The threshold
    // is tested here too, so the pass that collects the spikes reads one byte a neuron, eight at a time.
    for (std::size_t k = 0; k < n; ++k) {
        const float u = vv[k], a = e[k], b = i[k];
        const std::int32_t left = r[k];
        const float next = u + c * (a * (ee - u) + b * (ei - u) - (u - el) + drive);
        const float held = left > 0 ? u : next;
        const std::int32_t still = left > 0 ? left - 1 : 0;
        // A neuron that has just left its refractory period may fire on this step; one still inside may not.
        const bool spike = still == 0 && held > threshold;
        vv[k] = spike ? reset : held;
        r[k] = spike ? hold : still;
        fired[k] = spike ? 1 : 0;
        e[k] = a * keep_e;
        i[k] = b * keep_i;
    }
    collect_spikes(fired_, n, offset, spiked);
}

bool CobaPopulation::finite() const {
    for (std::size_t k = 0; k < v.size(); ++k)
        if (!std::isfinite(v[k]) || !std::isfinite(ge[k]) || !std::isfinite(gi[k])) return false;
    return true;
}

} // namespace phasor
