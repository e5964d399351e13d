// The Synthetic signals panel: how good the stand-ins are. Per component over ticks, the relative error of
// its synthetic inputs against the real ones ("mach_synthetic_error") and the cosine between the gradient
// it applied and the true one ("mach_gradient_cosine"). A component a quantity does not apply to (a leaf
// has no synthetic inputs, a head no delayed gradient) has no line.
#pragma once
#include "ui/panels/mach/node_lines.hpp"
#include "ui/panels/panel.hpp"

namespace phasor::ui {

class SyntheticSignalsPanel final : public Panel {
  public:
    const char* title() const override { return "Synthetic signals"; }
    const char* tooltip() const override {
        return "How close each component's synthetic inputs and delayed gradients are to the real ones.";
    }
    void draw(PanelContext& context) override;

  private:
    NodeLines error_lines_, cosine_lines_;
    plot::Plot error_, cosine_;
    plot::PlotView error_view_, cosine_view_;
};

// One line per component with data in `lines`, named and coloured by component: the same component keeps
// its colour on every plot of the family. Returns the number of lines.
std::size_t node_series(const MachView& view, const NodeLines& lines, plot::Plot& plot);

} // namespace phasor::ui
