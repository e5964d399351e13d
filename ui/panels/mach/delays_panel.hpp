// The Delays panel: how stale the gradients are. For one edge, or all of them pooled, the histogram of k,
// the number of its own steps a child took between sending an activation and applying the Grad for it
// (MachEdgeView::delay_histogram). The plot is "mach_delays".
#pragma once
#include "engine/mach/mach_view.hpp"
#include "ui/panels/panel.hpp"

namespace phasor::ui {

class DelaysPanel final : public Panel {
  public:
    const char* title() const override { return "Delays"; }
    const char* tooltip() const override {
        return "How many steps old the gradients are when a component applies them, per edge.";
    }
    void draw(PanelContext& context) override;

    // -1: every edge pooled; else an index into MachView::edges.
    int edge = -1;

  private:
    void choose_edge(const MachView& view);

    plot::Plot plot_;
    plot::PlotView plot_view_;
};

// The histogram of `edge`'s delays (-1: all edges summed), one bar per k centred on it, trailing empty bins
// left out (at least one bin stays). The last engine bin holds every k ≥ kDelayBins − 1.
void delay_bars(const MachView& view, int edge, plot::Histogram& out);

} // namespace phasor::ui
