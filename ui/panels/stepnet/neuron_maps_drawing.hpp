// The Neurons picture as a plot::Drawing: for a 2-D task, a thumbnail per pictured neuron of its activation
// over the decision map's plane, a band per layer, each captioned with its layer and the colour scale its
// thumbnails share (the activation's own, as in the Network and Activations panels). The same draw() paints
// the panel, its PNG and its SVG; its CSV holds every thumbnail's cells.
#pragma once
#include "engine/stepnet/stepnet_view.hpp"
#include "ui/panels/panel_style.hpp"
#include "ui/panels/stepnet/neuron_grid.hpp"
#include "ui/plot/drawing.hpp"

#include <vector>

namespace phasor::ui {

class NeuronMapsDrawing final : public plot::Drawing {
  public:
    // What to draw: this frame's snapshot, which outlives the frame's exports. Copies the pictures into
    // heatmaps (storage kept from frame to frame) and resolves each layer's colour scale.
    void set(const StepNetView& view);
    const StepNetView* view() const { return view_; }
    // The thumbnail of `index` in `layer`, and the scale its layer is coloured on.
    const plot::Heatmap& thumbnail(std::size_t layer, std::size_t index) const {
        return maps_[first_[layer] + index];
    }
    const ActivationScale& scale(std::size_t layer) const { return scales_[layer]; }

    void draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const override;
    // layer,neuron,row,col,x,y,activation for every cell of every thumbnail.
    void write_csv(std::string& out) const override;

  private:
    void draw_caption(plot::Canvas& canvas, std::size_t layer, const plot::DrawStyle& style) const;

    const StepNetView* view_ = nullptr;
    std::vector<plot::Heatmap> maps_; // every layer's pictures, one after the other
    std::vector<std::size_t> first_;  // layer l's pictures start at maps_[first_[l]]
    std::vector<ActivationScale> scales_;
    mutable NeuronGrid grid_; // storage reused by every draw, on screen and in exports
};

} // namespace phasor::ui
