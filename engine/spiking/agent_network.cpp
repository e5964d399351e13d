// The agent's network: sources, competing action groups, reward-modulated STDP, readout (see
// agent_network.hpp).
#include "engine/spiking/agent_network.hpp"

#include <cmath>
#include <stdexcept>

namespace phasor {

namespace {

ReadoutConfig readout_for(const AgentConfig& config) {
    ReadoutConfig r = config.readout;
    r.actions = static_cast<int>(config.action_names.size());
    r.neurons_per_action = config.neurons_per_action;
    return r;
}

} // namespace

AgentNetwork::AgentNetwork(AgentConfig config, std::uint64_t seed)
    : config_(std::move(config)),
      output_(config_.action_names.size() * config_.neurons_per_action, config_.output, config_.dt),
      learning_(config_.channels * config_.neurons_per_channel, outputs(), config_.learning, config_.dt),
      readout_(readout_for(config_), seed ^ 0x5eadull) {
    if (config_.channels < 1 || config_.neurons_per_channel < 1 || config_.action_names.size() < 2 ||
        !(config_.weight_lo >= 0 && config_.weight_lo <= config_.weight_hi && config_.weight_hi <= 1))
        throw std::invalid_argument("AgentNetwork: sources, two actions or more, initial weights in [0, 1]");
    Rng rng(seed);
    for (std::uint32_t c = 0; c < config_.channels; ++c)
        inputs_.emplace_back(config_.neurons_per_channel, config_.input_rate, config_.dt, rng.next_u64());
    const float w_max = config_.learning.w_max;
    for (float& w : learning_.weights()) w = rng.uniform(config_.weight_lo, config_.weight_hi) * w_max;
    const LifParams& p = config_.output;
    for (float& v : output_.v) v = p.reset + rng.uniform() * (p.threshold - p.reset);

    populations_.push_back({config_.input_name, 0, inputs(), true, true});
    for (std::size_t a = 0; a < config_.action_names.size(); ++a)
        populations_.push_back({config_.action_names[a],
                                inputs() + static_cast<std::uint32_t>(a) * config_.neurons_per_action,
                                config_.neurons_per_action, true, false});
    input_spikes_.reserve(inputs());
    output_spikes_.reserve(outputs());
}

void AgentNetwork::set_threshold_shift(float volts) {
    if (volts == threshold_shift_) return;
    threshold_shift_ = volts;
    output_.set_threshold(config_.output.threshold + volts);
}

void AgentNetwork::step(std::vector<std::uint32_t>& spiked) {
    input_spikes_.clear();
    for (std::uint32_t c = 0; c < config_.channels; ++c)
        inputs_[c].step(input_spikes_, c * config_.neurons_per_channel);
    output_.step(output_spikes_);

    const std::uint32_t n = outputs(), group = config_.neurons_per_action;
    for (std::uint32_t i : input_spikes_) {
        const auto w = learning_.row(i);
        for (std::uint32_t j = 0; j < n; ++j) output_.ge[j] += w[j];
    }
    const float inhibition = config_.lateral_inhibition;
    for (std::uint32_t j : output_spikes_) {
        const std::uint32_t own = j / group * group;
        for (std::uint32_t k = 0; k < n; ++k)
            if (k < own || k >= own + group) output_.gi[k] -= inhibition;
    }
    learning_.step(input_spikes_, output_spikes_);
    readout_.record(output_spikes_, 0);

    spiked.clear();
    spiked.insert(spiked.end(), input_spikes_.begin(), input_spikes_.end());
    for (std::uint32_t j : output_spikes_) spiked.push_back(inputs() + j);
    ++cycles_;
}

float AgentNetwork::membrane(std::uint32_t neuron) const {
    return neuron < inputs() ? NAN : output_.v[neuron - inputs()];
}

bool AgentNetwork::finite() const {
    for (std::size_t k = 0; k < output_.size(); ++k)
        if (!std::isfinite(output_.v[k]) || !std::isfinite(output_.ge[k]) || !std::isfinite(output_.gi[k]))
            return false;
    for (float w : learning_.weights())
        if (!std::isfinite(w)) return false;
    return true;
}

void AgentNetwork::targets(std::uint32_t neuron, std::vector<std::uint32_t>& out) const {
    if (neuron < inputs()) {
        for (std::uint32_t j = 0; j < outputs(); ++j) out.push_back(inputs() + j);
        return;
    }
    // An output neuron's synapses are the lateral inhibition onto the other actions.
    const std::uint32_t group = config_.neurons_per_action, own = (neuron - inputs()) / group * group;
    for (std::uint32_t k = 0; k < outputs(); ++k)
        if (k < own || k >= own + group) out.push_back(inputs() + k);
}

} // namespace phasor
