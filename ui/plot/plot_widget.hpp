// The interactive plot: render() plus mouse pan and zoom, a hover readout, legend toggles, autoscale on
// double-click, and a context menu that asks for an export.
#pragma once
#include "ui/plot/render.hpp"

#include <optional>

namespace phasor::plot {

struct ExportRequest {
    enum class Format { Png, Svg, Csv } format = Format::Png;
    int scale = 1;            // PNG: 1, 2 or 4
    bool transparent = false; // PNG: no background
};

// Draws `plot` at the cursor in a `size` box (pixels) and handles input:
// drag pans, wheel zooms x around the cursor (shift: y), double-click returns to autoscale, hovering shows
// the values under the cursor and the whole labels of the event markers there, clicking a legend entry
// hides or shows that series, right-click opens a menu to export as PNG (1×/2×/4×, optionally transparent),
// SVG or CSV. Returns the export the user asked for.
std::optional<ExportRequest> plot_widget(const Plot& plot, PlotView& view, ImVec2 size);

} // namespace phasor::plot
