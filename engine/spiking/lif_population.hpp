// A population of leaky integrate-and-fire neurons as structures of arrays, with current-based exponential
// synapses (excitatory and inhibitory), integrated exactly over a time step: the membrane equation is linear
// between spikes, so the state after dt is a closed form (what Brian calls method='exact'), not a numerical
// approximation, and any dt gives the same trajectory at the sampled times.
//   dv/dt = (ge + gi − (v − El)) / τm   (not while refractory)
//   dge/dt = −ge / τe,  dgi/dt = −gi / τi
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace phasor {

struct LifParams {
    float tau_m = 20e-3f, tau_e = 5e-3f, tau_i = 10e-3f; // s
    float rest = -49e-3f;                                // El, V
    float threshold = -50e-3f, reset = -60e-3f;          // V
    float refractory = 5e-3f;                            // s
};

class LifPopulation {
  public:
    LifPopulation(std::size_t size, LifParams params, float dt);

    // One time step: integrate every neuron, then those past threshold (and not refractory) spike, are reset
    // and become refractory. Their indices go into `spiked` (cleared first). Allocates nothing once `spiked`
    // has room for the population.
    void step(std::vector<std::uint32_t>& spiked);

    std::size_t size() const { return v.size(); }
    const LifParams& params() const { return params_; } // as built: the reference threshold among them
    // The threshold in force (V): the reference one plus a live shift; the next step compares against it.
    void set_threshold(float threshold) { threshold_ = threshold; }
    float threshold() const { return threshold_; }
    bool finite() const;
    float dt() const { return dt_; }

    // The state, one entry per neuron (V for all three: the synaptic variables are in volts, as Brian's
    // CUBA).
    std::vector<float> v, ge, gi;
    std::vector<std::int32_t> refractory_left; // steps still to sit out

  private:
    std::vector<std::uint8_t> fired_; // this step's spikes, a byte a neuron (spike_flags.hpp)
    LifParams params_;
    float dt_, threshold_;
    // The closed form's coefficients for one step.
    float decay_m_, decay_e_, decay_i_, from_e_, from_i_;
    std::int32_t refractory_steps_;
};

} // namespace phasor
