// The UI's own record of a run, built from the telemetry it drains: the scalar series (loss, accuracy,
// rate...) as decimating histories, and the last columns of every layer's activations for the scrolling
// heatmaps. Bounded in memory. Owned by the app's UI thread; panels only read it.
#pragma once
#include "engine/telemetry/series.hpp"
#include "engine/telemetry/snapshot.hpp"
#include "ui/plot/series_history.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace phasor::ui {

enum class SeriesColumn {
    Loss,
    RollingAccuracy,
    LearningRate,
    TicksPerSecond,
    QueueOccupancy,
    AttentionMin,
    AttentionMax,
    AttentionEntropy,
    Count
};

class RunHistory {
  public:
    static constexpr int kActivationColumns = 240; // time columns kept per layer

    // Appends drained series samples. A tick lower than the last one seen means a new run (reset or
    // rebuild): everything is cleared first.
    void append(std::span<const SeriesSample> samples);
    // Adds one activation column per layer when the snapshot's tick has moved on since the last call; a tick
    // that went back also clears.
    void observe(const Snapshot& snapshot);
    void clear();

    const plot::SeriesHistory& series(SeriesColumn column) const;

    // Layer l's activations over the last `activation_columns()` observed ticks, as a (neurons × columns)
    // row-major grid, oldest column first (empty before the first observation).
    int activation_columns() const;
    const std::vector<float>& activations(std::size_t layer) const;
    std::uint64_t first_column_tick() const; // the tick of the oldest column
    std::uint64_t last_tick() const;

  private:
    // implementation defined by ui/run_history.cpp
    // 2^18 points per series before halving: with a sample every 100 ticks, 26 million ticks at full detail.
    static constexpr std::size_t kSeriesCapacity = std::size_t{1} << 18;
    void clear_activations();

    std::vector<plot::SeriesHistory> series_ = std::vector<plot::SeriesHistory>(
        static_cast<std::size_t>(SeriesColumn::Count), plot::SeriesHistory(kSeriesCapacity));
    std::vector<std::vector<float>> ring_;    // per layer: neurons × kActivationColumns, a ring over columns
    std::vector<std::vector<float>> ordered_; // per layer: the ring unrolled oldest first, rebuilt on observe
    std::vector<std::uint64_t> column_ticks_;
    int columns_ = 0; // filled columns
    int next_ = 0;    // next ring column to write
    std::uint64_t last_series_tick_ = 0;
    std::uint64_t last_tick_ = 0;
    bool observed_ = false;
};

} // namespace phasor::ui
