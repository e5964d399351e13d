// The Spike raster panel: the last window of every neuron's spikes scrolling live (raster_drawing.hpp), the
// plot "spiking_raster" exported like any; clicking a row follows its neuron (view.follow, first).
#pragma once
#include "ui/panels/panel.hpp"
#include "ui/panels/spiking/raster_drawing.hpp"

namespace phasor::ui {

class RasterPanel final : public Panel {
  public:
    const char* title() const override { return "Spike raster"; }
    const char* tooltip() const override {
        return "Every neuron's spikes over the last window, by population; click a row to follow a neuron.";
    }
    void draw(PanelContext& context) override;

    const RasterDrawing& drawing() const { return drawing_; }

  private:
    RasterDrawing drawing_;
    plot::Plot plot_;
    plot::PlotView plot_view_;
};

} // namespace phasor::ui
