// The Neurons in space panel: the network in 3D lighting up as it fires (neurons_drawing.hpp), the plot
// "spiking_neurons"; drag to turn it, the wheel to zoom, a click on a neuron follows it and picks it (its
// synapses drawn to their targets).
#pragma once
#include "ui/panels/panel.hpp"
#include "ui/panels/spiking/neurons_drawing.hpp"

namespace phasor::ui {

class NeuronsPanel final : public Panel {
  public:
    const char* title() const override { return "Neurons in space"; }
    const char* tooltip() const override {
        return "The neurons where they sit, flashing as they fire; drag to turn, click one to follow it.";
    }
    void draw(PanelContext& context) override;

    Orbit orbit;
    const NeuronsDrawing& drawing() const { return drawing_; }

  private:
    void handle_mouse(PanelContext& context, const SpikingView& view);

    NeuronsDrawing drawing_;
    ImVec2 pressed_at_{0, 0};
    plot::Plot plot_;
    plot::PlotView plot_view_;
};

} // namespace phasor::ui
