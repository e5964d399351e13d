// The Gradient attention panel: per layer, the factors that re-weighted the last weight update, laid out like
// the weights, their distribution, and their min, max and entropy over time.
#pragma once
#include "engine/stepnet/stepnet_view.hpp"
#include "ui/panels/panel.hpp"

#include <vector>

namespace phasor::ui {

class AttentionPanel final : public Panel {
  public:
    const char* title() const override { return "Gradient attention"; }
    const char* tooltip() const override {
        return "How gradient attention re-weighted the last update of each layer's weights, and how that "
               "evolves.";
    }
    void draw(PanelContext& context) override;

  private:
    struct LayerPlots {
        plot::Plot factors, histogram;
        plot::PlotView factors_view, histogram_view;
    };
    void draw_layer(PanelContext& context, const LayerView& layer, std::size_t index);
    void draw_summary(PanelContext& context);

    std::vector<LayerPlots> layers_;
    plot::Plot range_, entropy_;
    plot::PlotView range_view_, entropy_view_;
};

} // namespace phasor::ui
