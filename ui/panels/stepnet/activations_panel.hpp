// The Activations panel: per layer, a neuron × time heatmap of the engine's activation history on a true time
// axis (a column per tick in slow motion, a stated number of ticks apart faster), so a class can see which
// neurons respond to which inputs and how that changes as the network learns.
#pragma once
#include "ui/panels/panel.hpp"

#include <vector>

namespace phasor::ui {

class ActivationsPanel final : public Panel {
  public:
    const char* title() const override { return "Activations"; }
    const char* tooltip() const override {
        return "Each layer's activations over the last ticks: one row per neuron, time running left to "
               "right.";
    }
    void draw(PanelContext& context) override;

  private:
    struct LayerPlot {
        plot::Plot plot;
        plot::PlotView view;
    };
    std::vector<LayerPlot> plots_; // one per layer, kept across frames for their views and storage
};

} // namespace phasor::ui
