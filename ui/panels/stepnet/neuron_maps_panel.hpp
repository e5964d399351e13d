// The Neurons panel: for 2-D tasks, what each hidden neuron and each output computes over the plane, a
// thumbnail of its activation at every point, as TensorFlow Playground draws them inside its network. The
// picture is a plot drawing (id "neuron_maps"), so it exports like any plot; hovering a thumbnail names the
// neuron and the range it takes over the plane.
#pragma once
#include "ui/panels/panel.hpp"
#include "ui/panels/stepnet/neuron_maps_drawing.hpp"

namespace phasor::ui {

class NeuronMapsPanel final : public Panel {
  public:
    const char* title() const override { return "Neurons"; }
    const char* tooltip() const override {
        return "For 2-D tasks, each neuron's activation over the plane: the features the network builds.";
    }
    void draw(PanelContext& context) override;

  private:
    void hover_readout(ImVec2 min, ImVec2 max);

    NeuronMapsDrawing drawing_;
    plot::Plot plot_;
    plot::PlotView plot_view_;
    NeuronGrid hover_grid_; // the screen's layout, redone while the mouse is over the picture
};

} // namespace phasor::ui
