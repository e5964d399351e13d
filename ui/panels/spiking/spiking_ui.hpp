// The spiking family's side of the UI: the raster, spike phases, phase histograms, membrane traces, the
// neurons in space, weights, population rates and the environment, with arrangements for rhythmic, learning
// and environment circuits and presenter views. Every parameter row uses the generic widgets.
#pragma once
#include "ui/panels/family_ui.hpp"

namespace phasor::ui {

const FamilyUi& spiking_ui();

} // namespace phasor::ui
