// The Decision map panel: for tasks whose inputs are points in the plane, the class the network predicts at
// every point (or how confident it is), with the training points on top.
#pragma once
#include "engine/stepnet/stepnet_view.hpp"
#include "ui/panels/panel.hpp"

namespace phasor::ui {

class DecisionPanel final : public Panel {
  public:
    const char* title() const override { return "Decision map"; }
    const char* tooltip() const override {
        return "For 2-D tasks, the class the network predicts over the plane, with the training points.";
    }
    void draw(PanelContext& context) override;

  private:
    plot::Plot plot_;
    plot::PlotView view_;
    bool confidence_ = false; // show the winning probability instead of the class
};

} // namespace phasor::ui
