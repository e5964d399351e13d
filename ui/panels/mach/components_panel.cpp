// Components panel (components_panel.hpp): the drawing through the plot shelf, sized to show every node at
// full detail (the window scrolls for a long chain), and a readout and a right-click menu laid out as the
// screen was drawn.
#include "ui/panels/mach/components_panel.hpp"

#include "ui/panels/mach/component_controls.hpp"

#include <algorithm>
#include <cmath>

namespace phasor::ui {

namespace {
constexpr const char* kMenu = "component_menu";
}

void ComponentsPanel::draw(PanelContext& context) {
    const MachView* view = context.snapshot.payload_as<MachView>();
    if (!view || view->nodes.empty()) {
        ImGui::TextDisabled("No run yet: waiting for the first snapshot.");
        return;
    }
    drawing_.set(view);
    if (plot_.id.empty()) {
        plot_.id = "mach_components"; // no title: the picture labels itself and gets the whole item
        plot_.drawing = &drawing_;
    }
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float width = std::max(avail.x, font * 16.f);
    // The hint's line is kept free under the picture, so it shows without scrolling.
    const float height = avail.y - ImGui::GetTextLineHeightWithSpacing();
    context.plots.show(
        plot_, plot_view_,
        ImVec2(width, std::max({height, components_height(*view, width, font, rows_), font * 8.f})));
    if (ImGui::IsItemHovered() && ImGui::GetFont() != nullptr) {
        const auto node = lay_out_hover(*view, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        if (node && ImGui::IsMouseReleased(ImGuiMouseButton_Right)) {
            menu_node_ = *node;
            ImGui::OpenPopup(kMenu);
        } else {
            hover_readout(*view);
        }
    }
    if (ImGui::BeginPopup(kMenu)) {
        // The run may have been rebuilt with fewer components since the menu opened.
        if (menu_node_ < view->nodes.size())
            component_menu(context, *view, menu_node_);
        else
            ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::TextDisabled("Right-click a component to pause, kill or slow it.");
}

std::optional<std::size_t> ComponentsPanel::lay_out_hover(const MachView& view, ImVec2 min, ImVec2 max) {
    const float font = ImGui::GetFont()->FontSize;
    // Where draw_plot puts an untitled drawing, at the size render() draws text.
    min.y = std::round(min.y);
    max.y = std::max(max.y, min.y + 1.f);
    lay_out_components(view, min, max, font, hover_layout_);
    hover_font_ = font;
    return hover_layout_.node_at(ImGui::GetIO().MousePos);
}

void ComponentsPanel::hover_readout(const MachView& view) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (const auto node = hover_layout_.node_at(mouse)) {
        const MachNodeView& n = view.nodes[*node];
        ImGui::SetTooltip(
            "%s: %s%s\n%llu steps (%.1f/s%s), %llu updates\nbatches: %llu real, %llu synthetic\n"
            "accuracy %.4g real, %.4g synthetic; loss %.4g\nsynthetic input error %.4g, "
            "gradient cosine %.4g\ngrads applied %llu, lost %llu\ndelay k: mean %.2f, p95 %d, "
            "max %d",
            n.name.c_str(), state_word(n.state),
            static_cast<int>(*node) == view.headline ? " (headline)" : "",
            static_cast<unsigned long long>(n.steps), static_cast<double>(n.steps_per_second),
            n.speed_cap > 0.f ? ", capped" : "", static_cast<unsigned long long>(n.updates),
            static_cast<unsigned long long>(n.real_batches),
            static_cast<unsigned long long>(n.synthetic_batches), static_cast<double>(n.accuracy),
            static_cast<double>(n.accuracy_synthetic), static_cast<double>(n.loss),
            static_cast<double>(n.synthetic_error), static_cast<double>(n.gradient_cosine),
            static_cast<unsigned long long>(n.grads_applied), static_cast<unsigned long long>(n.grads_lost),
            static_cast<double>(n.delay_mean), n.delay_p95, n.delay_max);
        return;
    }
    if (const auto edge = edge_at(view, hover_layout_, mouse, hover_font_)) {
        const MachEdgeView& e = view.edges[*edge];
        ImGui::SetTooltip(
            "%s -> %s\nSpikes: %d of %d queued, %.1f/s, %llu sent, %llu dropped\n"
            "Grads: %d of %d queued, %.1f/s, %llu sent, %llu dropped\nmean delay k %.2f",
            view.nodes[static_cast<std::size_t>(e.child)].name.c_str(),
            view.nodes[static_cast<std::size_t>(e.parent)].name.c_str(), e.spikes_queued, e.capacity,
            static_cast<double>(e.spike_rate), static_cast<unsigned long long>(e.spikes_sent),
            static_cast<unsigned long long>(e.spikes_dropped), e.grads_queued, e.capacity,
            static_cast<double>(e.grad_rate), static_cast<unsigned long long>(e.grads_sent),
            static_cast<unsigned long long>(e.grads_dropped), static_cast<double>(e.delay_mean));
    }
}

} // namespace phasor::ui
