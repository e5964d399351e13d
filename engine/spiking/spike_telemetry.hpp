// What the spiking family keeps for its panels while a circuit runs, and how it becomes a SpikingView: the
// raster bitmap, the latest spikes' phases, the rhythm and membrane traces of followed neurons, and short
// histories. Recording a cycle costs a few stores per spike and nothing else; a view costs the same at any
// firing rate (see spiking_view.hpp). Only the app turns it on: a headless run records statistics only.
#pragma once
#include "engine/spiking/firing_statistics.hpp"
#include "engine/spiking/spiking_view.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace phasor {

class SpikeTelemetry {
  public:
    SpikeTelemetry() = default;
    explicit SpikeTelemetry(const Circuit& circuit);

    // Neurons to follow (membrane and exact spikes); the first is the 3D view's picked neuron. Indices past
    // the circuit's neurons are left out.
    void follow(std::span<const std::int64_t> neurons, const Circuit& circuit);
    // After each cycle of `circuit` (its cycles() already counts it), with the spikes it fired.
    void record(const Circuit& circuit, std::span<const std::uint32_t> spiked);
    // A point of the histories, at each series sample.
    void sample(const Circuit& circuit, const FiringStatistics& statistics);
    void fill(const Circuit& circuit, const FiringStatistics& statistics, SpikingView& view) const;

  private:
    void advance_column(std::uint64_t column);
    void weight_histogram(const Circuit& circuit,
                          std::array<std::uint32_t, SpikingView::kWeightBins>& bins) const;

    std::uint64_t neurons_ = 0;
    double dt_ = 0.0;
    // Raster.
    int rows_ = 0, words_ = 0;
    std::uint64_t window_cycles_ = 0, newest_column_ = 0;
    std::vector<std::uint64_t> bits_;
    // Phases: a ring of the latest spikes.
    std::vector<PhasePoint> phases_;
    std::size_t phase_next_ = 0, phase_count_ = 0;
    // Traces: rhythm and followed membranes, one point every trace_every_ cycles, rings of kTrace.
    std::uint64_t trace_every_ = 1;
    std::size_t trace_next_ = 0, trace_count_ = 0;
    std::vector<float> trace_time_, theta_, gamma_;
    std::vector<std::uint32_t> followed_;
    std::vector<std::vector<float>> followed_v_;
    std::vector<std::vector<float>> followed_spikes_; // rings of kFollowedSpikes
    std::vector<std::size_t> followed_spike_next_, followed_spike_count_;
    std::vector<std::int16_t> follow_slot_; // per neuron: its followed index, or -1
    std::vector<std::uint16_t> population_of_;
    // Histories, one point per series sample (thinned to kHistory).
    std::vector<float> history_time_, history_reward_;
    std::vector<std::vector<float>> history_rate_;
    std::vector<std::array<std::uint32_t, SpikingView::kWeightBins>> history_weights_;
    std::vector<std::uint64_t> last_population_spikes_;
    std::uint64_t last_sample_cycle_ = 0;
    std::uint64_t samples_ = 0, history_stride_ = 1;
    std::vector<float> rate_now_;
};

} // namespace phasor
