// Song, Miller & Abbott 2000 exactly as Brian2 writes it (examples/synapses/STDP.py): 1,000 Poisson inputs at
// F = 15 Hz, each through one plastic synapse onto a single conductance-based neuron,
//   dv/dt = (ge · (Ee − v) + El − v) / τm,   dge/dt = −ge / τe     (forward Euler, dt 0.1 ms)
// τm 10 ms, τe 5 ms, Ee 0 mV, El −74 mV, threshold v > −54 mV, reset −60 mV, no refractory period; v and ge
// start at 0 (Brian's defaults, so the neuron fires on the first step). on_pre: ge += w, then the weight is
// depressed; on_post: potentiated; gmax 0.01, dApre 0.01 · gmax, dApost −1.05 · dApre, τ± 20 ms, additive
// with clip, w starting uniform in [0, gmax). Competition between the inputs drives the weights apart: after
// some tens of seconds most sit near 0 or near gmax.
// Global neurons: the inputs are 0..999 ("Poisson inputs"), the neuron is 1000 ("output").
#pragma once
#include "engine/spiking/circuit.hpp"
#include "engine/spiking/poisson_input.hpp"
#include "engine/spiking/stdp_synapses.hpp"

#include <array>

namespace phasor {

struct SongConfig {
    std::uint32_t inputs = 1000;
    float dt = 1e-4f; // s
    float g_max = 0.01f;
    std::uint64_t seed = 1;
};

class SongCircuit final : public Circuit {
  public:
    explicit SongCircuit(SongConfig config, const SpikingSettings& settings = {});

    std::unique_ptr<Circuit> clone() const override { return std::make_unique<SongCircuit>(*this); }
    void step(std::vector<std::uint32_t>& spiked) override;
    void apply(const SpikingSettings& settings) override;
    std::uint64_t cycles() const override { return cycle_; }
    float dt() const override { return config_.dt; }
    std::span<const PopulationInfo> populations() const override { return populations_; }
    std::size_t neurons() const override { return std::size_t{config_.inputs} + 1; }
    std::size_t synapses() const override { return synapses_.size(); }
    double bytes_per_synapse() const override { return synapses_.bytes_per_synapse(); }
    float membrane(std::uint32_t neuron) const override;
    bool finite() const override;
    void targets(std::uint32_t neuron, std::vector<std::uint32_t>& out) const override;
    std::span<const float> plastic_weights() const override { return synapses_.weights(); }
    float weight_max() const override { return synapses_.rule().w_max; }

    const StdpSynapses& plastic() const { return synapses_; }

  private:
    SongConfig config_;
    PoissonInput inputs_;
    StdpSynapses synapses_;
    float v_ = 0.f, ge_ = 0.f; // V, and ge in units of the leak conductance
    float threshold_ = -54e-3f;
    std::array<PopulationInfo, 2> populations_;
    std::vector<std::uint32_t> pre_, post_;
    std::uint64_t cycle_ = 0;
};

} // namespace phasor
