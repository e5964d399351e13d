// The spiking agent moving toward a target (see target_circuit.hpp).
#include "engine/spiking/target_circuit.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

namespace phasor {

namespace {

AgentConfig agent_for(const TargetConfig& config) {
    AgentConfig a = config.agent;
    a.input_name = "target offset";
    a.channels = config.channels;
    a.neurons_per_channel = config.neurons_per_channel;
    a.action_names = {"left", "right"};
    return a;
}

} // namespace

TargetCircuit::TargetCircuit(TargetConfig config)
    : AgentCircuit(agent_for(config), config.seed, config.decision_cycles), config_(std::move(config)),
      world_(config_.seed ^ 0x7a49e7ull), peak_rate_(config_.agent.input_rate) {
    if (!(config_.step > 0) || !(config_.length >= 4 * config_.step) || config_.channels < 2 ||
        !(config_.min_distance >= config_.step && config_.min_distance <= config_.length / 2))
        throw std::invalid_argument("TargetCircuit: a line of four steps or more, two channels or more, a "
                                    "target distance between a step and half the line");
    const int cells = static_cast<int>(std::lround(config_.length / config_.step));
    position_ = static_cast<float>(world_.below(cells + 1)) * config_.step;
    place_target();
    sense();
}

void TargetCircuit::place_target() {
    const int cells = static_cast<int>(std::lround(config_.length / config_.step));
    do {
        target_ = static_cast<float>(world_.below(cells + 1)) * config_.step;
    } while (std::abs(target_ - position_) < config_.min_distance - 0.5f * config_.step);
}

void TargetCircuit::sense() {
    const float offset = target_ - position_,
                spacing = 2 * config_.length / static_cast<float>(config_.channels - 1);
    // A tuning width of one spacing keeps the summed drive nearly the same wherever the target is.
    for (std::uint32_t c = 0; c < config_.channels; ++c) {
        const float z = (offset - (-config_.length + static_cast<float>(c) * spacing)) / spacing;
        network_.set_rate(c, peak_rate_ * std::exp(-0.5f * z * z));
    }
}

void TargetCircuit::apply(const SpikingSettings& settings) {
    apply_to_network(settings);
    if (settings.input_rate != peak_rate_) {
        peak_rate_ = settings.input_rate;
        sense();
    }
}

float TargetCircuit::act(int action) {
    const float before = std::abs(target_ - position_);
    position_ = std::clamp(position_ + (action == 0 ? -config_.step : config_.step), 0.f, config_.length);
    const float after = std::abs(target_ - position_);
    if (after < 0.5f * config_.step) {
        ++hits_;
        place_target();
    }
    sense();
    return after < before - 0.25f * config_.step ? 1.f : 0.f;
}

const EnvironmentState* TargetCircuit::environment() const {
    EnvironmentState& e = decision_state();
    e.kind = "target";
    e.position = position_;
    e.length = config_.length;
    e.target = target_;
    e.status = fmt::format("{} targets reached in {} moves, closer on {:.0f} % of the last {}", hits_,
                           decisions(), 100 * reward_rate(), std::min<std::uint64_t>(decisions(), kRecent));
    return &e;
}

void TargetCircuit::more_figures(std::vector<std::pair<std::string, double>>& out) const {
    out.emplace_back("targets_reached", static_cast<double>(hits_));
}

} // namespace phasor
