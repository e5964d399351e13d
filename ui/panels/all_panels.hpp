// Every panel of the app, in the order the View menu lists them.
#pragma once
#include "ui/panels/panel.hpp"

#include <memory>
#include <vector>

namespace phasor::ui {

// Controls, network, metrics, activations, delay queue, attention, decision map.
std::vector<std::unique_ptr<Panel>> make_panels();

} // namespace phasor::ui
