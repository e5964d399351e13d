// Spike phases panel (phase_panel.hpp).
#include "ui/panels/spiking/phase_panel.hpp"

#include "ui/panels/panel_style.hpp"
#include "ui/panels/spiking/spiking_look.hpp"

#include <algorithm>

namespace phasor::ui {

void no_rhythm_message() {
    wrapped_text("No rhythm in this circuit: a spike's phase needs a theta rhythm to be read against. "
                 "The precession and theta_gamma presets have one.");
}

void PhasePanel::draw(PanelContext& context) {
    const SpikingView* view = spiking_view_or_wait(context.snapshot);
    if (view == nullptr) return;
    if (!view->rhythmic) return no_rhythm_message();
    drawing_.set(view);
    if (plot_.id.empty()) {
        plot_.id = "spiking_phase";
        plot_.drawing = &drawing_;
    }
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    context.plots.show(plot_, plot_view_,
                       ImVec2(std::max(avail.x, font * 10.f), std::max(avail.y, font * 12.f)));
}

} // namespace phasor::ui
