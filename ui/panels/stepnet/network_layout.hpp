// Where the network diagram puts its neurons and captions, computed by one function that the drawing (screen,
// PNG, SVG) and the panel's hover readout both call, so the readout finds the neuron that is drawn under the
// mouse.
#pragma once
#include "engine/stepnet/stepnet_view.hpp"
#include "ui/panels/stepnet/diagram_ink.hpp"

#include <imgui.h>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace phasor::ui {

// Column 0 is the input, column k the activations of layer k−1.
std::span<const float> column_values(const StepNetView& view, std::size_t column);
std::string_view column_activation(const StepNetView& view, std::size_t column);
std::size_t column_size(const StepNetView& view, std::size_t column);
// Is `c`, a connection of layer `l`, drawn: the layer joins its two columns as laid out (its sizes agree with
// its neighbours'), has a scale to draw against, and both ends are its neurons? The CSV lists these too.
bool connection_drawn(const StepNetView& view, std::size_t l, const Connection& c);
int predicted_class(const StepNetView& view); // -1 without outputs

struct NetworkLayout {
    // Neuron i of column k is at positions[first[k] + i], with radius radius[k].
    std::vector<ImVec2> positions;
    std::vector<std::size_t> first;
    std::vector<float> column_x;
    std::vector<float> radius;
    ImVec2 min, max; // the box, inside its padding
    float font = 13.f;
    bool short_captions = false; // sizes only, the names left out
    bool stagger = false;        // captions on two alternating rows, the columns being close
    bool ages = true;            // room for the "t-1" line under the captions
    // Whether the output column has room for its class names and probabilities.
    bool labelled_outputs = false;

    std::size_t columns() const { return column_x.size(); }
};

// Lays out `view` in [min, max] with text of `font` pixels and lines of `unit`, measuring with `measure`;
// `layout` keeps its storage between calls.
void lay_out_network(const StepNetView& view, std::span<const std::string> class_names, ImVec2 min,
                     ImVec2 max, float font, float unit, const TextMeasure& measure, NetworkLayout& layout);

struct NeuronAt {
    std::size_t column = 0, neuron = 0;
};
// The neuron drawn at `point`, give or take a little for small ones.
std::optional<NeuronAt> neuron_at(const NetworkLayout& layout, ImVec2 point);

// "relu 32" above a column, or "32" when the captions are short.
void network_caption(const StepNetView& view, std::size_t column, bool short_caption, std::span<char> out);

} // namespace phasor::ui
