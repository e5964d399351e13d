// The text exports of a Plot: SVG (vector, with real text, for papers) and CSV (the numbers behind the plot).
#pragma once
#include "ui/plot/figure.hpp"
#include "ui/plot/render.hpp"

#include <string>

namespace phasor::plot {

// An SVG document of the plot as drawn with `view` in a width × height box (points), with the title, axis
// labels, tick labels, legend and event marker labels as <text> (marker lines as <line>). Lines are
// decimated to the width, as on screen.
std::string to_svg(const Plot& plot, const PlotView& view, float width, float height);
// The same for a resolved export: its size (in millimetres too, when it has one), text and line sizes and
// theme; a transparent figure has no background element.
std::string to_svg(const Plot& plot, const PlotView& view, const Figure& figure);

// CSV with a header row. Lines: series,x,y for every stored point (not decimated). Heatmaps:
// row,col,x,y,value. Bars: label,value. Histograms: lo,hi,count. Scatter: series,x,y. Several kinds in one
// plot are written one block after another, separated by an empty line. Event markers, when the plot has
// any, come last as their own block, marker_x,marker_label, one row per marker in the list's order (all of
// them, not only those in view, as lines give every stored point); a reader of the data can stop at that
// header. A custom drawing writes its own rows (Drawing::write_csv) instead of the data blocks.
std::string to_csv(const Plot& plot);
// The same with the view's smoothing: lines get a fourth column, y_smoothed, the average the plot draws
// (series,x,y,y_smoothed); the raw y stay as they are.
std::string to_csv(const Plot& plot, const PlotView& view);

} // namespace phasor::plot
