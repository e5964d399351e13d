// The Component accuracy panel: each scored component's test accuracy over ticks, with its real inputs
// (solid) and with its synthetic inputs in their place (the same colour, lighter, "name (synthetic)"): the
// gap is what the component still needs its children for. The plot is "mach_accuracy".
#pragma once
#include "ui/panels/mach/node_lines.hpp"
#include "ui/panels/panel.hpp"

namespace phasor::ui {

class ComponentAccuracyPanel final : public Panel {
  public:
    const char* title() const override { return "Component accuracy"; }
    const char* tooltip() const override {
        return "Each component's accuracy with its real inputs and with its synthetic ones.";
    }
    void draw(PanelContext& context) override;

  private:
    NodeLines real_, synthetic_;
    plot::Plot plot_;
    plot::PlotView plot_view_;
};

} // namespace phasor::ui
