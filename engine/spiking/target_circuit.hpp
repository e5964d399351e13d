// A spiking agent on a line [0, length] that moves toward a target. What it sees is the target's signed
// offset (target − position) coded by channels of Poisson sources with Gaussian tuning over [−length,
// length], so each move changes what the network sees next. Every decision period the readout picks "left" or
// "right", the agent steps, and it is rewarded 1 when the step brought it closer (0 otherwise); reaching the
// target (within half a step) scores a hit and a new target is drawn. Reward-modulated STDP has to learn
// which channels should drive which action: a mapping from what it sees to what it does, not a bias.
#pragma once
#include "engine/spiking/agent_circuit.hpp"

namespace phasor {

struct TargetConfig {
    float length = 1.f, step = 0.05f; // m; positions and targets lie on the grid of steps
    float min_distance = 0.2f;        // m: a new target is at least this far from the agent
    std::uint32_t channels = 9, neurons_per_channel = 20; // offsets −length .. +length, evenly
    int decision_cycles = 200;
    AgentConfig agent{}; // its channels, action names and input rate are set from the fields here
    std::uint64_t seed = 1;
};

class TargetCircuit final : public AgentCircuit {
  public:
    explicit TargetCircuit(TargetConfig config);

    std::unique_ptr<Circuit> clone() const override { return std::make_unique<TargetCircuit>(*this); }
    void apply(const SpikingSettings& settings) override;
    const EnvironmentState* environment() const override;

    std::uint64_t hits() const { return hits_; }
    float position() const { return position_; }
    float target() const { return target_; }

  private:
    TargetConfig config_;
    Rng world_;
    float peak_rate_ = 15.f;
    float position_ = 0.f, target_ = 0.f;
    std::uint64_t hits_ = 0;

    float act(int action) override;
    void more_figures(std::vector<std::pair<std::string, double>>& out) const override;
    void place_target();
    void sense(); // the channels' rates for the offset now
};

} // namespace phasor
