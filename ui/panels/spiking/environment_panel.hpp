// The Environment panel: what the circuit's environment looks like now and what its readout makes of the
// output spikes (environment_drawing.hpp, the plot "spiking_environment"), and the reward per decision over
// time (the plot "spiking_reward").
#pragma once
#include "engine/spiking/spiking_view.hpp"
#include "ui/panels/panel.hpp"
#include "ui/panels/spiking/environment_drawing.hpp"

#include <cstdint>

namespace phasor::ui {

class EnvironmentPanel final : public Panel {
  public:
    const char* title() const override { return "Environment"; }
    const char* tooltip() const override {
        return "The task the network acts in, its readout's choice and the reward it earns.";
    }
    void draw(PanelContext& context) override;

  private:
    EnvironmentDrawing drawing_;
    plot::Plot scene_, reward_;
    plot::PlotView scene_view_, reward_view_;
    plot::SeriesHistory reward_line_{std::size_t{SpikingView::kHistory} * 2};
    std::uint64_t run_ = 0;
    float last_ = 0.f;
    std::size_t points_ = 0;
};

} // namespace phasor::ui
