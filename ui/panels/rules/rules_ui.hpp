// The rule lab's side of the UI (engine family "rules"): the race of variants (curves, table, accuracy per
// update), the update raster and counts of the sparse rules, and the credit-assignment lens, with an
// arrangement for a race and one for a single run, and presenter views. Also one colour per layer, so the
// update raster's bands and the update counts' lines agree (a variant's colour is variant_colours.hpp's).
#pragma once
#include "engine/rules/rules_view.hpp"
#include "ui/panels/family_ui.hpp"
#include "ui/plot/plot.hpp"

#include <cstddef>

namespace phasor::ui {

const FamilyUi& rules_ui();

// The palette index (plot::series_color) of weight layer `layer`: the raster's band and the counts' line.
int layer_palette_index(std::size_t layer);
inline plot::Rgba layer_color(std::size_t layer) {
    return plot::series_color(layer_palette_index(layer));
}

} // namespace phasor::ui
