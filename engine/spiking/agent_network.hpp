// The network an agent decides with, shared by the environment circuits: sensory Poisson sources in channels
// (one rate each, so a channel can code one value of what the agent sees) project through reward-modulated
// STDP to LIF output neurons grouped per action; each output spike inhibits the other actions' groups, so the
// groups compete and the one that wins a window also holds most of that window's eligibility, which is what
// lets a reward credit the action that was taken; the readout turns the last C cycles of output spikes into
// an action. Global neuron indices: the sources first, then the outputs, action by action.
#pragma once
#include "engine/spiking/action_readout.hpp"
#include "engine/spiking/circuit.hpp"
#include "engine/spiking/lif_population.hpp"
#include "engine/spiking/poisson_input.hpp"
#include "engine/spiking/reward_stdp.hpp"

#include <string>
#include <vector>

namespace phasor {

struct AgentConfig {
    std::string input_name = "sensory inputs";
    std::uint32_t channels = 1, neurons_per_channel = 50; // channel c: sources [c · n, (c + 1) · n)
    float input_rate = 15.f;                              // Hz, every channel at the start
    std::vector<std::string> action_names = {"left", "right"};
    std::uint32_t neurons_per_action = 10;
    float dt = 1e-3f; // s
    // Output neurons: at rest 15 mV under threshold, so they fire only as the inputs drive them.
    LifParams output{.tau_m = 20e-3f,
                     .tau_e = 5e-3f,
                     .tau_i = 10e-3f,
                     .rest = -65e-3f,
                     .threshold = -50e-3f,
                     .reset = -65e-3f,
                     .refractory = 2e-3f};
    float lateral_inhibition = 5e-3f;         // V taken from gi of every other action's neurons per spike
    float weight_lo = 0.4f, weight_hi = 0.6f; // initial weights uniform in [lo, hi) · w_max
    RewardStdpParams learning{.tau_eligibility = 0.2f, .w_max = 8e-3f};
    // Its actions and neurons per action are taken from the fields above. A small floor: exploration comes
    // mostly from the spikes themselves, since an action the floor picks while its group is silent gets no
    // eligibility, and the reward it earns would credit the group that did fire.
    ReadoutConfig readout{.floor = 0.02f};
};

class AgentNetwork {
  public:
    AgentNetwork(AgentConfig config, std::uint64_t seed);

    // One cycle: sources fire, outputs integrate and fire, spikes are delivered (acting from the next cycle),
    // eligibility and the readout's window take in the cycle. Allocates nothing once `spiked` has room.
    void step(std::vector<std::uint32_t>& spiked);

    void set_rate(std::uint32_t channel, float hz) { inputs_[channel].set_rate(hz); }
    float rate(std::uint32_t channel) const { return inputs_[channel].rate(); }
    void set_threshold_shift(float volts);
    void set_readout_window(int cycles) { readout_.set_window(cycles); }
    void set_reward_lr(float lr) { learning_.set_reward_lr(lr); }

    std::span<const float> probabilities() { return readout_.probabilities(); }
    // Draws the action from the readout's window; last_probabilities() then holds what it was drawn from.
    int decide() { return readout_.choose(); }
    float reinforce(float reward) { return learning_.reinforce(reward); }

    const AgentConfig& config() const { return config_; }
    int actions() const { return static_cast<int>(config_.action_names.size()); }
    std::uint32_t inputs() const { return config_.channels * config_.neurons_per_channel; }
    std::uint32_t outputs() const { return static_cast<std::uint32_t>(output_.size()); }
    std::uint64_t cycles() const { return cycles_; }
    const RewardStdp& learning() const { return learning_; }
    const ActionReadout& readout() const { return readout_; }
    const LifPopulation& output() const { return output_; }

    std::span<const PopulationInfo> populations() const { return populations_; }
    std::size_t neurons() const { return inputs() + outputs(); }
    std::size_t synapses() const { return learning_.size(); }
    float membrane(std::uint32_t neuron) const;
    bool finite() const;
    void targets(std::uint32_t neuron, std::vector<std::uint32_t>& out) const;

  private:
    AgentConfig config_;
    std::vector<PoissonInput> inputs_;
    LifPopulation output_;
    RewardStdp learning_;
    ActionReadout readout_;
    std::vector<PopulationInfo> populations_;
    std::vector<std::uint32_t> input_spikes_, output_spikes_;
    float threshold_shift_ = 0.f;
    std::uint64_t cycles_ = 0;
};

} // namespace phasor
