// A plot described as data: line series, a heatmap, bars, a histogram and scatter points, with axes, a
// legend and labelled event markers; or a custom drawing (a diagram) in the same frame. The same description
// is drawn on screen (plot_widget), rendered offscreen to PNG, and written as SVG or CSV, so what a user
// exports is exactly what they saw.
#pragma once
#include "ui/plot/series_history.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace phasor::plot {

using Rgba = std::uint32_t; // 0xAABBGGRR, the byte order of ImU32 (IM_COL32)

constexpr Rgba rgba(int r, int g, int b, int a = 255) {
    return static_cast<Rgba>(r) | static_cast<Rgba>(g) << 8 | static_cast<Rgba>(b) << 16 |
           static_cast<Rgba>(a) << 24;
}

// The i-th colour of a qualitative palette that stays distinct on a projector and for common colour
// blindness.
Rgba series_color(int i);

enum class Colormap {
    Viridis,   // perceptual, for magnitudes
    Diverging, // blue–white–red, for signed values; white is 0 when the scale is symmetric
    Classes,   // one light colour per integer value (series_color), for class maps
};

// A line over an x axis (ticks, usually). The points live in a SeriesHistory owned by the caller and must
// outlive the frame; drawing reads them decimated to pixel resolution.
struct LineSeries {
    std::string name;
    Rgba color = 0;
    const SeriesHistory* data = nullptr;
};

// A rows × cols grid of values, row-major, row 0 drawn at the top. Cells span [x0, x1] × [y0, y1] in plot
// units.
struct Heatmap {
    int rows = 0, cols = 0;
    std::vector<float> values;
    // Optional, one per cell in [0, 1]: how strongly the cell shows its colour, which fades into the plot's
    // background as it falls to 0 (transparent where the figure has none). A second quantity shown without
    // giving up the first: a class map keeps each class's hue and shades it by the model's confidence.
    // Empty: every cell at full strength.
    std::vector<float> strength;
    Colormap colormap = Colormap::Viridis;
    float lo = 0.f, hi = 1.f; // the colour scale; lo == hi: autoscale to the data
    bool symmetric = false;   // autoscale to [-m, m] (diverging maps)
    double x0 = 0, x1 = 1, y0 = 0, y1 = 1;
    // Columns of their own widths (a time axis whose sampling changed): cols + 1 increasing edges, column c
    // spanning [x_edges[c], x_edges[c + 1]], which then replace x0 and x1. Otherwise (empty) the columns
    // share [x0, x1] equally.
    std::vector<double> x_edges;
    std::string scale_label;              // shown beside the colour bar
    std::vector<std::string> class_names; // Colormap::Classes: the colour bar lists these instead of a scale
};

// Bars with a label each, drawn at x = 0, 1, 2 ... (per-class accuracy, say).
struct Bars {
    std::vector<std::string> labels;
    std::vector<double> values;
    Rgba color = 0;
};

// A histogram: counts[i] falls in [edges[i], edges[i+1]).
struct Histogram {
    std::vector<double> edges;
    std::vector<double> counts;
    Rgba color = 0;
};

// Points drawn as small discs (a task's data over a decision map).
struct Scatter {
    std::string name;
    Rgba color = 0; // the points' colour and their legend swatch
    std::vector<float> x, y;
    // Optional, one per point: the point takes the palette colour at this index (its class) instead of
    // `color`, so one series can hold every class's points and still be one legend entry.
    std::vector<int> groups;
    bool hollow = false; // rings instead of discs: a second set of points over the same plane (held-out data)
};

// A labelled vertical line at x: an event in a run ("train.lr = 0.05" applied at tick 20,000, "reset").
struct Marker {
    double x = 0;
    std::string label; // one line; the plot may shorten it to fit, hovering the marker shows all of it
    Rgba color = 0;    // 0: the theme's marker colour
};

struct Axis {
    std::string label;
    bool log = false;       // log10 scale; non-positive values are left out (on x, the view may override it)
    bool whole = false;     // a count or a tick number: tick marks at whole numbers only (linear axes)
    bool from_zero = false; // autoscaled, the range reaches 0 and at least 1 (a count; linear y axes)
};

class Drawing; // drawing.hpp

enum class LegendPlace {
    Inside,  // top right over the data: time plots, whose newest data is rarely up there
    Outside, // beside the data area, right of it or below it, whichever leaves the data more room; with a
             // class map's key (Colormap::Classes), in one block. For maps that the data covers edge to edge.
};

struct Plot {
    std::string id;    // stable, file-name safe: "metrics_loss"; exports are named after it
    std::string title; // shown above the plot
    Axis x, y;
    std::vector<LineSeries> lines;
    std::vector<Heatmap> heatmaps; // usually zero or one
    std::vector<Bars> bars;
    std::vector<Histogram> histograms;
    std::vector<Scatter> scatters;
    // Event markers, in any order. Owned by the caller, like LineSeries::data, and for the same reasons: one
    // list of a run's events (hundreds over a long session) is shown on several plots, and a Plot is copied
    // every frame (PlotShelf), which should not copy the list. Must outlive the frame and any export queued
    // in it. Only markers inside the x range shown are drawn; they never widen the autoscaled x range
    // (see fit()).
    const std::vector<Marker>* markers = nullptr;
    bool legend = true; // when there is more than one named line or scatter
    LegendPlace legend_place = LegendPlace::Inside;
    // Decision maps: one unit is the same length on both axes. The data area shrinks to the shape of the
    // ranges shown (the space left over stays outside the axes), so a map fills its axes with no empty bands,
    // and the mouse wheel zooms both axes together.
    bool equal_aspect = false;
    // A diagram drawn by its panel instead of data over axes (a network, a queue): drawn below the title
    // with the same canvas, theme and sizes as plots, so it exports to PNG and SVG like one. Owned by the
    // caller like `markers` (it must outlive the frame and any export queued in it); the data fields above
    // are ignored when it is set.
    const Drawing* drawing = nullptr;
};

} // namespace phasor::plot
