// The stepped network's side of the UI: its five panels, the default layout, and the hand-made controls for
// the learning rate (x0.5, x2 on the current rate), the delay depth (-, +, Align, and whether it aligns), the
// network's shape (network_shape.hpp) and what the accuracy is measured on (beside the held-out size).
#pragma once
#include "ui/panels/family_ui.hpp"

namespace phasor::ui {

const FamilyUi& stepnet_ui();

} // namespace phasor::ui
