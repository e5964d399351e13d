// The Weights panel, for circuits whose synapses learn: the plastic weights' histogram now (the plot
// "spiking_weights") and the same histogram over simulated time as a heat map, weight up the side, the
// fraction of synapses at each weight in colour (the plot "spiking_weight_history"): STDP's drift of the
// weights towards their bounds shows as the bright band splitting and moving.
#pragma once
#include "engine/spiking/spiking_view.hpp"
#include "ui/panels/panel.hpp"

namespace phasor::ui {

class WeightsPanel final : public Panel {
  public:
    const char* title() const override { return "Weights"; }
    const char* tooltip() const override {
        return "The learning synapses' weights: their histogram now and how it changed over time.";
    }
    void draw(PanelContext& context) override;

    const plot::Plot& histogram() const { return now_; }
    const plot::Plot& history() const { return over_time_; }

  private:
    void fill_history(const SpikingView& view);

    plot::Plot now_, over_time_;
    plot::PlotView now_view_, over_time_view_;
};

} // namespace phasor::ui
