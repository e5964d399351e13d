// The decoupled components' side of the UI: the component graph, gradient delays, synthetic signals,
// per-component accuracy and the message timeline, with their default layout and presenter views. Every
// parameter row uses the generic widgets.
#pragma once
#include "ui/panels/family_ui.hpp"

namespace phasor::ui {

const FamilyUi& mach_ui();

} // namespace phasor::ui
