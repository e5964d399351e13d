// The Update raster panel: which connections of one variant (RulesView::raster.variant, named with what it
// changes in the title) fired on each of the last 256 ticks, scrolling live like a spike raster
// (update_raster_drawing.hpp); the plot "rules_update_raster", exported like any. Hovering a cell reads out
// its neuron, tick and fraction.
#pragma once
#include "ui/panels/panel.hpp"
#include "ui/panels/rules/update_raster_drawing.hpp"

#include <memory>

namespace phasor::ui {

class UpdateRasterPanel final : public Panel {
  public:
    const char* title() const override { return "Update raster"; }
    const char* tooltip() const override {
        return "Which connections one variant changed on each of the last 256 ticks, by layer: sparse rules "
               "fire in events.";
    }
    void draw(PanelContext& context) override;

    const UpdateRasterDrawing& drawing() const { return drawing_; }
    const plot::Plot& plot() const { return plot_; }

  private:
    UpdateRasterDrawing drawing_;
    plot::Plot plot_;
    plot::PlotView plot_view_;
};

std::unique_ptr<Panel> make_update_raster_panel();

} // namespace phasor::ui
