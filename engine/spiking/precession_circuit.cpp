// Place cells precessing against theta (see precession_circuit.hpp).
#include "engine/spiking/precession_circuit.hpp"

#include "engine/spiking/phase_code.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace phasor {

namespace {

constexpr float kDegrees = 180.f / std::numbers::pi_v<float>;

LifParams place_cell_params() {
    // Fast synapses and a short membrane time constant, so a cell crosses threshold when its drive does, not
    // tens of milliseconds later; the threshold sits 15 mV above rest.
    return {.tau_m = 10e-3f,
            .tau_e = 3e-3f,
            .tau_i = 5e-3f,
            .rest = -65e-3f,
            .threshold = -50e-3f,
            .reset = -65e-3f,
            .refractory = 3e-3f};
}

} // namespace

PrecessionCircuit::PrecessionCircuit(PrecessionConfig config, const SpikingSettings& settings)
    : config_(config), info_{.name = "place cells", .first = 0, .size = config.cells},
      cells_(config.cells, place_cell_params(), config.dt),
      rhythm_(settings.theta_hz, settings.gamma_per_theta, config.dt) {
    if (config.cells == 0 || !(config.field_length > 0) || !(config.track_length >= config.field_length) ||
        !(config.speed > 0))
        throw std::invalid_argument("PrecessionCircuit: needs cells, a field within the track and a speed");
    const LifParams& p = cells_.params();
    // Mean ge is rate · inputs · weight · τe; the weight puts it at peak_drive at the reference rate.
    input_weight_ =
        config.peak_drive / (config.reference_rate * static_cast<float>(config.inputs_per_cell) * p.tau_e);
    threshold_ = p.threshold;
    decay_i_ = std::exp(-config.dt / p.tau_i);
    decay_a_ = std::exp(-config.dt / config.adaptation_tau);
    decay_reset_ = std::exp(-config.dt / config.adaptation_reset_tau);
    for (std::uint32_t c = 0; c < config.cells; ++c) {
        const float center = config.field_length / 2 + (config.track_length - config.field_length) *
                                                           (static_cast<float>(c) + 0.5f) /
                                                           static_cast<float>(config.cells);
        centers_.push_back(center);
        offset_.push_back(-config.wave_per_metre * center);
        positions_.push_back({center, 0.f, 0.f});
        inputs_.emplace_back(config.inputs_per_cell, 0.f, config.dt, config.seed * 1000003u + c);
    }
    adaptation_.assign(config.cells, 0.f);
    fired_.reserve(std::size_t{config.cells} * config.inputs_per_cell);
    recorded_.resize(kRecorded);
    apply(settings);
}

void PrecessionCircuit::apply(const SpikingSettings& settings) {
    settings_ = settings;
    rhythm_.set_theta_hz(settings.theta_hz);
    rhythm_.set_gamma_per_theta(settings.gamma_per_theta);
    cells_.set_threshold(threshold_ + settings.threshold_shift);
}

void PrecessionCircuit::step(std::vector<std::uint32_t>& spiked) {
    rhythm_.advance();
    position_ += config_.speed * config_.dt;
    if (position_ >= config_.track_length) {
        position_ -= config_.track_length;
        ++lap_;
    }
    const float half = config_.field_length / 2, trough = config_.theta_trough * kTwoPi;
    const float gamma = config_.gamma_inhibition * pacemaker_pulse(rhythm_.gamma_phase());
    for (std::uint32_t c = 0; c < config_.cells; ++c) {
        const float u = (position_ - (centers_[c] - half)) / config_.field_length;
        const bool inside = u >= 0.f && u < 1.f;
        inputs_[c].set_rate(
            inside ? settings_.input_rate * (config_.ramp_floor + (1.f - config_.ramp_floor) * u) : 0.f);
        fired_.clear();
        inputs_[c].step(fired_);
        cells_.ge[c] += input_weight_ * static_cast<float>(fired_.size());
        // The pacemaker and the adaptation act as currents: feeding (1 − decay) of them each step holds gi
        // at their value, smoothed by τi.
        const float pulse = pacemaker_pulse(rhythm_.theta_phase(offset_[c]), trough);
        const float inhibition = config_.theta_inhibition * pulse + gamma + adaptation_[c];
        cells_.gi[c] -= (1.f - decay_i_) * inhibition;
        // The adaptation current is M-like: it closes fast under the hyperpolarisation of theta's inhibitory
        // peak, so each cycle starts afresh, and slowly otherwise, so a cycle's burst stays at its onset.
        adaptation_[c] *= pulse > config_.adaptation_reset ? decay_reset_ : decay_a_;
    }
    cells_.step(spiked);
    const double theta_turns = static_cast<double>(rhythm_.theta_cycles()) + rhythm_.theta_phase() / kTwoPi;
    for (std::uint32_t c : spiked) {
        adaptation_[c] += config_.adaptation_step;
        const float x = position_ - (centers_[c] - half);
        if (x < 0.f || x >= config_.field_length) continue;
        const double local_turns = theta_turns + offset_[c] / kTwoPi;
        recorded_[record_next_] = {.pass = lap_ * config_.cells + c,
                                   .theta_cycle = static_cast<std::int64_t>(std::floor(local_turns)),
                                   .x = x,
                                   .phase = rhythm_.theta_phase(offset_[c])};
        record_next_ = (record_next_ + 1) % kRecorded;
        ++record_count_;
    }
    ++cycles_;
}

bool PrecessionCircuit::finite() const {
    for (std::size_t k = 0; k < cells_.size(); ++k)
        if (!std::isfinite(cells_.v[k]) || !std::isfinite(cells_.ge[k]) || !std::isfinite(cells_.gi[k]))
            return false;
    return true;
}

std::vector<PrecessionCircuit::FieldSpike> PrecessionCircuit::field_spikes() const {
    std::vector<FieldSpike> out;
    const std::size_t n = std::min(record_count_, kRecorded);
    out.reserve(n);
    const std::size_t first = record_count_ > kRecorded ? record_next_ : 0;
    for (std::size_t k = 0; k < n; ++k) out.push_back(recorded_[(first + k) % kRecorded]);
    return out;
}

const EnvironmentState* PrecessionCircuit::environment() const {
    EnvironmentState& e = environment_;
    e.kind = "track";
    e.position = position_;
    e.length = config_.track_length;
    e.field_centers = centers_;
    e.field_width = config_.field_length;
    int in_field = -1;
    for (std::uint32_t c = 0; c < config_.cells; ++c)
        if (std::abs(position_ - centers_[c]) < config_.field_length / 2) in_field = static_cast<int>(c);
    e.status =
        fmt::format("lap {}, {:.0f} cm/s, {}", lap_ + 1, config_.speed * 100.f,
                    in_field < 0 ? std::string("between fields") : fmt::format("in field {}", in_field + 1));
    return &e;
}

void PrecessionCircuit::figures(std::vector<std::pair<std::string, double>>& out) const {
    std::vector<FieldSpike> spikes = field_spikes();
    // Only whole passes: not the oldest when the ring has overwritten its start, nor one under way.
    const std::uint32_t oldest = spikes.empty() ? 0 : spikes.front().pass;
    const bool wrapped = record_count_ > kRecorded;
    std::erase_if(spikes, [&](const FieldSpike& s) {
        const std::uint32_t cell = s.pass % config_.cells;
        const bool under_way =
            s.pass / config_.cells == lap_ && position_ < centers_[cell] + config_.field_length / 2;
        return under_way || (wrapped && s.pass == oldest);
    });
    std::stable_sort(spikes.begin(), spikes.end(),
                     [](const FieldSpike& a, const FieldSpike& b) { return a.pass < b.pass; });
    std::vector<float> x, phase, first_phases, last_phases;
    double extent = 0.0, cycles = 0.0;
    int passes = 0;
    for (std::size_t a = 0; a < spikes.size();) {
        std::size_t b = a;
        while (b < spikes.size() && spikes[b].pass == spikes[a].pass) ++b;
        float lo = spikes[a].x, hi = spikes[a].x;
        std::int64_t first = spikes[a].theta_cycle, last = first, distinct = 0, previous = first - 1;
        for (std::size_t k = a; k < b; ++k) {
            lo = std::min(lo, spikes[k].x), hi = std::max(hi, spikes[k].x);
            first = std::min(first, spikes[k].theta_cycle), last = std::max(last, spikes[k].theta_cycle);
            // Spikes of one pass come in time order, so their cycles never go back.
            if (spikes[k].theta_cycle != previous) ++distinct, previous = spikes[k].theta_cycle;
        }
        for (std::size_t k = a; k < b; ++k) {
            x.push_back(spikes[k].x);
            phase.push_back(spikes[k].phase);
            if (spikes[k].theta_cycle == first) first_phases.push_back(spikes[k].phase);
            if (spikes[k].theta_cycle == last) last_phases.push_back(spikes[k].phase);
        }
        extent += hi - lo;
        cycles += static_cast<double>(distinct);
        ++passes;
        a = b;
    }
    if (passes == 0) return;
    // Slopes up to one and a half turns per field length either way.
    const double bound = 1.5 * kTwoPi / config_.field_length;
    const CircularLinearFit fit = circular_linear_fit(x, phase, -bound, bound);
    const double slope_deg = fit.slope * kDegrees;
    out.emplace_back("precession_slope_deg_per_m", slope_deg);
    out.emplace_back("phase_shift_deg", -slope_deg * extent / passes);
    out.emplace_back("theta_cycles_in_field", cycles / passes);
    out.emplace_back("first_cycle_phase_deg", circular_mean(first_phases).phase * kDegrees);
    out.emplace_back("last_cycle_phase_deg", circular_mean(last_phases).phase * kDegrees);
    out.emplace_back("field_passes", passes);
    out.emplace_back("spikes_per_pass", static_cast<double>(x.size()) / passes);
    out.emplace_back("precession_fit", fit.resultant);
}

} // namespace phasor
