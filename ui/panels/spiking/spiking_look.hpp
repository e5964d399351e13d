// What the spiking panels share: the payload (or the words a panel shows while there is none), one colour
// per population used by every panel so the raster, the phases, the rates and the 3D view agree, and the
// time and value axes the custom drawings put around their pictures.
#pragma once
#include "engine/spiking/spiking_view.hpp"
#include "ui/panels/panel.hpp"
#include "ui/panels/stepnet/diagram_ink.hpp"
#include "ui/plot/canvas.hpp"

#include <vector>

namespace phasor::ui {

// The run's SpikingView, or null (having said "No run yet" in the panel) before the first snapshot.
const SpikingView* spiking_view_or_wait(const Snapshot& snapshot);

// The palette index (plot::series_color) of each population: the first excitatory population vermilion,
// the first inhibitory sky blue, the first input green, further ones of a kind the unused hues, so two
// populations never share a colour and a kind keeps its colour from preset to preset.
void population_palette(const SpikingView& view, std::vector<int>& out);
// A population's colour in `theme` from its palette index.
inline plot::Rgba palette_color(int index, const plot::Theme& theme) {
    return theme.series(plot::series_color(index), index);
}

// The x axis of a drawing: ticks and labels of [lo, hi] along the bottom of [min, max] (labels below it),
// and its label centred under them. Returns nothing; the caller leaves font × 2.4 below the area.
void draw_x_axis(plot::Canvas& canvas, ImVec2 min, ImVec2 max, double lo, double hi, const char* label,
                 const plot::DrawStyle& style, const DiagramInk& ink);
// Ticks at `values` (with their labels) up the left of [min, max], where y = lo is the bottom.
void draw_y_ticks(plot::Canvas& canvas, ImVec2 min, ImVec2 max, double lo, double hi,
                  std::span<const double> values, std::span<const char* const> labels,
                  const plot::DrawStyle& style, const DiagramInk& ink);

// Simulated seconds to a pixel of [x0, x1] showing [lo, hi].
inline float x_of(double t, double lo, double hi, float x0, float x1) {
    return x0 + static_cast<float>((t - lo) / (hi - lo)) * (x1 - x0);
}

} // namespace phasor::ui
