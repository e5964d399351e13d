// The Spike phases panel: the latest spikes' theta phase against time over the theta and gamma rhythms
// (phase_drawing.hpp), the plot "spiking_phase"; a circuit without a rhythm says so instead.
#pragma once
#include "ui/panels/panel.hpp"
#include "ui/panels/spiking/phase_drawing.hpp"

namespace phasor::ui {

class PhasePanel final : public Panel {
  public:
    const char* title() const override { return "Spike phases"; }
    const char* tooltip() const override {
        return "Each recent spike at its theta phase over time, above the theta and gamma rhythms.";
    }
    void draw(PanelContext& context) override;

    const PhaseDrawing& drawing() const { return drawing_; }

  private:
    PhaseDrawing drawing_;
    plot::Plot plot_;
    plot::PlotView plot_view_;
};

// Said by the phase panels of a circuit with no rhythm.
void no_rhythm_message();

} // namespace phasor::ui
