// The interactive plot: render() plus mouse pan and zoom, a hover readout, legend toggles, autoscale on
// double-click, and a context menu that asks for an export and sets the view's follow window, smoothing and
// log x.
#pragma once
#include "ui/plot/figure.hpp"
#include "ui/plot/render.hpp"

#include <optional>
#include <span>

namespace phasor::plot {

// Draws `plot` at the cursor in a `size` box (pixels) and handles input:
// drag pans, wheel zooms x around the cursor (shift: y; both on an equal-aspect plot), double-click returns
// to autoscale, hovering shows the values under the cursor and the whole labels of the event markers there,
// clicking a legend entry hides or shows that series. Right-click opens a menu: export as PNG, SVG or CSV in
// `look` (whose theme and size the menu also sets), follow the last 10k/100k/1M ticks or all of them,
// smoothing, log x, reset the view. Returns the export the user asked for. A custom drawing (Plot::drawing)
// is drawn and exported the same way, without pan, zoom or readout: after the call ImGui's last item is the
// plot, so its panel can check IsItemHovered() for a readout of its own.
std::optional<ExportRequest> plot_widget(const Plot& plot, PlotView& view, ImVec2 size, ExportLook& look);
// The same with a look of its own (the default one) that the menu changes for this call only.
std::optional<ExportRequest> plot_widget(const Plot& plot, PlotView& view, ImVec2 size);

// The sizes the menu offers, in its order.
struct SizeChoice {
    const char* label;
    FigureSize size;
    int png_scale; // for the on-screen sizes
};
std::span<const SizeChoice> size_choices();
// The follow windows the menu offers (0: all), in ticks.
std::span<const double> follow_choices();
// The smoothing weights the menu offers (0: off).
std::span<const double> smoothing_choices();

} // namespace phasor::plot
