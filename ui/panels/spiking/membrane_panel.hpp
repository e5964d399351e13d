// The Membrane panel: the membrane potential of each followed neuron (view.follow) over time, its spikes as
// dots along the top in its colour, the plot "spiking_membrane". The engine sends the last window of each
// trace; the panel keeps appending what is new so the plot scrolls and can be panned back a little.
#pragma once
#include "engine/spiking/spiking_view.hpp"
#include "ui/panels/panel.hpp"

#include <cstdint>
#include <vector>

namespace phasor::ui {

class MembranePanel final : public Panel {
  public:
    const char* title() const override { return "Membrane"; }
    const char* tooltip() const override {
        return "The membrane potential of the neurons you follow, with their spikes marked.";
    }
    void draw(PanelContext& context) override;

    const plot::Plot& plot() const { return plot_; }

  private:
    struct Trace {
        std::uint32_t neuron = 0;
        plot::SeriesHistory line{std::size_t{1} << 14};
    };
    void update(std::uint64_t run, const SpikingView& view);

    std::uint64_t run_ = 0;
    std::vector<Trace> traces_;
    std::vector<int> palette_, used_; // population hues; each followed neuron's hue
    plot::Plot plot_;
    plot::PlotView plot_view_;
};

} // namespace phasor::ui
