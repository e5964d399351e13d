// A population of conductance-based LIF neurons, integrated by forward Euler exactly as Brian2 generates
// method='euler' for the COBA benchmark (Brette et al. 2007, benchmark 1, constant-drive form): every state
// variable steps from the old values, then threshold and reset; the conductances are dimensionless (in units
// of the leak), so a spike adds a plain number to them.
//   dv/dt = (ge (Ee − v) + gi (Ei − v) − (v − El) + I) / τm   (not while refractory)
//   dge/dt = −ge / τe,  dgi/dt = −gi / τi
// Euler rather than exact integration on purpose: the benchmark's statistics are those of the Euler scheme.
#pragma once
#include <cstdint>
#include <vector>

namespace phasor {

struct CobaParams {
    float tau_m = 20e-3f, tau_e = 5e-3f, tau_i = 10e-3f; // s
    float rest = -60e-3f, drive = 20e-3f;                // El, I (V)
    float e_exc = 0.f, e_inh = -80e-3f;                  // reversal potentials (V)
    float threshold = -50e-3f, reset = -60e-3f;          // V
    float refractory = 5e-3f;                            // s
};

class CobaPopulation {
  public:
    CobaPopulation(std::size_t size, CobaParams params, float dt);

    // One Euler step for every neuron, then those past threshold (and not refractory) spike, are reset and
    // become refractory; their indices plus `offset` go into `spiked` (cleared first). Allocates nothing once
    // `spiked` has room for the population.
    void step(std::vector<std::uint32_t>& spiked, std::uint32_t offset = 0);

    // The threshold in force (the reference one plus a live shift).
    void set_threshold(float threshold) { threshold_ = threshold; }
    float threshold() const { return threshold_; }
    std::size_t size() const { return v.size(); }
    const CobaParams& params() const { return params_; }
    float dt() const { return dt_; }
    bool finite() const;

    std::vector<float> v, ge, gi;              // V; ge and gi dimensionless
    std::vector<std::int32_t> refractory_left; // steps still to sit out

  private:
    std::vector<std::uint8_t> fired_; // this step's spikes, a byte a neuron (spike_flags.hpp)
    CobaParams params_;
    float dt_, threshold_;
    float dt_over_tau_m_, keep_e_, keep_i_;
    std::int32_t refractory_steps_;
};

} // namespace phasor
