// A k-armed bandit played by a spiking agent: Poisson sources drive one output group per arm; every decision
// period the readout turns the last C cycles of output spikes into an arm, the arm pays 1 with its own
// probability (else 0), and reward-modulated STDP turns that into weight change, so the agent comes to prefer
// the better arm. The arms' probabilities may be reversed after some decisions, to show relearning.
#pragma once
#include "engine/spiking/agent_circuit.hpp"

#include <array>

namespace phasor {

struct BanditConfig {
    std::vector<float> arm_probability = {0.8f, 0.2f};
    int decision_cycles = 200;    // one decision every 0.2 s at the default 1 ms cycle
    std::uint64_t swap_after = 0; // decisions after which the arms' probabilities are reversed; 0: never
    AgentConfig agent{};          // its action names become "arm 1", "arm 2", ...
    std::uint64_t seed = 1;
};

class BanditCircuit final : public AgentCircuit {
  public:
    explicit BanditCircuit(BanditConfig config);

    std::unique_ptr<Circuit> clone() const override { return std::make_unique<BanditCircuit>(*this); }
    void apply(const SpikingSettings& settings) override;
    const EnvironmentState* environment() const override;

    // The arm paying most now, and the share of the last kRecent decisions (fewer at the start) that chose
    // it.
    int best_arm() const;
    double best_arm_fraction() const;

  private:
    BanditConfig config_;
    Rng payout_;
    std::array<bool, kRecent> chose_best_{};

    float act(int action) override;
    void more_figures(std::vector<std::pair<std::string, double>>& out) const override;
};

} // namespace phasor
