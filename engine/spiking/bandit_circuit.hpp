// A k-armed bandit played by a spiking agent: Poisson sources drive one output group per arm; every decision
// period the readout turns the last C cycles of output spikes into an arm, the arm pays 1 with its own
// probability (else 0), and reward-modulated STDP turns that into weight change, so the agent comes to prefer
// the better arm. The arms' probabilities may be reversed after some decisions, to show relearning.
#pragma once
#include "engine/spiking/agent_network.hpp"

#include <array>

namespace phasor {

struct BanditConfig {
    std::vector<float> arm_probability = {0.8f, 0.2f};
    int decision_cycles = 200;    // one decision every 0.2 s at the default 1 ms cycle
    std::uint64_t swap_after = 0; // decisions after which the arms' probabilities are reversed; 0: never
    AgentConfig agent{};          // its action names become "arm 1", "arm 2", ...
    std::uint64_t seed = 1;
};

class BanditCircuit final : public Circuit {
  public:
    static constexpr int kRecent = 50; // decisions the recent figures average over

    explicit BanditCircuit(BanditConfig config);

    std::unique_ptr<Circuit> clone() const override { return std::make_unique<BanditCircuit>(*this); }
    void step(std::vector<std::uint32_t>& spiked) override;
    void apply(const SpikingSettings& settings) override;
    std::uint64_t cycles() const override { return network_.cycles(); }
    float dt() const override { return config_.agent.dt; }
    std::span<const PopulationInfo> populations() const override { return network_.populations(); }
    std::size_t neurons() const override { return network_.neurons(); }
    std::size_t synapses() const override { return network_.synapses(); }
    double bytes_per_synapse() const override { return RewardStdp::kStateBytesPerSynapse; }
    float membrane(std::uint32_t neuron) const override { return network_.membrane(neuron); }
    bool finite() const override { return network_.finite(); }
    void targets(std::uint32_t neuron, std::vector<std::uint32_t>& out) const override {
        network_.targets(neuron, out);
    }
    std::span<const float> plastic_weights() const override { return network_.learning().weights(); }
    float weight_max() const override { return network_.learning().params().w_max; }
    const EnvironmentState* environment() const override;
    void figures(std::vector<std::pair<std::string, double>>& out) const override;

    std::uint64_t decisions() const { return decisions_; }
    // The arm paying most now, and the share of the last kRecent decisions (fewer at the start) that chose
    // it; the mean reward over the same decisions.
    int best_arm() const;
    double best_arm_fraction() const;
    double reward_rate() const override;
    const AgentNetwork& network() const { return network_; }

  private:
    BanditConfig config_;
    AgentNetwork network_;
    Rng payout_;
    std::vector<float> probability_; // the readout's at the last decision
    std::array<bool, kRecent> chose_best_{};
    std::array<float, kRecent> reward_{};
    std::uint64_t decisions_ = 0;
    int action_ = -1;
    float last_reward_ = 0.f;
    mutable EnvironmentState environment_; // filled when asked, so that stepping formats nothing

    void decide();
};

} // namespace phasor
