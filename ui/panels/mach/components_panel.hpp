// The Components panel: the component graph (components_drawing.hpp) with every component's state, speed and
// accuracy and every edge's queue, rate and delay; hovering a box or an edge's figures gives all its numbers;
// right-clicking a box pauses, kills, restarts or slows that component. The picture is the plot
// "mach_components", exported like any.
#pragma once
#include "ui/panels/mach/components_drawing.hpp"
#include "ui/panels/panel.hpp"

#include <optional>

namespace phasor::ui {

class ComponentsPanel final : public Panel {
  public:
    const char* title() const override { return "Components"; }
    const char* tooltip() const override {
        return "The components, how fast each runs and how well it does, and the queues between them.";
    }
    void draw(PanelContext& context) override;

  private:
    // Lays the picture out as the screen shows it (min, max: the item's rectangle) and returns the component
    // under the mouse, for the readout and the right-click menu.
    std::optional<std::size_t> lay_out_hover(const MachView& view, ImVec2 min, ImVec2 max);
    void hover_readout(const MachView& view);

    ComponentsDrawing drawing_;
    ComponentGraphLayout hover_layout_;
    float hover_font_ = 0.f;
    std::size_t menu_node_ = 0; // the component the right-click menu is for
    std::vector<int> rows_;     // components_height()'s storage, kept so a frame allocates nothing
    plot::Plot plot_;
    plot::PlotView plot_view_;
};

} // namespace phasor::ui
