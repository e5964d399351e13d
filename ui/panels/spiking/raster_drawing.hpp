// The spike raster as a plot::Drawing: the engine's bitmap (1024 time columns × ≤ 1024 neuron rows) reduced
// to the pixels it is drawn on, any set bit in a pixel's columns and rows lighting it in its population's
// colour, and handed to the canvas as one heatmap: the app's GL painter draws that as one texture quad, so a
// frame costs the pixels, not the spikes. Populations are banded and named down the left; the followed
// neurons' exact spikes are ticks over their rows. One layout serves drawing and the panel's click test.
#pragma once
#include "engine/spiking/spiking_view.hpp"
#include "ui/panels/stepnet/diagram_ink.hpp"
#include "ui/plot/drawing.hpp"

#include <cstdint>
#include <vector>

namespace phasor::ui {

struct RasterLayout {
    ImVec2 data_min, data_max; // the bitmap's area
    double t0 = 0, t1 = 1;     // simulated seconds at its left and right edges
    int rows = 0;
    // The raster row under pixel y, or -1 outside the area.
    int row_at(float y) const;
    float row_y(int row) const; // the top of a row
};

RasterLayout lay_out_raster(const SpikingView& view, ImVec2 min, ImVec2 max, float font,
                            const TextMeasure& measure);

// The first neuron on raster row `row` (a row holds neurons.size / rows of them when decimated).
std::uint32_t first_neuron_of_row(const SpikingView& view, int row);

class RasterDrawing final : public plot::Drawing {
  public:
    // This frame's payload, which outlives the frame's exports.
    void set(const SpikingView* view) { view_ = view; }

    void draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const override;
    // row,first_neuron,population,column,time_s for every set bit, then neuron,spike_time_s for the
    // followed neurons.
    void write_csv(std::string& out) const override;

    // What the last draw() made, for tests: the heatmap handed to the canvas.
    const plot::Heatmap& cells() const { return cells_; }

  private:
    void reduce(const RasterLayout& layout, int width, int height) const;
    void draw_followed(plot::Canvas& canvas, const RasterLayout& layout, const plot::DrawStyle& style,
                       const DiagramInk& ink) const;

    const SpikingView* view_ = nullptr;
    // Storage reused by every draw, on screen and in exports, so a warm frame allocates nothing.
    mutable plot::Heatmap cells_;
    mutable std::vector<std::uint64_t> merged_; // one pixel column's bits, its columns OR-ed
    mutable std::vector<int> grid_row_;         // raster row → pixel row
    mutable std::vector<int> grid_first_;       // pixel row → its first raster row (and one past the end)
    mutable std::vector<float> row_class_;      // pixel row → its population's palette index
    mutable std::vector<int> palette_;
};

} // namespace phasor::ui
