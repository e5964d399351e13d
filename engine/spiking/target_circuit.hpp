// A spiking agent on a line [0, length] that moves toward a target. What it sees is the target's signed
// offset (target − position) coded by channels of Poisson sources with Gaussian tuning over [−length,
// length], so each move changes what the network sees next. Every decision period the readout picks "left" or
// "right", the agent steps, and it is rewarded 1 when the step brought it closer (0 otherwise); reaching the
// target (within half a step) scores a hit and a new target is drawn. Reward-modulated STDP has to learn
// which channels should drive which action: a mapping from what it sees to what it does, not a bias.
#pragma once
#include "engine/spiking/agent_network.hpp"

#include <array>

namespace phasor {

struct TargetConfig {
    float length = 1.f, step = 0.05f; // m; positions and targets lie on the grid of steps
    float min_distance = 0.2f;        // m: a new target is at least this far from the agent
    std::uint32_t channels = 9, neurons_per_channel = 20; // offsets −length .. +length, evenly
    int decision_cycles = 200;
    AgentConfig agent{}; // its channels, action names and input rate are set from the fields here
    std::uint64_t seed = 1;
};

class TargetCircuit final : public Circuit {
  public:
    static constexpr int kRecent = 50; // decisions the reward rate averages over

    explicit TargetCircuit(TargetConfig config);

    std::unique_ptr<Circuit> clone() const override { return std::make_unique<TargetCircuit>(*this); }
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
    std::uint64_t hits() const { return hits_; }
    float position() const { return position_; }
    float target() const { return target_; }
    // The mean reward over the last kRecent decisions (fewer at the start).
    double reward_rate() const override;
    const AgentNetwork& network() const { return network_; }

  private:
    TargetConfig config_;
    AgentNetwork network_;
    Rng world_;
    float peak_rate_ = 15.f;
    float position_ = 0.f, target_ = 0.f;
    std::vector<float> probability_;
    std::array<float, kRecent> reward_{};
    std::uint64_t decisions_ = 0, hits_ = 0;
    int action_ = -1;
    float last_reward_ = 0.f;
    mutable EnvironmentState environment_; // filled when asked, so that stepping formats nothing

    void decide();
    void place_target();
    void sense(); // the channels' rates for the offset now
};

} // namespace phasor
