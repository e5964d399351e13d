// What the environment circuits share: an AgentNetwork that decides every decision period, the readout's
// probabilities, the reward each decision earned and its moving average, and the Circuit interface answered
// by the network. An environment says only what an action does (act) and how it looks.
#pragma once
#include "engine/spiking/agent_network.hpp"

#include <array>

namespace phasor {

class AgentCircuit : public Circuit {
  public:
    static constexpr int kRecent = 50; // decisions the moving averages cover

    void step(std::vector<std::uint32_t>& spiked) final;
    std::uint64_t cycles() const final { return network_.cycles(); }
    float dt() const final { return network_.config().dt; }
    std::span<const PopulationInfo> populations() const final { return network_.populations(); }
    std::size_t neurons() const final { return network_.neurons(); }
    std::size_t synapses() const final { return network_.synapses(); }
    double bytes_per_synapse() const final { return RewardStdp::kStateBytesPerSynapse; }
    float membrane(std::uint32_t neuron) const final { return network_.membrane(neuron); }
    bool finite() const final { return network_.finite(); }
    void targets(std::uint32_t neuron, std::vector<std::uint32_t>& out) const final {
        network_.targets(neuron, out);
    }
    std::span<const float> plastic_weights() const final { return network_.learning().weights(); }
    float weight_max() const final { return network_.learning().params().w_max; }
    // The mean reward over the last kRecent decisions (fewer at the start).
    double reward_rate() const final;
    // decisions and reward_rate, the environment's own (more_figures), and the reward baseline.
    void figures(std::vector<std::pair<std::string, double>>& out) const final;

    std::uint64_t decisions() const { return decisions_; }
    const AgentNetwork& network() const { return network_; }

  protected:
    AgentCircuit(const AgentConfig& agent, std::uint64_t seed, int decision_cycles);

    // The environment's answer to the action just drawn (decisions() is still the count before it): the
    // reward it pays. What the agent sees next is set here too.
    virtual float act(int action) = 0;
    virtual void more_figures(std::vector<std::pair<std::string, double>>& out) const = 0;
    // The live settings every agent takes: readout window, reward learning rate, threshold shift.
    void apply_to_network(const SpikingSettings& settings);
    // The environment state with the decision's fields filled; the caller adds its kind and picture.
    EnvironmentState& decision_state() const;

    AgentNetwork network_;

  private:
    int decision_cycles_;
    std::vector<float> probability_; // the readout's at the last decision
    std::array<float, kRecent> reward_{};
    std::uint64_t decisions_ = 0;
    int action_ = -1;
    float last_reward_ = 0.f;
    mutable EnvironmentState environment_; // filled when asked, so that stepping formats nothing

    void decide();
};

} // namespace phasor
