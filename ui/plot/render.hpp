// Draws a Plot description into an ImGui draw list: frame, title, axes with ticks and grid, lines (decimated
// to pixel resolution), heatmaps with a colour bar, bars, histograms, scatter points, event markers and the
// legend. The widget uses it on screen and the PNG export uses it offscreen at 1×, 2× or 4×, so both look
// the same.
#pragma once
#include "ui/plot/plot.hpp"

#include <cstddef>
#include <cstdint>
#include <imgui.h>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phasor::plot {

struct Theme;
class SmoothingCache; // smoothing.hpp

// What the user has done to one plot; kept by its panel across frames. Panels may set follow, smoothing
// and log_x from code as well; the plot's context menu changes them.
struct PlotView {
    bool auto_x = true; // fit x to the data (and follow new data as it arrives)
    bool auto_y = true;
    double x_lo = 0, x_hi = 1, y_lo = 0, y_hi = 1; // the ranges shown (y in data units, also on a log axis)
    std::vector<std::string> hidden;               // series toggled off in the legend, by name
    // Time plots: with auto_x, show only the last `follow` units of x (ticks: 10,000, 100,000, 1,000,000)
    // and slide along as data arrives; 0 shows all of it.
    double follow = 0;
    // An exponential moving average over every line's points, drawn over the faint raw line: the weight of
    // the past, in [0, 1) (TensorBoard's smoothing: 0.6, 0.9, 0.99); 0 is off. Applies to screen, PNG and
    // SVG alike; the CSV keeps the raw values and adds the smoothed ones.
    double smoothing = 0;
    std::optional<bool> log_x; // a log x axis, as chosen in the menu; unset: the plot's own (Plot::x.log)

    bool is_hidden(std::string_view name) const;
    void toggle(const std::string& name);
    bool x_log(const Plot& plot) const { return log_x.value_or(plot.x.log); }
    // Back to autoscale on both axes with the old ranges forgotten, keeping what the user chose (hidden
    // series, follow, smoothing, log x). fit() does this by itself when a new run starts (the lines are
    // cleared or replaced, or their x goes back); a panel that knows better may call it.
    void reset();

    // What fit() last saw of the lines, to tell a new run from more points of the same one.
    struct Seen {
        bool any = false;
        std::uint64_t runs = 0; // the lines' histories and their epochs, hashed
        double x_hi = 0;        // the largest x of any line, hidden ones included
    } seen;
    // The lines' smoothed copies, made when smoothing is on and extended as points arrive. Shared by copies
    // of this view (PlotShelf keeps one for exports), which show the same lines.
    mutable std::shared_ptr<SmoothingCache> smoothed;
};

// The smoothing weight whose average halves a point's influence after `points` more points.
double smoothing_for_half_life(double points);

// Sets the autoscaled ranges of `view` from the data (visible series only), with a little headroom. Event
// markers are left out: a run's one list of events is shared by plots that cover different stretches of it
// (an old event would drag a plot of recent ticks back to tick 0), and a plot with no data yet should not
// be stretched by an event alone. Markers show where they fall inside the data's range. With `follow`, x
// covers the last `follow` units of the lines; a histogram's x covers its occupied bins and a bin either
// side. A new run (see PlotView::reset) resets the view first.
void fit(const Plot& plot, PlotView& view);

struct RenderStyle {
    float scale = 1.f;            // every size (lines, margins, markers) is multiplied by this
    ImFont* font = nullptr;       // null: the current ImGui font
    float font_size = 0.f;        // 0: the font's own size × scale
    bool transparent = false;     // leave the background unfilled (PNG export for slides)
    const Theme* theme = nullptr; // null: the dark theme, the screen's
};

// Where render() put things, for the widget's hit testing.
struct PlotLayout {
    ImVec2 data_min, data_max; // the data area in screen pixels
    // The ranges actually drawn: the view's made usable (finite, lo < hi, positive on a log axis) and, with
    // equal_aspect, one of them widened. The widget maps the mouse with these.
    double x_lo = 0, x_hi = 1, y_lo = 0, y_hi = 1;
    struct LegendEntry {
        // The series' own label: valid while the plot that was rendered is, which is as long as a layout is
        // read (in the same frame). A copy here allocated every frame for any name past 15 characters.
        std::string_view name;
        ImVec2 min, max;
    };
    std::vector<LegendEntry> legend;
    // The colour bar, or the key of classes and legend outside the data area (min == max: none).
    ImVec2 key_min, key_max;
    // The event marker labels drawn, in the order they were placed (rightmost marker first). A marker whose
    // label did not fit is absent here (its line is still drawn).
    struct MarkerLabel {
        std::size_t marker; // index into *Plot::markers
        int row;            // 0: the top row
        ImVec2 min, max;    // the label's box, inside the data area
    };
    std::vector<MarkerLabel> marker_labels;
};

// Draws `plot` with the ranges in `view` into the rectangle [p0, p1].
PlotLayout render(const Plot& plot, const PlotView& view, ImDrawList& draw, ImVec2 p0, ImVec2 p1,
                  const RenderStyle& style = {});
// The same, overwriting `layout`: one kept across frames keeps its storage, so drawing allocates nothing.
void render(const Plot& plot, const PlotView& view, ImDrawList& draw, ImVec2 p0, ImVec2 p1,
            const RenderStyle& style, PlotLayout& layout);

// Heatmaps go through a painter so the app can draw them from a GL texture with a colormap shader, while
// tests and benchmarks without a GL context use the default, which draws one rectangle per cell.
class HeatmapPainter {
  public:
    virtual ~HeatmapPainter() = default;
    // Fills [p0, p1] with `map`'s cells coloured over [lo, hi] (already resolved from autoscale).
    virtual void paint(ImDrawList& draw, ImVec2 p0, ImVec2 p1, const Heatmap& map, float lo, float hi) = 0;
};
void set_heatmap_painter(HeatmapPainter* painter); // null: the built-in per-cell painter
HeatmapPainter& heatmap_painter();

// The 256-entry lookup table of a colormap (Classes: entry i is class i's colour, repeating).
const std::vector<Rgba>& colormap_table(Colormap map);
// A value's colour on [lo, hi] (clamped to the ends: the colour bar shows the scale).
Rgba colormap_color(Colormap map, float value, float lo, float hi);
// The colour cell `cell` of `map` is painted with on [lo, hi]: its colormap colour, made as transparent as
// the map's strength there says (painted over the plot's background, that fades it into it).
Rgba cell_color(const Heatmap& map, std::size_t cell, float lo, float hi);
// The colour scale a heatmap is drawn with, autoscale resolved.
std::pair<float, float> heatmap_range(const Heatmap& map);
// Where column c of a heatmap begins (c = cols: where the last one ends), from its x_edges when it has
// cols + 1 of them, else an equal share of [x0, x1].
double column_edge(const Heatmap& map, int c);
// The column holding x (its left edge included), or -1 outside the map.
int column_at(const Heatmap& map, double x);

} // namespace phasor::plot
