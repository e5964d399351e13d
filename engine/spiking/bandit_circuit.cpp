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
    : config_(std::move(config)), network_(agent_for(config_), config_.seed),
      payout_(config_.seed ^ 0xba4d17ull), probability_(config_.arm_probability.size(), 0.f) {
    if (config_.arm_probability.size() < 2 || config_.decision_cycles < 1)
        throw std::invalid_argument("BanditCircuit: two arms or more, a decision period of a cycle or more");
    for (float p : config_.arm_probability)
        if (!(p >= 0 && p <= 1))
            throw std::invalid_argument("BanditCircuit: the arms pay with a probability");
    const float uniform = 1.f / static_cast<float>(probability_.size());
    std::fill(probability_.begin(), probability_.end(), uniform);
}

void BanditCircuit::apply(const SpikingSettings& settings) {
    network_.set_readout_window(settings.readout_window);
    network_.set_reward_lr(settings.reward_lr);
    network_.set_rate(0, settings.input_rate);
    network_.set_threshold_shift(settings.threshold_shift);
}

int BanditCircuit::best_arm() const {
    const auto& p = config_.arm_probability;
    return static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
}

void BanditCircuit::step(std::vector<std::uint32_t>& spiked) {
    network_.step(spiked);
    if (network_.cycles() % static_cast<std::uint64_t>(config_.decision_cycles) == 0) decide();
}

void BanditCircuit::decide() {
    action_ = network_.decide();
    const auto p = network_.readout().last_probabilities();
    std::copy(p.begin(), p.end(), probability_.begin());
    last_reward_ = payout_.uniform() < config_.arm_probability[action_] ? 1.f : 0.f;
    network_.reinforce(last_reward_);
    const std::size_t slot = decisions_ % kRecent;
    chose_best_[slot] = action_ == best_arm();
    reward_[slot] = last_reward_;
    ++decisions_;
    if (config_.swap_after > 0 && decisions_ == config_.swap_after)
        std::reverse(config_.arm_probability.begin(), config_.arm_probability.end());
}

double BanditCircuit::best_arm_fraction() const {
    const std::size_t n = std::min<std::uint64_t>(decisions_, kRecent);
    return n ? static_cast<double>(std::count(chose_best_.begin(), chose_best_.begin() + n, true)) / n : 0.0;
}

double BanditCircuit::reward_rate() const {
    const std::size_t n = std::min<std::uint64_t>(decisions_, kRecent);
    double sum = 0;
    for (std::size_t k = 0; k < n; ++k) sum += reward_[k];
    return n ? sum / static_cast<double>(n) : 0.0;
}

const EnvironmentState* BanditCircuit::environment() const {
    EnvironmentState& e = environment_;
    e.kind = "bandit";
    e.action_names = network_.config().action_names;
    e.action_probability = probability_;
    e.arm_reward = config_.arm_probability;
    e.action = action_;
    e.reward = last_reward_;
    e.reward_rate = static_cast<float>(reward_rate());
    e.decisions = decisions_;
    e.status = decisions_
                   ? fmt::format("arm {} (the best) chosen {:.0f} % of the last {}, reward rate {:.2f}",
                                 best_arm() + 1, 100 * best_arm_fraction(),
                                 std::min<std::uint64_t>(decisions_, kRecent), reward_rate())
                   : "no decision yet";
    return &e;
}

void BanditCircuit::figures(std::vector<std::pair<std::string, double>>& out) const {
    out.emplace_back("decisions", static_cast<double>(decisions_));
    out.emplace_back("reward_rate", reward_rate());
    out.emplace_back("best_arm_fraction", best_arm_fraction());
    out.emplace_back("baseline", network_.learning().baseline());
}

} // namespace phasor
