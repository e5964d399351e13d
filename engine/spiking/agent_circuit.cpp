// The decision loop the environment circuits share (see agent_circuit.hpp).
#include "engine/spiking/agent_circuit.hpp"

#include <algorithm>
#include <stdexcept>

namespace phasor {

AgentCircuit::AgentCircuit(const AgentConfig& agent, std::uint64_t seed, int decision_cycles)
    : network_(agent, seed), decision_cycles_(decision_cycles),
      probability_(agent.action_names.size(), 1.f / static_cast<float>(agent.action_names.size())) {
    if (decision_cycles < 1)
        throw std::invalid_argument("AgentCircuit: a decision period of a cycle or more");
}

void AgentCircuit::apply_to_network(const SpikingSettings& settings) {
    network_.set_readout_window(settings.readout_window);
    network_.set_reward_lr(settings.reward_lr);
    network_.set_threshold_shift(settings.threshold_shift);
}

void AgentCircuit::step(std::vector<std::uint32_t>& spiked) {
    network_.step(spiked);
    if (network_.cycles() % static_cast<std::uint64_t>(decision_cycles_) == 0) decide();
}

void AgentCircuit::decide() {
    action_ = network_.decide();
    const auto p = network_.readout().last_probabilities();
    std::copy(p.begin(), p.end(), probability_.begin());
    last_reward_ = act(action_);
    network_.reinforce(last_reward_);
    reward_[decisions_ % kRecent] = last_reward_;
    ++decisions_;
}

double AgentCircuit::reward_rate() const {
    const std::size_t n = std::min<std::uint64_t>(decisions_, kRecent);
    double sum = 0;
    for (std::size_t k = 0; k < n; ++k) sum += reward_[k];
    return n ? sum / static_cast<double>(n) : 0.0;
}

EnvironmentState& AgentCircuit::decision_state() const {
    EnvironmentState& e = environment_;
    e.action_names = network_.config().action_names;
    e.action_probability = probability_;
    e.action = action_;
    e.reward = last_reward_;
    e.reward_rate = static_cast<float>(reward_rate());
    e.decisions = decisions_;
    return e;
}

void AgentCircuit::figures(std::vector<std::pair<std::string, double>>& out) const {
    out.emplace_back("decisions", static_cast<double>(decisions_));
    out.emplace_back("reward_rate", reward_rate());
    more_figures(out);
    out.emplace_back("baseline", network_.learning().baseline());
}

} // namespace phasor
