// The Gradient attention panel: how much attention changed each tensor's update over time (the engine's
// effect history, on the Activations panel's time axis) and, in words, whether it acts at all; per layer, the
// factors that re-weighted the last weight update, laid out like the weights, and their distribution; their
// min, max and entropy over the run.
#pragma once
#include "engine/stepnet/stepnet_view.hpp"
#include "ui/panels/panel.hpp"

#include <cstdint>
#include <vector>

namespace phasor::ui {

class AttentionPanel final : public Panel {
  public:
    const char* title() const override { return "Gradient attention"; }
    const char* tooltip() const override {
        return "How much gradient attention changed each update, and how it re-weighted the last update of "
               "each layer's weights.";
    }
    void draw(PanelContext& context) override;

  private:
    struct LayerPlots {
        plot::Plot factors, histogram;
        plot::PlotView factors_view, histogram_view;
    };
    void draw_effect(PanelContext& context, const StepNetView& view);
    void refill_effects(const Snapshot& snapshot, const StepNetView& view);
    void draw_layer(PanelContext& context, const LayerView& layer, std::size_t index);
    void draw_summary(PanelContext& context);

    std::vector<LayerPlots> layers_;
    // The engine's effect history as lines, one per tensor (each layer's weights, then each layer's bias),
    // made again whenever a snapshot brings new columns.
    std::vector<plot::SeriesHistory> effects_;
    struct Seen {
        std::uint64_t run = 0, newest = 0;
        std::size_t columns = 0;
        bool operator==(const Seen&) const = default;
    } effects_seen_;
    plot::Plot effect_;
    plot::PlotView effect_view_;
    plot::Plot range_, entropy_;
    plot::PlotView range_view_, entropy_view_;
};

} // namespace phasor::ui
