// Neurons in space panel (neurons_panel.hpp).
#include "ui/panels/spiking/neurons_panel.hpp"

#include "ui/panels/spiking/followed_neurons.hpp"
#include "ui/panels/spiking/spiking_look.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h> // SetItemUsingMouseWheel: the wheel zooms instead of scrolling the panel

namespace phasor::ui {

void NeuronsPanel::draw(PanelContext& context) {
    const SpikingView* view = spiking_view_or_wait(context.snapshot);
    if (view == nullptr) return;
    if (view->points.empty()) {
        ImGui::TextDisabled("This circuit has no neurons to place.");
        return;
    }
    drawing_.set(view, orbit);
    if (plot_.id.empty()) {
        plot_.id = "spiking_neurons";
        plot_.drawing = &drawing_;
    }
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    context.plots.show(plot_, plot_view_,
                       ImVec2(std::max(avail.x, font * 10.f), std::max(avail.y, font * 12.f)));
    handle_mouse(context, *view);
}

// A drag turns (a panel's width is half a turn); a press and release in place is a click, which picks.
void NeuronsPanel::handle_mouse(PanelContext& context, const SpikingView& view) {
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsItemHovered()) {
        ImGui::SetItemUsingMouseWheel();
        if (io.MouseWheel != 0.f)
            orbit.zoom = std::clamp(orbit.zoom * std::pow(1.15f, io.MouseWheel), 0.3f, 20.f);
    }
    if (ImGui::IsItemActivated()) pressed_at_ = io.MousePos;
    const float width = std::max(ImGui::GetItemRectSize().x, 1.f);
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.f)) {
        const ImVec2 d = ImGui::GetMouseDragDelta(ImGuiMouseButton_Left, 0.f);
        ImGui::ResetMouseDragDelta(ImGuiMouseButton_Left);
        orbit.yaw += d.x / width * 3.14159f;
        orbit.pitch = std::clamp(orbit.pitch + d.y / width * 3.14159f, -1.55f, 1.55f);
    }
    if (ImGui::IsItemDeactivated()) {
        const float moved = std::hypot(io.MousePos.x - pressed_at_.x, io.MousePos.y - pressed_at_.y);
        ImVec2 min = ImGui::GetItemRectMin();
        min.y = std::round(min.y); // where an untitled drawing starts
        const float font = ImGui::GetFont() ? ImGui::GetFont()->FontSize : ImGui::GetFontSize();
        const Projection projection = project_drawing(view, orbit, min, ImGui::GetItemRectMax(), font);
        if (moved < 3.f)
            if (const auto neuron = neuron_at(view, projection, io.MousePos, font * 0.6f))
                follow_first(context, view, *neuron);
    }
}

} // namespace phasor::ui
