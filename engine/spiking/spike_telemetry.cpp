// The spiking family's panels' data (see spike_telemetry.hpp).
#include "engine/spiking/spike_telemetry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace phasor {

namespace {

constexpr double kWindow = 1.0; // s of raster, traces and phase histograms
constexpr std::size_t kFollowedSpikes = 256;
constexpr std::size_t kMaxFollowed = 16;
constexpr float kTwoPi = 2 * std::numbers::pi_v<float>;

// A ring's contents oldest first.
template <class T>
void unroll(const std::vector<T>& ring, std::size_t next, std::size_t count, std::vector<T>& out) {
    out.clear();
    const std::size_t size = ring.size();
    for (std::size_t i = 0; i < count; ++i) out.push_back(ring[(next + size - count + i) % size]);
}

} // namespace

SpikeTelemetry::SpikeTelemetry(const Circuit& circuit)
    : neurons_(circuit.neurons()), dt_(circuit.dt()),
      rows_(static_cast<int>(std::min<std::uint64_t>(neurons_, SpikeRasterView::kMaxRows))),
      words_((rows_ + 63) / 64),
      window_cycles_(std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::llround(kWindow / dt_)))),
      bits_(static_cast<std::size_t>(SpikeRasterView::kColumns) * static_cast<std::size_t>(words_), 0),
      phases_(SpikingView::kPhasePoints),
      trace_every_(std::max<std::uint64_t>(1, window_cycles_ / SpikingView::kTrace)),
      trace_time_(SpikingView::kTrace), theta_(SpikingView::kTrace), gamma_(SpikingView::kTrace),
      follow_slot_(neurons_, -1), population_of_(neurons_, 0), history_rate_(circuit.populations().size()),
      last_population_spikes_(circuit.populations().size(), 0), rate_now_(circuit.populations().size(), 0.f) {
    newest_column_ = circuit.cycles() * SpikeRasterView::kColumns / window_cycles_;
    const auto populations = circuit.populations();
    for (std::size_t p = 0; p < populations.size(); ++p)
        std::fill_n(population_of_.begin() + populations[p].first, populations[p].size,
                    static_cast<std::uint16_t>(p));
    last_sample_cycle_ = circuit.cycles();
}

void SpikeTelemetry::follow(std::span<const std::int64_t> neurons, const Circuit& circuit) {
    for (std::uint32_t k : followed_) follow_slot_[k] = -1;
    followed_.clear();
    for (std::int64_t k : neurons)
        if (k >= 0 && static_cast<std::uint64_t>(k) < neurons_ && followed_.size() < kMaxFollowed &&
            follow_slot_[static_cast<std::size_t>(k)] < 0) {
            follow_slot_[static_cast<std::size_t>(k)] = static_cast<std::int16_t>(followed_.size());
            followed_.push_back(static_cast<std::uint32_t>(k));
        }
    // Sized here, once per change, so recording never allocates; traces start again from now.
    followed_v_.assign(followed_.size(), std::vector<float>(SpikingView::kTrace, NAN));
    followed_spikes_.assign(followed_.size(), std::vector<float>(kFollowedSpikes, 0.f));
    followed_spike_next_.assign(followed_.size(), 0);
    followed_spike_count_.assign(followed_.size(), 0);
    (void)circuit;
}

void SpikeTelemetry::advance_column(std::uint64_t column) {
    // Clear every column the ring moves onto: it held spikes from a window ago.
    const std::uint64_t from = std::max(
        newest_column_ + 1, column >= SpikeRasterView::kColumns ? column - SpikeRasterView::kColumns + 1 : 0);
    for (std::uint64_t c = from; c <= column; ++c) {
        auto* start = bits_.data() + (c % SpikeRasterView::kColumns) * static_cast<std::uint64_t>(words_);
        std::fill(start, start + words_, 0);
    }
    newest_column_ = column;
}

void SpikeTelemetry::record(const Circuit& circuit, std::span<const std::uint32_t> spiked) {
    const std::uint64_t cycle = circuit.cycles() - 1;
    const std::uint64_t column = cycle * SpikeRasterView::kColumns / window_cycles_;
    if (column != newest_column_) advance_column(column);
    std::uint64_t* bits =
        bits_.data() + (column % SpikeRasterView::kColumns) * static_cast<std::uint64_t>(words_);
    const float now = static_cast<float>(static_cast<double>(cycle) * dt_);
    const bool rhythmic = circuit.rhythmic();
    for (std::uint32_t k : spiked) {
        const auto row = static_cast<std::uint64_t>(k) * static_cast<std::uint64_t>(rows_) / neurons_;
        bits[row / 64] |= std::uint64_t{1} << (row % 64);
        if (rhythmic) {
            phases_[phase_next_] = {now, circuit.theta_phase(k), population_of_[k]};
            phase_next_ = (phase_next_ + 1) % phases_.size();
            phase_count_ = std::min(phase_count_ + 1, phases_.size());
        }
        if (const int slot = follow_slot_[k]; slot >= 0) {
            auto& ring = followed_spikes_[static_cast<std::size_t>(slot)];
            auto& next = followed_spike_next_[static_cast<std::size_t>(slot)];
            ring[next] = now;
            next = (next + 1) % ring.size();
            auto& count = followed_spike_count_[static_cast<std::size_t>(slot)];
            count = std::min(count + 1, ring.size());
        }
    }
    if (cycle % trace_every_ == 0) {
        trace_time_[trace_next_] = now;
        const RhythmState r = rhythmic ? circuit.rhythm() : RhythmState{};
        theta_[trace_next_] = rhythmic ? std::cos(r.theta_phase) : NAN;
        gamma_[trace_next_] = rhythmic ? std::cos(r.gamma_phase) : NAN;
        for (std::size_t f = 0; f < followed_.size(); ++f)
            followed_v_[f][trace_next_] = circuit.membrane(followed_[f]);
        trace_next_ = (trace_next_ + 1) % trace_time_.size();
        trace_count_ = std::min(trace_count_ + 1, trace_time_.size());
    }
}

void SpikeTelemetry::weight_histogram(const Circuit& circuit,
                                      std::array<std::uint32_t, SpikingView::kWeightBins>& bins) const {
    bins.fill(0);
    const auto weights = circuit.plastic_weights();
    const float top = circuit.weight_max();
    if (weights.empty() || !(top > 0)) return;
    // A large net is sampled evenly (at most 65,536 weights) so a histogram costs the same at any size.
    const std::size_t stride = std::max<std::size_t>(1, weights.size() / 65536);
    const float scale = SpikingView::kWeightBins / top;
    for (std::size_t i = 0; i < weights.size(); i += stride) {
        const int bin = std::clamp(static_cast<int>(weights[i] * scale), 0, SpikingView::kWeightBins - 1);
        ++bins[static_cast<std::size_t>(bin)];
    }
}

void SpikeTelemetry::sample(const Circuit& circuit, const FiringStatistics& statistics) {
    const std::uint64_t cycles = circuit.cycles();
    const double span = static_cast<double>(cycles - last_sample_cycle_) * dt_;
    const auto populations = circuit.populations();
    for (std::size_t p = 0; p < populations.size(); ++p) {
        const std::uint64_t spikes = statistics.spikes(p);
        rate_now_[p] = span > 0 && populations[p].size
                           ? static_cast<float>(static_cast<double>(spikes - last_population_spikes_[p]) /
                                                (span * populations[p].size))
                           : 0.f;
        last_population_spikes_[p] = spikes;
    }
    last_sample_cycle_ = cycles;
    // The histories keep every stride-th sample; when full, every other point goes and the stride doubles,
    // so the points stay evenly spaced over the whole run.
    if (samples_++ % history_stride_ != 0) return;
    if (history_time_.size() >= static_cast<std::size_t>(SpikingView::kHistory)) {
        auto halve = [](auto& history) {
            std::size_t kept = 0;
            for (std::size_t i = 0; i < history.size(); i += 2) history[kept++] = history[i];
            history.resize(kept);
        };
        for (auto& rates : history_rate_) halve(rates);
        halve(history_time_);
        halve(history_reward_);
        halve(history_weights_);
        history_stride_ *= 2;
    }
    for (std::size_t p = 0; p < populations.size(); ++p) history_rate_[p].push_back(rate_now_[p]);
    history_time_.push_back(static_cast<float>(static_cast<double>(cycles) * dt_));
    history_reward_.push_back(static_cast<float>(circuit.reward_rate()));
    if (!circuit.plastic_weights().empty()) {
        std::array<std::uint32_t, SpikingView::kWeightBins> bins{};
        weight_histogram(circuit, bins);
        history_weights_.push_back(bins);
    }
}

void SpikeTelemetry::fill(const Circuit& circuit, const FiringStatistics& statistics, SpikingView& v) const {
    const std::uint64_t cycles = circuit.cycles();
    const double now = static_cast<double>(cycles) * dt_;
    v.time = now;
    v.dt = static_cast<float>(dt_);
    v.cycles = cycles;
    v.spikes = statistics.spikes();
    v.neurons = static_cast<std::uint32_t>(circuit.neurons());
    v.synapses = circuit.synapses();

    const auto populations = circuit.populations();
    v.populations.resize(populations.size());
    for (std::size_t p = 0; p < populations.size(); ++p) {
        PopulationView& pv = v.populations[p];
        pv.name = populations[p].name;
        pv.first = populations[p].first;
        pv.size = populations[p].size;
        pv.excitatory = populations[p].excitatory;
        pv.input = populations[p].input;
        pv.rate_hz = rate_now_[p];
        pv.spikes = statistics.spikes(p);
        pv.phase_histogram.fill(0);
        pv.plv = NAN;
        pv.mean_phase = NAN;
    }

    SpikeRasterView& r = v.raster;
    r.rows = rows_;
    r.words_per_column = words_;
    r.window = static_cast<double>(window_cycles_) * dt_;
    r.column_seconds = r.window / SpikeRasterView::kColumns;
    r.newest = newest_column_;
    r.bits = bits_;

    v.rhythmic = circuit.rhythmic();
    const RhythmState rhythm = v.rhythmic ? circuit.rhythm() : RhythmState{};
    v.theta_hz = rhythm.theta_hz;
    v.gamma_per_theta = rhythm.gamma_per_theta;
    unroll(phases_, phase_next_, phase_count_, v.phase_points);
    // Each point's population, and per population the phases of its spikes in the window.
    std::vector<double> sum_cos(populations.size(), 0.0), sum_sin(populations.size(), 0.0);
    std::vector<std::uint64_t> counted(populations.size(), 0);
    const auto since = static_cast<float>(now - kWindow);
    for (const PhasePoint& point : v.phase_points) {
        if (point.time < since) continue;
        const std::size_t p = point.population;
        const int bin = std::clamp(static_cast<int>(point.phase / kTwoPi * PopulationView::kPhaseBins), 0,
                                   PopulationView::kPhaseBins - 1);
        ++v.populations[p].phase_histogram[static_cast<std::size_t>(bin)];
        sum_cos[p] += std::cos(point.phase);
        sum_sin[p] += std::sin(point.phase);
        ++counted[p];
    }
    for (std::size_t p = 0; p < populations.size(); ++p)
        if (counted[p]) {
            const double n = static_cast<double>(counted[p]);
            v.populations[p].plv = static_cast<float>(std::hypot(sum_cos[p], sum_sin[p]) / n);
            double mean = std::atan2(sum_sin[p], sum_cos[p]);
            if (mean < 0) mean += 2 * std::numbers::pi;
            v.populations[p].mean_phase = static_cast<float>(mean);
        }
    unroll(trace_time_, trace_next_, trace_count_, v.rhythm_time);
    unroll(theta_, trace_next_, trace_count_, v.theta);
    unroll(gamma_, trace_next_, trace_count_, v.gamma);

    v.followed.resize(followed_.size());
    for (std::size_t f = 0; f < followed_.size(); ++f) {
        FollowedNeuron& fn = v.followed[f];
        fn.neuron = followed_[f];
        fn.population = statistics.population_of(followed_[f]);
        unroll(trace_time_, trace_next_, trace_count_, fn.time);
        unroll(followed_v_[f], trace_next_, trace_count_, fn.v);
        unroll(followed_spikes_[f], followed_spike_next_[f], followed_spike_count_[f], fn.spikes);
        // Spikes from before the window are not shown.
        fn.spikes.erase(
            std::remove_if(fn.spikes.begin(), fn.spikes.end(), [&](float t) { return t < since; }),
            fn.spikes.end());
    }

    // 3D: every stride-th neuron, placed by the circuit or on one plane per population.
    const auto placed = circuit.positions();
    v.placed = !placed.empty();
    v.stride = static_cast<std::uint32_t>(
        std::max<std::uint64_t>(1, (neurons_ + SpikingView::kPoints - 1) / SpikingView::kPoints));
    v.points.clear();
    v.since_spike.clear();
    auto position = [&](std::uint32_t neuron) -> Vec3 {
        if (v.placed) return placed[neuron];
        // A square grid per population, populations stacked a unit apart.
        const std::uint16_t p = population_of_[neuron];
        const std::uint32_t local = neuron - populations[p].first;
        const auto side =
            static_cast<std::uint32_t>(std::ceil(std::sqrt(static_cast<double>(populations[p].size))));
        return {static_cast<float>(local % side) / static_cast<float>(side),
                static_cast<float>(local / side) / static_cast<float>(side), static_cast<float>(p)};
    };
    for (std::uint64_t k = 0; k < neurons_; k += v.stride) {
        const auto neuron = static_cast<std::uint32_t>(k);
        v.points.push_back(position(neuron));
        v.since_spike.push_back(
            statistics.has_fired(neuron)
                ? static_cast<float>(static_cast<double>(cycles - 1 - statistics.last_spike(neuron)) * dt_)
                : std::numeric_limits<float>::infinity());
    }
    v.lo = v.hi = v.points.empty() ? Vec3{} : v.points.front();
    for (const Vec3& p : v.points) {
        v.lo = {std::min(v.lo.x, p.x), std::min(v.lo.y, p.y), std::min(v.lo.z, p.z)};
        v.hi = {std::max(v.hi.x, p.x), std::max(v.hi.y, p.y), std::max(v.hi.z, p.z)};
    }
    v.picked = followed_.empty() ? -1 : static_cast<std::int64_t>(followed_.front());
    v.picked_targets.clear();
    v.picked_target_points.clear();
    if (!followed_.empty()) {
        circuit.targets(followed_.front(), v.picked_targets);
        if (v.picked_targets.size() > 2000) v.picked_targets.resize(2000);
        for (std::uint32_t t : v.picked_targets) v.picked_target_points.push_back(position(t));
    }

    v.plastic = !circuit.plastic_weights().empty();
    v.weight_max = circuit.weight_max();
    weight_histogram(circuit, v.weights);
    v.weight_history = history_weights_;

    v.history_time = history_time_;
    v.history_rate = history_rate_;
    v.history_reward = history_reward_;

    const EnvironmentState* environment = circuit.environment();
    v.has_environment = environment != nullptr;
    if (environment) v.environment = *environment;
}

} // namespace phasor
