// The text exports of a Plot: SVG (vector, with real text, for papers) and CSV (the numbers behind the plot).
#pragma once
#include "ui/plot/render.hpp"

#include <string>

namespace phasor::plot {

// An SVG document of the plot as drawn with `view` in a width × height box (points), with the title, axis
// labels, tick labels and legend as <text>. Lines are decimated to the width, as on screen.
std::string to_svg(const Plot& plot, const PlotView& view, float width, float height);

// CSV with a header row. Lines: series,x,y for every stored point (not decimated). Heatmaps:
// row,col,x,y,value. Bars: label,value. Histograms: lo,hi,count. Scatter: series,x,y. Several kinds in one
// plot are written one block after another, separated by an empty line.
std::string to_csv(const Plot& plot);

} // namespace phasor::plot
