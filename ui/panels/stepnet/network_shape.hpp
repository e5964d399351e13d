// The network's shape edited the way TensorFlow Playground lets a class edit it: a row per hidden layer with
// its neuron count (- and +), its activation and a remove button, "Add layer", and the input size and class
// count the task fixes, shown but not editable. Each edit posts one change to the run (a rebuild), carrying
// the activations along when the layer count changes.
#pragma once
#include "ui/panels/param_widget.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace phasor::ui {

// The shape in use: the sizes as set (input first, classes last) and each layer's activation as the model
// runs it, automatic ones included, so an edit keeps every activation on screen.
struct NetworkShape {
    std::vector<std::int64_t> sizes;
    std::vector<std::string> activations; // one per layer after the input, the output's last
};
std::optional<NetworkShape> network_shape(const Snapshot& snapshot);

// Draws the editor in place of the `network.layers` and `network.activations` rows, with the layer sizes'
// own field below it for typing a whole shape. Returns false, drawing nothing, when the snapshot has no
// network to show: the generic widgets serve then.
bool draw_network_shape(const ParamSpec& layers, PanelContext& context, ParamFields& fields);

} // namespace phasor::ui
