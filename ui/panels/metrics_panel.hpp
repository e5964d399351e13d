// The Metrics panel: loss, rolling accuracy, learning rate and speed over the run, and the held-out accuracy
// per class from the latest evaluation.
#pragma once
#include "ui/panels/panel.hpp"

#include <array>

namespace phasor::ui {

class MetricsPanel final : public Panel {
  public:
    const char* title() const override { return "Metrics"; }
    const char* tooltip() const override {
        return "Loss, accuracy, learning rate and speed over the run, and held-out accuracy per class.";
    }
    void draw(PanelContext& context) override;

  private:
    void set_up();

    enum Line { Loss, Accuracy, Rate, Speed, LineCount };
    std::array<plot::Plot, LineCount> lines_;
    std::array<plot::PlotView, LineCount> line_views_;
    plot::Plot eval_;
    plot::PlotView eval_view_;
};

} // namespace phasor::ui
