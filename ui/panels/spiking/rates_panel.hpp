// The Population rates panel: each population's firing rate (Hz) over simulated time from the engine's
// series history, a line per population in its colour, the plot "spiking_rates".
#pragma once
#include "engine/spiking/spiking_view.hpp"
#include "ui/panels/panel.hpp"

#include <cstdint>
#include <vector>

namespace phasor::ui {

class RatesPanel final : public Panel {
  public:
    const char* title() const override { return "Population rates"; }
    const char* tooltip() const override { return "Each population's firing rate over simulated time."; }
    void draw(PanelContext& context) override;

    const plot::Plot& plot() const { return plot_; }

  private:
    // Made again only when the engine's history changes (another run, a point added, thinned).
    void refill(std::uint64_t run, const SpikingView& view);

    struct Seen {
        std::uint64_t run = 0;
        float first = 0, last = 0;
        std::size_t points = 0, populations = 0;
        bool operator==(const Seen&) const = default;
    } seen_;
    bool filled_ = false;
    std::vector<plot::SeriesHistory> lines_;
    std::vector<int> palette_;
    plot::Plot plot_;
    plot::PlotView plot_view_;
};

} // namespace phasor::ui
