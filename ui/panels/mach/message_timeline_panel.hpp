// The Message timeline panel: every message each component received over the last few seconds
// (message_timeline_drawing.hpp), with a choice of how many; hovering a mark says who sent it, what it was,
// how long it waited and, for a Grad, its delay k. Meant for slow motion. The plot is "mach_timeline".
#pragma once
#include "ui/panels/mach/message_timeline_drawing.hpp"
#include "ui/panels/panel.hpp"

namespace phasor::ui {

class MessageTimelinePanel final : public Panel {
  public:
    const char* title() const override { return "Message timeline"; }
    const char* tooltip() const override {
        return "Each message a component received, when, and how long it waited: best at a slow speed.";
    }
    void draw(PanelContext& context) override;

    double window = 5.0; // seconds shown, up to the snapshot's time

  private:
    void hover_readout(const MachView& view, ImVec2 min, ImVec2 max) const;

    MessageTimelineDrawing drawing_;
    plot::Plot plot_;
    plot::PlotView plot_view_;
};

} // namespace phasor::ui
