// The spiking agent at a k-armed bandit (see bandit_circuit.hpp).
#include "engine/spiking/bandit_circuit.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <stdexcept>

namespace phasor {

namespace {

AgentConfig agent_for(const BanditConfig& config) {
    AgentConfig a = config.agent;
    a.action_names.clear();
    for (std::size_t k = 0; k < config.arm_probability.size(); ++k)
        a.action_names.push_back(fmt::format("arm {}", k + 1));
    return a;
}

} // namespace

BanditCircuit::BanditCircuit(BanditConfig config)
    : AgentCircuit(agent_for(config), config.seed, config.decision_cycles), config_(std::move(config)),
      payout_(config_.seed ^ 0xba4d17ull) {
    if (config_.arm_probability.size() < 2) throw std::invalid_argument("BanditCircuit: two arms or more");
    for (float p : config_.arm_probability)
        if (!(p >= 0 && p <= 1))
            throw std::invalid_argument("BanditCircuit: the arms pay with a probability");
}

void BanditCircuit::apply(const SpikingSettings& settings) {
    apply_to_network(settings);
    network_.set_rate(0, settings.input_rate);
}

int BanditCircuit::best_arm() const {
    const auto& p = config_.arm_probability;
    return static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
}

float BanditCircuit::act(int action) {
    const float reward = payout_.uniform() < config_.arm_probability[action] ? 1.f : 0.f;
    chose_best_[decisions() % kRecent] = action == best_arm();
    if (config_.swap_after > 0 && decisions() + 1 == config_.swap_after)
        std::reverse(config_.arm_probability.begin(), config_.arm_probability.end());
    return reward;
}

double BanditCircuit::best_arm_fraction() const {
    const std::size_t n = std::min<std::uint64_t>(decisions(), kRecent);
    return n ? static_cast<double>(std::count(chose_best_.begin(), chose_best_.begin() + n, true)) / n : 0.0;
}

const EnvironmentState* BanditCircuit::environment() const {
    EnvironmentState& e = decision_state();
    e.kind = "bandit";
    e.arm_reward = config_.arm_probability;
    e.status = decisions()
                   ? fmt::format("arm {} (the best) chosen {:.0f} % of the last {}, reward rate {:.2f}",
                                 best_arm() + 1, 100 * best_arm_fraction(),
                                 std::min<std::uint64_t>(decisions(), kRecent), reward_rate())
                   : "no decision yet";
    return &e;
}

void BanditCircuit::more_figures(std::vector<std::pair<std::string, double>>& out) const {
    out.emplace_back("best_arm_fraction", best_arm_fraction());
}

} // namespace phasor
