// The credit-assignment lens's bar chart as a plot::Drawing: for each layer a group of bars, one per variant
// in its colour, as tall as the angle between the variant's latest update and the true backprop gradient
// (0° follows the gradient, 90° is orthogonal to it: no better than a random direction), with a line across
// at 90°. A layer a variant's lens did not measure (NaN) gets no bar at all, not a bar of 0°, which would
// read as a perfect match. A key of the variants above, the layers under their groups.
#pragma once
#include "engine/rules/rules_view.hpp"
#include "ui/panels/stepnet/diagram_ink.hpp"
#include "ui/plot/drawing.hpp"

#include <span>
#include <string_view>
#include <vector>

namespace phasor::ui {

struct LensBarsLayout {
    ImVec2 data_min, data_max; // the bars' area: 0° at its bottom, `top` degrees at its top
    double top = 90;
    int layers = 0, variants = 0;
    float legend_top = 0, legend_row = 0; // where the key's first row is, and each row's height
    // Degrees between labelled ticks: 30°, or 90° (0°, 90°, 180°) where 30° would stack the labels closer
    // than a line of text; 0 where not even that fits (the 90° line still says what it is).
    double tick_step = 30;
    // The layers' names under their groups: on one row where each fits its group, on two staggered rows
    // (every other name a line lower) where each fits two groups, and otherwise as "L1", "L2"... (the bars'
    // tooltips still name them in full).
    int label_rows = 1;
    bool short_labels = false;
    float label_font = 0;
    float y_of(double degrees) const;
    // The horizontal extent of variant v's bar in layer l's group.
    float bar_left(int layer, int variant) const;
    float bar_width() const;
    // Where layer l's name is centred (x) and its top (y).
    ImVec2 label_anchor(int layer) const;
};

// Layer l's name as the chart shows it: its own, or "L<l+1>" when the layout shortened them. Writes into
// `buffer` only for the short form.
std::string_view lens_layer_label(const RulesView& view, const LensBarsLayout& layout, int layer,
                                  std::span<char> buffer);

void lay_out_lens_bars(const RulesView& view, ImVec2 min, ImVec2 max, float font, const TextMeasure& measure,
                       LensBarsLayout& out);

class LensBarsDrawing final : public plot::Drawing {
  public:
    // This frame's payload, which outlives the frame's exports.
    void set(const RulesView* view) { view_ = view; }

    void draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const override;
    // layer,variant,degrees for every layer and variant (empty degrees: not measured).
    void write_csv(std::string& out) const override;

    // What the last draw() put down, for tests and the panel's readout: each bar and where.
    struct Bar {
        int layer, variant;
        double degrees;
        ImVec2 min, max;
    };
    const std::vector<Bar>& bars() const { return bars_; }
    const LensBarsLayout& layout() const { return layout_; }

  private:
    const RulesView* view_ = nullptr;
    // Reused by every draw, on screen and in exports, so a warm frame allocates nothing.
    mutable LensBarsLayout layout_;
    mutable std::vector<Bar> bars_;
};

} // namespace phasor::ui
