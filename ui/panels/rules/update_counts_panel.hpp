// The Update counts panel: for one variant (chosen above the plot; the first threshold-fired one by
// default, else the first), each layer's fraction of connections changed per sample over the run, a line per
// layer in its colour on a log axis (sparse rules change a thousandth where backprop changes all), the plot
// "rules_update_counts"; under it a table of each layer's updates and notifications per sample so far.
#pragma once
#include "engine/rules/rules_view.hpp"
#include "ui/panels/panel.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace phasor::ui {

class UpdateCountsPanel final : public Panel {
  public:
    const char* title() const override { return "Update counts"; }
    const char* tooltip() const override {
        return "How many of each layer's connections one variant changes per sample, over the run.";
    }
    void draw(PanelContext& context) override;

    const plot::Plot& plot() const { return plot_; }
    // The variant shown (an index into RulesView::variants), as chosen or by default.
    int variant() const { return variant_; }
    // Chooses the variant shown (the combo does this); -1: back to the default.
    void choose(int variant) { chosen_ = variant; }

  private:
    // Made again only when the variant's history changes (another run or variant, a point added, thinned).
    void refill(std::uint64_t run, const RulesView& view);
    void draw_totals(const RulesView& view) const;

    struct Seen {
        std::uint64_t run = 0;
        int variant = -1;
        float first = 0, last = 0;
        std::size_t points = 0, layers = 0;
        bool operator==(const Seen&) const = default;
    } seen_;
    bool filled_ = false;
    int chosen_ = -1; // the user's choice; -1: the default
    std::uint64_t chosen_run_ = 0;
    int variant_ = 0;
    std::vector<plot::SeriesHistory> lines_;
    plot::Plot plot_;
    plot::PlotView plot_view_;
};

std::unique_ptr<Panel> make_update_counts_panel();

// The variant a panel about updates shows unless told otherwise: the first with the threshold-fired rule
// (whose updates are the events worth counting), else the first.
int default_update_variant(const RulesView& view);

} // namespace phasor::ui
