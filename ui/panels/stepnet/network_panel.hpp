// The Network panel: the stepped network drawn as a picture. Neurons are coloured by their activation this
// tick and connections by their weight; since every layer shows its own current buffer, in slow motion a
// signal visibly moves one layer per tick. The picture is a plot drawing (id "network"), so it exports like
// any plot; hovering a neuron reads out its a and z.
#pragma once
#include "ui/panels/panel.hpp"
#include "ui/panels/stepnet/network_drawing.hpp"

namespace phasor::ui {

class NetworkPanel final : public Panel {
  public:
    const char* title() const override { return "Network"; }
    const char* tooltip() const override {
        return "The network this tick: neurons coloured by activation, connections by weight sign and size.";
    }
    void draw(PanelContext& context) override;

  private:
    void hover_readout(const StepNetView& view, ImVec2 min, ImVec2 max);

    NetworkDrawing drawing_;
    plot::Plot plot_;
    plot::PlotView plot_view_;
    NetworkLayout hover_layout_; // the screen's layout, redone while the mouse is over the picture
};

} // namespace phasor::ui
