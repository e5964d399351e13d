// The Activations panel: per layer, a neuron × time heatmap of the last observed ticks that scrolls live, so
// a class can see which neurons respond to which inputs and how that changes as the network learns.
#pragma once
#include "ui/panels/panel.hpp"
#include "ui/panels/stepnet/activation_columns.hpp"

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
    ActivationColumns history_;
};

} // namespace phasor::ui
