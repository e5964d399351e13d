// The Credit-assignment lens panel: how closely each variant's updates follow the true backprop gradient,
// per layer. On top, the latest angles as grouped bars (lens_drawing.hpp; the plot "rules_lens"); under
// them, for one layer chosen between the two, every variant's angle over the run (the plot
// "rules_lens_history"), a line across at 90°. Unmeasured angles (NaN) are left out, never drawn as 0°. Where
// the panel is too short for both, one at full height, chosen above it.
#pragma once
#include "engine/rules/rules_view.hpp"
#include "ui/panels/panel.hpp"
#include "ui/panels/rules/lens_drawing.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace phasor::ui {

class LensPanel final : public Panel {
  public:
    const char* title() const override { return "Credit-assignment lens"; }
    const char* tooltip() const override {
        return "The angle between each variant's update and the true gradient, per layer: 0° follows it, 90° "
               "is orthogonal.";
    }
    void draw(PanelContext& context) override;

    const LensBarsDrawing& bars() const { return bars_; }
    const plot::Plot& history() const { return history_; }
    int layer = 0; // the layer whose angles over the run are shown
    // Where only one plot fits: whether it is the angles over the run (else the latest bars).
    bool history_alone = false;
    // Whether the last frame had room for only one plot.
    bool compact() const { return compact_; }

  private:
    void choose_layer(const RulesView& view);
    void show_bars(PanelContext& context, const RulesView& view, float width, float height);
    void show_history(PanelContext& context, const RulesView& view, float width);

    bool compact_ = false;
    // Made again only when the histories change (another run or layer, a point added, thinned).
    void refill(std::uint64_t run, const RulesView& view);

    struct Seen {
        std::uint64_t run = 0;
        int layer = -1;
        float first = 0, last = 0;
        std::size_t points = 0, variants = 0;
        bool operator==(const Seen&) const = default;
    } seen_;
    bool filled_ = false;
    std::vector<plot::SeriesHistory> lines_;
    plot::SeriesHistory orthogonal_; // 90° across the run
    LensBarsDrawing bars_;
    plot::Plot bars_plot_, history_;
    plot::PlotView bars_view_, history_view_;
};

std::unique_ptr<Panel> make_lens_panel();

} // namespace phasor::ui
