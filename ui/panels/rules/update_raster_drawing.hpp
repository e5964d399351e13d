// The update raster as a plot::Drawing: which connections of one variant fired on each of the last 256
// ticks, drawn like a spike raster. Rows are neurons (their incoming connections) banded by layer and named
// down the left ("784→256"); each layer's band is at least a line tall, so the output layer's ten rows still
// show and are labelled beside hundreds of hidden ones. Cells are reduced to the pixels they are drawn on (a
// pixel takes the largest fraction among its rows and ticks) and handed to the canvas as one heatmap, which
// the app's GL painter draws as one texture quad: the layer's colour, fading with the fraction fired relative
// to the window's largest, so a lone event still shows. One layout serves drawing and the panel's readout.
#pragma once
#include "engine/rules/rules_view.hpp"
#include "ui/panels/stepnet/diagram_ink.hpp"
#include "ui/plot/drawing.hpp"

#include <cstdint>
#include <vector>

namespace phasor::ui {

struct UpdateRasterLayout {
    ImVec2 data_min, data_max; // the cells' area
    double t0 = 0, t1 = 1;     // ticks at its left and right edges (t1 is one past the newest)
    int rows = 0;
    // Per layer: its first row, and the top of its band in pixels (one more entry: the bottom of the last).
    std::vector<int> first_row;
    std::vector<float> band_top;
    int layers() const { return static_cast<int>(first_row.size()); }
    int layer_of_row(int row) const;
    float row_y(int row) const; // the top of a row (row == rows: the bottom of the area)
    // The raster row under pixel y, or -1 outside the area.
    int row_at(float y) const;
};

// Lays out the raster of `view` in [min, max] into `out` (its storage reused).
void lay_out_update_raster(const RulesView& view, ImVec2 min, ImVec2 max, float font,
                           const TextMeasure& measure, UpdateRasterLayout& out);

class UpdateRasterDrawing final : public plot::Drawing {
  public:
    // This frame's payload, which outlives the frame's exports.
    void set(const RulesView* view) { view_ = view; }

    void draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const override;
    // layer,row,neuron_in_layer,tick,fraction for every cell that fired.
    void write_csv(std::string& out) const override;

    // What the last draw() made, for tests: the heatmap handed to the canvas (a cell's value is its layer's
    // palette index, NaN where nothing fired), and the largest fraction it was scaled to.
    const plot::Heatmap& cells() const { return cells_; }
    float peak() const { return peak_; }
    const UpdateRasterLayout& layout() const { return layout_; }

  private:
    void reduce(int width, int height) const;

    const RulesView* view_ = nullptr;
    // Storage reused by every draw, on screen and in exports, so a warm frame allocates nothing.
    mutable UpdateRasterLayout layout_;
    mutable plot::Heatmap cells_;
    mutable float peak_ = 0.f;
    mutable std::vector<int> pixel_first_; // pixel row → its first raster row (and one past its last)
    mutable std::vector<float> pixel_class_;
};

} // namespace phasor::ui
