// The network diagram as a plot::Drawing: columns of neurons coloured by activation, connections by weight,
// captions, the output's classes with the prediction and the scored target, and the verdict line. The same
// draw() paints the Network panel, its PNG and its SVG in any theme; its CSV holds the activations and the
// connections drawn.
#pragma once
#include "engine/stepnet/stepnet_view.hpp"
#include "ui/panels/stepnet/network_layout.hpp"
#include "ui/plot/drawing.hpp"

#include <cstdint>
#include <span>
#include <string>

namespace phasor::ui {

class NetworkDrawing final : public plot::Drawing {
  public:
    // What to draw: this frame's snapshot, which outlives the frame's exports. A view without layers draws
    // nothing.
    void set(const StepNetView* view, std::span<const std::string> class_names, std::uint64_t tick) {
        view_ = view;
        class_names_ = class_names;
        tick_ = tick;
    }
    std::span<const std::string> class_names() const { return class_names_; }

    void draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const override;
    // column,layer,neuron,activation for every neuron (layer empty for the input), then the connections
    // drawn: layer,from,to,weight.
    void write_csv(std::string& out) const override;

  private:
    void draw_connections(plot::Canvas& canvas, const DiagramInk& ink) const;
    void draw_neurons(plot::Canvas& canvas, const DiagramInk& ink) const;
    void draw_labels(plot::Canvas& canvas, const DiagramInk& ink) const;

    const StepNetView* view_ = nullptr;
    std::span<const std::string> class_names_;
    std::uint64_t tick_ = 0;
    mutable NetworkLayout layout_; // storage reused by every draw, on screen and in exports
};

} // namespace phasor::ui
