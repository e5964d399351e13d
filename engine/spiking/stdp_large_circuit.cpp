// The large STDP benchmark network (see stdp_large_circuit.hpp).
#include "engine/spiking/stdp_large_circuit.hpp"

#include "engine/core/rng.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace phasor {

LifParams stdp_large_neuron() {
    return LifParams{.tau_m = 20e-3f,
                     .tau_e = 5e-3f,
                     .tau_i = 10e-3f,
                     .rest = -60e-3f,
                     .threshold = -50e-3f,
                     .reset = -60e-3f,
                     .refractory = 5e-3f};
}

namespace {

StdpSynapses fixed_fan_out(const StdpLargeConfig& c, const SpikingSettings& settings, Rng& rng) {
    if (c.fan_out > c.neurons) throw std::invalid_argument("StdpLargeCircuit: fan-out above the neurons");
    std::vector<std::uint32_t> rows(std::size_t{c.inputs} + 1), target;
    target.reserve(std::size_t{c.inputs} * c.fan_out);
    // Distinct targets by rejection against a stamp per neuron (the fan-out is a small part of the neurons);
    // sorted rows keep delivery moving forward through the targets' state.
    std::vector<std::uint32_t> stamp(c.neurons, std::numeric_limits<std::uint32_t>::max());
    for (std::uint32_t i = 0; i < c.inputs; ++i) {
        rows[i] = static_cast<std::uint32_t>(target.size());
        for (std::uint32_t n = 0; n < c.fan_out;) {
            const auto t = static_cast<std::uint32_t>(rng.below(static_cast<int>(c.neurons)));
            if (stamp[t] == i) continue;
            stamp[t] = i;
            target.push_back(t);
            ++n;
        }
        std::sort(target.begin() + rows[i], target.end());
    }
    rows[c.inputs] = static_cast<std::uint32_t>(target.size());
    std::vector<float> w(target.size());
    for (float& x : w) x = rng.uniform() * c.w_max;
    return StdpSynapses(c.inputs, c.neurons, rows, std::move(target), std::move(w),
                        stdp_rule(settings, c.w_max), c.dt);
}

} // namespace

StdpLargeCircuit::StdpLargeCircuit(StdpLargeConfig config, const SpikingSettings& settings)
    : config_(config), inputs_(config.inputs, settings.input_rate, config.dt, config.seed * 2 + 1),
      population_(config.neurons, stdp_large_neuron(), config.dt) {
    Rng rng(config.seed);
    const LifParams p = stdp_large_neuron();
    for (float& v : population_.v) v = p.reset + rng.uniform() * (p.threshold - p.reset);
    synapses_ = fixed_fan_out(config, settings, rng);
    populations_ = {PopulationInfo{"Poisson inputs", 0, config.inputs, true, true},
                    PopulationInfo{"excitatory", config.inputs, config.neurons, true, false}};
    pre_.reserve(config.inputs);
    post_.reserve(config.neurons);
    apply(settings);
}

void StdpLargeCircuit::apply(const SpikingSettings& settings) {
    inputs_.set_rate(settings.input_rate);
    population_.set_threshold(stdp_large_neuron().threshold + settings.threshold_shift);
    synapses_.set_rule(stdp_rule(settings, config_.w_max));
}

void StdpLargeCircuit::step(std::vector<std::uint32_t>& spiked) {
    // Brian's schedule: integrate and threshold every group, then the synapses (on_pre, then on_post).
    pre_.clear();
    population_.step(post_);
    inputs_.step(pre_);
    synapses_.deliver(pre_, population_.ge);
    synapses_.step(pre_, post_);
    spiked.assign(pre_.begin(), pre_.end());
    for (std::uint32_t k : post_) spiked.push_back(config_.inputs + k);
    ++cycle_;
}

float StdpLargeCircuit::membrane(std::uint32_t neuron) const {
    return neuron >= config_.inputs ? population_.v[neuron - config_.inputs]
                                    : std::numeric_limits<float>::quiet_NaN();
}

bool StdpLargeCircuit::finite() const {
    const auto ok = [](float x) { return std::isfinite(x); };
    return std::all_of(population_.v.begin(), population_.v.end(), ok) &&
           std::all_of(population_.ge.begin(), population_.ge.end(), ok) &&
           std::all_of(synapses_.weights().begin(), synapses_.weights().end(), ok);
}

void StdpLargeCircuit::targets(std::uint32_t neuron, std::vector<std::uint32_t>& out) const {
    if (neuron < config_.inputs)
        for (std::uint32_t t : synapses_.targets(neuron)) out.push_back(config_.inputs + t);
}

} // namespace phasor
