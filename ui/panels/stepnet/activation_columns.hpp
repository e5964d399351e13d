// The last columns of every layer's activations, one per observed snapshot, for the Activations panel's
// scrolling heatmaps: a ring per layer, unrolled oldest first when a column is added. Cleared when a new run
// starts or the network changes shape.
#pragma once
#include "engine/stepnet/stepnet_view.hpp"

#include <cstdint>
#include <vector>

namespace phasor::ui {

class ActivationColumns {
  public:
    static constexpr int kColumns = 240; // time columns kept per layer

    // Adds one column per layer when the snapshot's tick has moved on since the last call.
    void observe(std::uint64_t run, std::uint64_t tick, const StepNetView& view);
    void clear();

    int columns() const { return columns_; }
    // Layer l's activations as a (neurons × columns()) row-major grid, oldest column first.
    const std::vector<float>& grid(std::size_t layer) const;
    std::uint64_t first_tick() const; // the tick of the oldest column
    std::uint64_t last_tick() const { return last_tick_; }

  private:
    std::vector<std::vector<float>> ring_;    // per layer: neurons × kColumns, a ring over columns
    std::vector<std::vector<float>> ordered_; // per layer: the ring unrolled oldest first
    std::vector<std::uint64_t> column_ticks_;
    int columns_ = 0; // filled columns
    int next_ = 0;    // next ring column to write
    std::uint64_t run_ = 0, last_tick_ = 0;
    bool observed_ = false;
};

} // namespace phasor::ui
