// Song, Miller & Abbott's STDP network as Brian2's example writes it (see song_circuit.hpp).
#include "engine/spiking/song_circuit.hpp"

#include "engine/core/rng.hpp"

#include <cmath>
#include <limits>
#include <numeric>

namespace phasor {

namespace {

constexpr float kTauM = 10e-3f, kTauE = 5e-3f;                                    // s
constexpr float kEe = 0.f, kEl = -74e-3f, kThreshold = -54e-3f, kReset = -60e-3f; // V

StdpSynapses all_to_one(const SongConfig& config, const SpikingSettings& settings) {
    std::vector<std::uint32_t> rows(std::size_t{config.inputs} + 1);
    std::iota(rows.begin(), rows.end(), 0u);
    Rng rng(config.seed);
    std::vector<float> w(config.inputs);
    for (float& x : w) x = rng.uniform() * config.g_max; // S.w = 'rand() * gmax'
    return StdpSynapses(config.inputs, 1, rows, std::vector<std::uint32_t>(config.inputs, 0), std::move(w),
                        stdp_rule(settings, config.g_max), config.dt);
}

} // namespace

SongCircuit::SongCircuit(SongConfig config, const SpikingSettings& settings)
    : config_(config), inputs_(config.inputs, settings.input_rate, config.dt, config.seed * 2 + 1),
      synapses_(all_to_one(config, settings)) {
    populations_ = {PopulationInfo{"Poisson inputs", 0, config.inputs, true, true},
                    PopulationInfo{"output", config.inputs, 1, true, false}};
    pre_.reserve(config.inputs);
    post_.reserve(1);
    apply(settings);
}

void SongCircuit::apply(const SpikingSettings& settings) {
    inputs_.set_rate(settings.input_rate);
    threshold_ = kThreshold + settings.threshold_shift;
    synapses_.set_rule(stdp_rule(settings, config_.g_max));
}

void SongCircuit::step(std::vector<std::uint32_t>& spiked) {
    spiked.clear();
    pre_.clear();
    post_.clear();
    // Brian's schedule: state update (Euler from the old values), thresholds (the neuron's and the inputs'),
    // synapses (on_pre before on_post), reset.
    const float dt = config_.dt;
    const float v = v_, ge = ge_;
    v_ = v + dt * (ge * (kEe - v) + kEl - v) / kTauM;
    ge_ = ge + dt * (-ge / kTauE);
    if (v_ > threshold_) post_.push_back(0);
    inputs_.step(pre_);
    synapses_.deliver(pre_, std::span<float>(&ge_, 1));
    synapses_.step(pre_, post_);
    if (!post_.empty()) v_ = kReset;
    spiked.assign(pre_.begin(), pre_.end());
    if (!post_.empty()) spiked.push_back(config_.inputs);
    ++cycle_;
}

float SongCircuit::membrane(std::uint32_t neuron) const {
    return neuron == config_.inputs ? v_ : std::numeric_limits<float>::quiet_NaN();
}

bool SongCircuit::finite() const {
    if (!std::isfinite(v_) || !std::isfinite(ge_)) return false;
    for (float w : synapses_.weights())
        if (!std::isfinite(w)) return false;
    return true;
}

void SongCircuit::targets(std::uint32_t neuron, std::vector<std::uint32_t>& out) const {
    if (neuron < config_.inputs)
        for (std::uint32_t t : synapses_.targets(neuron)) out.push_back(config_.inputs + t);
}

} // namespace phasor
