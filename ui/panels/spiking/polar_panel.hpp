// The Phase histogram panel: a rose of spike phases per population with its phase-locking value and mean
// phase (polar_drawing.hpp), the plot "spiking_phase_histogram"; a circuit without a rhythm says so.
#pragma once
#include "ui/panels/panel.hpp"
#include "ui/panels/spiking/polar_drawing.hpp"

namespace phasor::ui {

class PolarPanel final : public Panel {
  public:
    const char* title() const override { return "Phase histogram"; }
    const char* tooltip() const override {
        return "Each population's spike phases on the theta cycle, with how tightly they lock (PLV).";
    }
    void draw(PanelContext& context) override;

    const PolarDrawing& drawing() const { return drawing_; }

  private:
    PolarDrawing drawing_;
    plot::Plot plot_;
    plot::PlotView plot_view_;
};

} // namespace phasor::ui
