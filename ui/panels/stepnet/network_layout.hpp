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

// A column wider than this is summarised: one disc per band of neighbouring neurons (its first neuron's
// value), "showing 64 of 5000" below it. Past a few dozen a column shows no more than a density anyway, and
// a disc per neuron made a 2-5000-2 network take 296 ms a frame.
inline constexpr std::size_t kMaxNeuronsDrawn = 64;

struct NetworkLayout {
    // Neuron i of column k is at positions[first[k] + i], with radius radius[k]. In a summarised column every
    // neuron of a band sits at its band's disc, so connections to any of them end there.
    std::vector<ImVec2> positions;
    // Discs drawn in column k: all its neurons, or kMaxNeuronsDrawn bands (fewer where the column's pixel
    // height has no room for them).
    std::vector<std::size_t> shown;
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
    std::size_t size(std::size_t column) const { return first[column + 1] - first[column]; }
    bool summarised(std::size_t column) const { return shown[column] < size(column); }
    // The neuron drawn as disc j of `column`: the first of its band.
    std::size_t drawn_neuron(std::size_t column, std::size_t j) const {
        const std::size_t n = size(column), s = shown[column];
        return s == n ? j : (j * n + s - 1) / s;
    }
    // The last neuron of the band whose disc shows `neuron` (itself in a column drawn whole).
    std::size_t band_end(std::size_t column, std::size_t neuron) const {
        const std::size_t s = shown[column];
        for (std::size_t j = 0; j + 1 < s; ++j)
            if (drawn_neuron(column, j) == neuron) return drawn_neuron(column, j + 1) - 1;
        return summarised(column) ? size(column) - 1 : neuron;
    }
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
