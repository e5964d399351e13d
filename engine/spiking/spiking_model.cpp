// The spiking family's model (see spiking_model.hpp).
#include "engine/spiking/spiking_model.hpp"

#include "engine/core/error.hpp"
#include "engine/spiking/spiking_family.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>

namespace phasor {

namespace {

using Clock = std::chrono::steady_clock;

// Simulated seconds after `cycles` steps: dt is a float (1e-4f is 0.99999997e-4), so it is taken to the
// nearest nanosecond first, and a second of 10,000 cycles reads 1, not 0.99999997.
double simulated_seconds(std::uint64_t cycles, float dt) {
    return static_cast<double>(cycles) * (std::round(static_cast<double>(dt) * 1e9) / 1e9);
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

} // namespace

SpikingModel::SpikingModel(SpikingConfig config) : config_(std::move(config)) {
    const auto start = Clock::now();
    const CircuitEntry* entry = find_circuit(config_.circuit);
    if (!entry) throw InputError(fmt::format("circuit: no circuit named \"{}\"", config_.circuit));
    circuit_ = entry->make(config_.options);
    circuit_->apply(config_.settings);
    if (config_.follow)
        for (std::int64_t k : *config_.follow)
            if (static_cast<std::uint64_t>(k) >= circuit_->neurons())
                throw InputError(fmt::format("view.follow: neuron {} is not in the {} circuit (it has {})", k,
                                             config_.circuit, circuit_->neurons()));
    statistics_ = FiringStatistics(*circuit_);
    spiked_.reserve(circuit_->neurons());
    checkpoint();
    build_seconds_ = seconds_since(start);
}

std::uint64_t SpikingModel::advance(std::uint64_t max_ticks, SeriesWriter& series) {
    const auto start = Clock::now();
    std::uint64_t done = 0;
    while (done < max_ticks) {
        circuit_->step(spiked_);
        const std::uint64_t cycle = circuit_->cycles();
        statistics_.record(cycle - 1, spiked_);
        if (telemetry_) telemetry_->record(*circuit_, spiked_);
        ++done;
        if (cycle % config_.series_every == 0) {
            if (!circuit_->finite()) {
                fault_ = Fault{"", "a membrane or synaptic variable is not finite", false};
                break;
            }
            sample(series);
        }
    }
    loop_seconds_ += seconds_since(start);
    return done;
}

void SpikingModel::sample(SeriesWriter& series) {
    SeriesSample s;
    s.tick = circuit_->cycles();
    const double interval = simulated_seconds(config_.series_every, circuit_->dt());
    // The rate and the share that fired over the last interval, not since the start, so a change shows.
    const std::uint64_t spikes = statistics_.spikes();
    std::uint64_t integrating = 0;
    for (const PopulationInfo& p : circuit_->populations())
        if (!p.input) integrating += p.size;
    s.values[0] = integrating ? static_cast<float>(static_cast<double>(spikes - last_sample_spikes_) /
                                                   (static_cast<double>(integrating) * interval))
                              : 0.f;
    last_sample_spikes_ = spikes;
    s.values[1] =
        static_cast<float>(statistics_.fraction_fired_since(circuit_->cycles() - config_.series_every));
    const auto weights = circuit_->plastic_weights();
    double sum = 0;
    for (float w : weights) sum += w;
    s.values[2] = weights.empty() ? NAN : static_cast<float>(sum / static_cast<double>(weights.size()));
    s.values[3] = static_cast<float>(circuit_->reward_rate());
    if (telemetry_) telemetry_->sample(*circuit_, statistics_);
    series.write(s);
}

std::optional<std::string> SpikingModel::set(const ParamSpec& row, const ParamValue& value) {
    if (row.key == "view.follow") {
        const auto* neurons = std::get_if<std::vector<std::int64_t>>(&value);
        if (neurons) {
            for (std::int64_t k : *neurons)
                if (static_cast<std::uint64_t>(k) >= circuit_->neurons())
                    return fmt::format("neuron {} is not in the circuit (it has {})", k, circuit_->neurons());
            if (neurons->size() > 16) return std::string("follows at most 16 neurons");
        }
        config_.follow = neurons ? std::optional(*neurons) : std::nullopt;
        if (telemetry_) telemetry_->follow(followed(), *circuit_);
        return std::nullopt;
    }
    const LiveSetting* setting = find_live_setting(row.key);
    const CircuitEntry& entry = *find_circuit(config_.circuit);
    if (!setting) return std::string("cannot change while it runs");
    if (std::find(entry.reads.begin(), entry.reads.end(), row.key) == entry.reads.end())
        return fmt::format("the {} circuit has no use for it", entry.name);
    SpikingSettings settings = config_.settings;
    setting->write(settings, value);
    circuit_->apply(settings);
    config_.settings = settings;
    return std::nullopt;
}

std::unique_ptr<Payload> SpikingModel::make_payload() const {
    return std::make_unique<SpikingView>();
}

void SpikingModel::fill(Snapshot& snapshot) {
    const double seconds = simulated_seconds(circuit_->cycles(), circuit_->dt());
    snapshot.headline = {static_cast<float>(statistics_.rate_hz(seconds)), static_cast<float>(seconds),
                         static_cast<float>(statistics_.fraction_active()),
                         static_cast<float>(statistics_.spikes())};
    const auto populations = circuit_->populations();
    snapshot.parts.resize(populations.size());
    for (std::size_t p = 0; p < populations.size(); ++p) {
        PartFigures& part = snapshot.parts[p];
        part.name = populations[p].name;
        part.figures = {{"neurons", populations[p].size},
                        {"spikes", static_cast<double>(statistics_.spikes(p))},
                        {"rate_hz", statistics_.rate_hz(p, seconds)}};
    }
    // The report's figures are for `phasor run`, which fills once, at the end, before any recording; the app
    // fills sixty times a second and is spared them (a circuit's own may fit a regression, the weight
    // histogram counts every synapse).
    snapshot.figures.clear();
    snapshot.figure_lists.clear();
    if (!telemetry_) report(snapshot, seconds);
    // The panels' data is recorded from the first look on: a headless run never pays for it.
    if (!telemetry_) {
        telemetry_.emplace(*circuit_);
        telemetry_->follow(followed(), *circuit_);
    }
    if (auto* view = snapshot.payload_as<SpikingView>()) {
        view->circuit = config_.circuit;
        telemetry_->fill(*circuit_, statistics_, *view);
    }
}

std::vector<std::int64_t> SpikingModel::followed() const {
    if (config_.follow) return *config_.follow;
    // By default the first neuron that integrates, so the membrane and the 3D view's synapses show something.
    for (const PopulationInfo& p : circuit_->populations())
        if (!p.input && p.size > 0) return {static_cast<std::int64_t>(p.first)};
    return {};
}

void SpikingModel::report(Snapshot& snapshot, double seconds) const {
    auto& f = snapshot.figures;
    f = {{"neurons", static_cast<double>(circuit_->neurons())},
         {"synapses", static_cast<double>(circuit_->synapses())},
         {"bytes_per_synapse", circuit_->bytes_per_synapse()},
         {"build_seconds", build_seconds_},
         {"loop_seconds", loop_seconds_},
         {"simulated_seconds", seconds},
         {"spikes", static_cast<double>(statistics_.spikes())},
         {"rate_hz", statistics_.rate_hz(seconds)},
         {"cv_isi_mean", statistics_.cv_isi_mean()},
         {"fraction_active", statistics_.fraction_active()}};
    circuit_->figures(f);
    if (const auto weights = circuit_->plastic_weights(); !weights.empty()) {
        f.emplace_back("weight_max", circuit_->weight_max());
        std::vector<double> bins(SpikingView::kWeightBins, 0.0);
        const float scale = SpikingView::kWeightBins / circuit_->weight_max();
        for (float w : weights)
            bins[static_cast<std::size_t>(
                std::clamp(static_cast<int>(w * scale), 0, SpikingView::kWeightBins - 1))] += 1;
        snapshot.figure_lists.emplace_back("weight_histogram", std::move(bins));
    }
}

void SpikingModel::checkpoint() {
    saved_ = Saved{circuit_->clone(), statistics_};
}

void SpikingModel::restore() {
    circuit_ = saved_->circuit->clone();
    statistics_ = saved_->statistics;
    if (telemetry_) {
        telemetry_.emplace(*circuit_);
        telemetry_->follow(followed(), *circuit_);
    }
    fault_.reset();
}

} // namespace phasor
