// Theta–gamma multi-item coding (see theta_gamma_circuit.hpp).
#include "engine/spiking/theta_gamma_circuit.hpp"

#include "engine/spiking/phase_code.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace phasor {

namespace {

constexpr float kDegrees = 180.f / std::numbers::pi_v<float>;
constexpr float kPi = std::numbers::pi_v<float>;

// Item cells: a short membrane time constant, so an assembly crosses threshold when its drive does and the
// order of crossing follows the order of drive; the threshold sits 15 mV above rest.
LifParams item_params(const ThetaGammaConfig& config) {
    return {.tau_m = config.item_tau_m,
            .tau_e = 2e-3f,
            .tau_i = config.item_tau_i,
            .rest = -65e-3f,
            .threshold = -50e-3f,
            .reset = -65e-3f,
            .refractory = 3e-3f};
}

// Fast-spiking interneurons: they answer an item's burst within a millisecond or two, before a competing
// item can cross.
LifParams interneuron_params() {
    return {.tau_m = 5e-3f,
            .tau_e = 1e-3f,
            .tau_i = 5e-3f,
            .rest = -65e-3f,
            .threshold = -50e-3f,
            .reset = -65e-3f,
            .refractory = 2e-3f};
}

} // namespace

ThetaGammaCircuit::ThetaGammaCircuit(ThetaGammaConfig config, const SpikingSettings& settings)
    : config_(config),
      items_(std::size_t{config.items} * config.cells_per_item, item_params(config), config.dt),
      interneurons_(config.interneurons, interneuron_params(), config.dt),
      rhythm_(settings.theta_hz, settings.gamma_per_theta, config.dt),
      background_(config.items * config.cells_per_item * config.inputs_per_cell, 0.f, config.dt,
                  config.seed * 1000003u + 17u) {
    if (config.items == 0 || config.items > kMaxItems || config.cells_per_item == 0 ||
        config.interneurons == 0 || config.inputs_per_cell == 0 || !(config.adp_peak_theta > 0))
        throw std::invalid_argument("ThetaGammaCircuit: needs 1-7 items, cells, interneurons and inputs");
    const std::uint32_t cells = config.items * config.cells_per_item;
    for (std::uint32_t k = 0; k < config.items; ++k)
        info_.push_back({.name = fmt::format("item {}", k + 1),
                         .first = k * config.cells_per_item,
                         .size = config.cells_per_item});
    info_.push_back(
        {.name = "interneurons", .first = cells, .size = config.interneurons, .excitatory = false});
    const LifParams& p = items_.params();
    // Mean ge is rate · inputs · weight · τe; the weight puts it at background_drive at the reference rate.
    background_weight_ = config.background_drive /
                         (config.reference_rate * static_cast<float>(config.inputs_per_cell) * p.tau_e);
    item_threshold_ = p.threshold;
    interneuron_threshold_ = interneurons_.params().threshold;
    decay_e_ = std::exp(-config.dt / p.tau_e);
    decay_i_ = std::exp(-config.dt / p.tau_i);
    // No item has fired yet, so none has an ADP: the network is silent until cued.
    since_.assign(cells, kNever);
    fired_.reserve(std::size_t{cells} * config.inputs_per_cell);
    item_spikes_.reserve(cells);
    interneuron_spikes_.reserve(config.interneurons);
    apply(settings);
}

void ThetaGammaCircuit::apply(const SpikingSettings& settings) {
    settings_ = settings;
    rhythm_.set_theta_hz(settings.theta_hz);
    rhythm_.set_gamma_per_theta(settings.gamma_per_theta);
    background_.set_rate(settings.input_rate);
    items_.set_threshold(item_threshold_ + settings.threshold_shift);
    interneurons_.set_threshold(interneuron_threshold_ + settings.threshold_shift);
}

std::size_t ThetaGammaCircuit::synapses() const {
    const std::size_t n = config_.cells_per_item, cells = items_.size();
    return config_.items * n * (n - 1) + 2 * cells * interneurons_.size() + cells * config_.inputs_per_cell;
}

float ThetaGammaCircuit::membrane(std::uint32_t neuron) const {
    return neuron < items_.size() ? items_.v[neuron] : interneurons_.v[neuron - items_.size()];
}

bool ThetaGammaCircuit::finite() const {
    auto ok = [](const LifPopulation& p) {
        for (std::size_t k = 0; k < p.size(); ++k)
            if (!std::isfinite(p.v[k]) || !std::isfinite(p.ge[k]) || !std::isfinite(p.gi[k])) return false;
        return true;
    };
    return ok(items_) && ok(interneurons_) &&
           std::all_of(since_.begin(), since_.end(), [](float s) { return std::isfinite(s); });
}

// A · (t/tp)^n · e^(n(1 − t/tp)): the response of n equal first-order stages to the spike, peaking at tp.
float ThetaGammaCircuit::adp(float since) const {
    if (since >= kNever) return 0.f;
    const float s = since * rhythm_.theta_hz() / config_.adp_peak_theta;
    return config_.adp_peak * std::pow(s * std::exp(1.f - s), static_cast<float>(config_.adp_stages));
}

void ThetaGammaCircuit::step(std::vector<std::uint32_t>& spiked) {
    spiked.clear();
    rhythm_.advance();
    if (rhythm_.theta_cycles() != open_cycle_) close_theta_cycle();

    const std::uint32_t n = config_.cells_per_item, cells = static_cast<std::uint32_t>(items_.size());
    const int gamma = rhythm_.gamma_per_theta(), slot = rhythm_.gamma_slot();
    const float theta_phase = rhythm_.theta_phase(), gamma_phase = rhythm_.gamma_phase();

    // Last cycle's spikes arrive: each item excites its own cells, all items the interneurons, and the
    // interneurons inhibit every item cell.
    std::uint32_t burst_total = 0;
    for (std::uint32_t k = 0; k < config_.items; ++k) {
        burst_total += burst_[k];
        if (burst_[k] == 0) continue;
        const float excitation = config_.recurrent_weight * static_cast<float>(burst_[k]);
        for (std::uint32_t c = k * n; c < (k + 1) * n; ++c) items_.ge[c] += excitation;
    }
    if (burst_total > 0)
        for (float& ge : interneurons_.ge)
            ge += config_.to_interneuron_weight * static_cast<float>(burst_total);
    const float feedback = config_.feedback_weight * static_cast<float>(feedback_);

    // Pacemaker inhibition: gamma's, lifted in a window mid cycle, opens one window per gamma cycle; theta's
    // closes the windows after the K-th (the last one at least) with a plateau whose edges are raised
    // cosines.
    const float closed_from = static_cast<float>(std::max(1, gamma - static_cast<int>(config_.items)));
    const float edge = config_.theta_edge / static_cast<float>(gamma);
    const float fraction = theta_phase / kTwoPi, onset = 1.f - closed_from / static_cast<float>(gamma);
    float closing = 0.f;
    if (fraction < edge)
        closing = 0.5f * (1.f + std::cos(kPi * fraction / edge));
    else if (fraction >= onset + edge)
        closing = 1.f;
    else if (fraction >= onset)
        closing = 0.5f * (1.f - std::cos(kPi * (fraction - onset) / edge));
    const float theta_inhibition = config_.theta_inhibition * closing;
    const float window = std::pow(pacemaker_pulse(gamma_phase - kPi), config_.gamma_window_power);
    const float inhibition = theta_inhibition + config_.gamma_inhibition * (1.f - window);
    // The cue: in the first theta cycle, item k gets one input volley as gamma window k opens.
    if (rhythm_.theta_cycles() == 0 && next_cue_ < config_.items && slot == static_cast<int>(next_cue_) &&
        gamma_phase >= kPi / 2) {
        for (std::uint32_t c = next_cue_ * n; c < (next_cue_ + 1) * n; ++c)
            items_.ge[c] += config_.cue_volley;
        ++next_cue_;
    }

    for (std::uint32_t c = 0; c < cells; ++c) {
        since_[c] += config_.dt;
        const float drive = adp(since_[c]);
        // Currents fed as (1 − decay) of their value each step hold the synaptic variable at that value.
        items_.ge[c] += (1.f - decay_e_) * drive;
        items_.gi[c] -= (1.f - decay_i_) * inhibition + feedback;
    }
    fired_.clear();
    background_.step(fired_);
    for (std::uint32_t input : fired_) items_.ge[input / config_.inputs_per_cell] += background_weight_;

    items_.step(item_spikes_);
    interneurons_.step(interneuron_spikes_);

    burst_.fill(0);
    for (std::uint32_t c : item_spikes_) {
        const std::uint32_t k = c / n;
        since_[c] = 0.f;
        ++burst_[k];
        slots_[k] |= 1u << std::min(slot, 31);
        ++spikes_[k];
        if (open_cycle_ > 0) {
            slot_sum_[k] += slot;
            ++slot_count_[k];
            phase_cos_[k] += std::cos(theta_phase);
            phase_sin_[k] += std::sin(theta_phase);
        }
        spiked.push_back(c);
    }
    feedback_ = static_cast<std::uint32_t>(interneuron_spikes_.size());
    for (std::uint32_t i : interneuron_spikes_) spiked.push_back(cells + i);
    ++cycles_;
}

// Scores the theta cycle that just ended (the cue's own cycle is not scored) and opens the next.
void ThetaGammaCircuit::close_theta_cycle() {
    if (open_cycle_ > 0) {
        ++scored_;
        bool ordered = true;
        int previous = -1;
        for (std::uint32_t k = 0; k < config_.items; ++k) {
            item_spike_total_ += spikes_[k];
            if (slots_[k] != 0) ++item_fired_;
            if (std::popcount(slots_[k]) != 1) {
                ordered = false;
                continue;
            }
            const int slot = std::countr_zero(slots_[k]);
            if (slot <= previous) ordered = false;
            previous = slot;
        }
        if (ordered) ++in_order_;
    }
    slots_.fill(0);
    spikes_.fill(0);
    open_cycle_ = rhythm_.theta_cycles();
}

void ThetaGammaCircuit::figures(std::vector<std::pair<std::string, double>>& out) const {
    if (scored_ == 0) return;
    const double cycles = static_cast<double>(scored_);
    out.emplace_back("items_in_order", static_cast<double>(in_order_) / cycles);
    out.emplace_back("items_per_cycle", static_cast<double>(item_fired_) / cycles);
    out.emplace_back("spikes_per_item_cycle",
                     static_cast<double>(item_spike_total_) / (cycles * config_.items));
    out.emplace_back("theta_cycles", cycles);
    for (std::uint32_t k = 0; k < config_.items; ++k) {
        if (slot_count_[k] == 0) continue;
        out.emplace_back(fmt::format("mean_gamma_slot_item_{}", k + 1),
                         slot_sum_[k] / static_cast<double>(slot_count_[k]));
        const float phase = wrap_phase(static_cast<float>(std::atan2(phase_sin_[k], phase_cos_[k])));
        out.emplace_back(fmt::format("mean_phase_deg_item_{}", k + 1), phase * kDegrees);
    }
}

} // namespace phasor
