// Message timeline panel (message_timeline_panel.hpp).
#include "ui/panels/mach/message_timeline_panel.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace phasor::ui {

namespace {

constexpr std::array<double, 6> kWindows{0.5, 1.0, 2.0, 5.0, 10.0, 30.0};
constexpr std::array<const char*, 6> kWindowNames{"0.5 s", "1 s", "2 s", "5 s", "10 s", "30 s"};

} // namespace

void MessageTimelinePanel::draw(PanelContext& context) {
    const MachView* view = context.snapshot.payload_as<MachView>();
    if (!view || view->nodes.empty()) {
        ImGui::TextDisabled("No run yet: waiting for the first snapshot.");
        return;
    }
    std::size_t chosen = 0;
    for (std::size_t i = 0; i < kWindows.size(); ++i)
        if (std::abs(kWindows[i] - window) < std::abs(kWindows[chosen] - window)) chosen = i;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.f);
    if (ImGui::BeginCombo("Last", kWindowNames[chosen])) {
        for (std::size_t i = 0; i < kWindows.size(); ++i)
            if (ImGui::Selectable(kWindowNames[i], i == chosen)) window = kWindows[i];
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::TextDisabled("the engine keeps the latest %d messages", MachView::kMarks);

    drawing_.set(view, window);
    if (plot_.id.empty()) {
        plot_.id = "mach_timeline";
        plot_.drawing = &drawing_;
    }
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // A lane stays tall enough for its name; many components scroll.
    const float needed = static_cast<float>(view->nodes.size()) * font * 1.3f + font * 4.5f;
    context.plots.show(plot_, plot_view_,
                       ImVec2(std::max(avail.x, font * 16.f), std::max({avail.y, needed, font * 8.f})));
    if (ImGui::IsItemHovered()) hover_readout(*view, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

// The nearest mark within a little of the mouse, found with the screen's layout.
void MessageTimelinePanel::hover_readout(const MachView& view, ImVec2 min, ImVec2 max) const {
    const ImFont* font = ImGui::GetFont();
    if (font == nullptr) return;
    min.y = std::round(min.y);
    max.y = std::max(max.y, min.y + 1.f);
    const float size = font->FontSize;
    const TimelineGeometry g =
        timeline_geometry(view, window, min, max, size, drawing_.name_width(FontMeasure(*font), size));
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const MachMark* best = nullptr;
    float nearest = std::max(g.mark * 2.f, size * 0.5f);
    for (const MachMark& m : view.marks) {
        if (!drawing_.shown(m)) continue;
        const ImVec2 p = g.at(m);
        const float d = std::hypot(p.x - mouse.x, p.y - mouse.y);
        if (d < nearest) nearest = d, best = &m;
    }
    if (best == nullptr) return;
    const auto name = [&](int i) {
        return i >= 0 && i < static_cast<int>(view.nodes.size())
                   ? view.nodes[static_cast<std::size_t>(i)].name.c_str()
                   : "?";
    };
    if (best->grad)
        ImGui::SetTooltip("Grad %s -> %s\nreceived at %.3f s, waited %.3f s\ndelay k = %d steps of %s",
                          name(best->from), name(best->component), best->time, static_cast<double>(best->age),
                          best->delay, name(best->component));
    else
        ImGui::SetTooltip("Spike %s -> %s\nreceived at %.3f s, waited %.3f s", name(best->from),
                          name(best->component), best->time, static_cast<double>(best->age));
}

} // namespace phasor::ui
