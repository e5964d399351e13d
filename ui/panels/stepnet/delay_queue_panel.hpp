// The Delay queue panel: the targets waiting to be scored, oldest first, the one scored this tick, whether
// the delay lines targets up with the inputs that produced the outputs, and the queue's occupancy over time.
// The slots and the occupancy are plots ("delay_queue_slots", "delay_queue_occupancy"), exported like any.
#pragma once
#include "engine/stepnet/stepnet_view.hpp"
#include "ui/panels/panel.hpp"
#include "ui/panels/stepnet/queue_slots_drawing.hpp"

namespace phasor::ui {

class DelayQueuePanel final : public Panel {
  public:
    const char* title() const override { return "Delay queue"; }
    const char* tooltip() const override {
        return "The targets waiting to be scored and whether the delay depth lines them up with the outputs.";
    }
    void draw(PanelContext& context) override;

  private:
    void draw_alignment(const StepNetView& view) const;
    void draw_recovery_hint(const PanelContext& context, const StepNetView& view) const;
    void draw_slots(PanelContext& context, const StepNetView& view);

    QueueSlotsDrawing slots_;
    plot::Plot slots_plot_;
    plot::PlotView slots_view_;
    plot::Plot occupancy_;
    plot::PlotView occupancy_view_;
};

} // namespace phasor::ui
