// Delays panel (delays_panel.hpp).
#include "ui/panels/mach/delays_panel.hpp"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <iterator>

namespace phasor::ui {

void delay_bars(const MachView& view, int edge, plot::Histogram& out) {
    std::size_t bins = 0;
    for (std::size_t e = 0; e < view.edges.size(); ++e)
        if (edge < 0 || static_cast<std::size_t>(edge) == e)
            bins = std::max(bins, view.edges[e].delay_histogram.size());
    out.counts.assign(bins, 0.0);
    for (std::size_t e = 0; e < view.edges.size(); ++e) {
        if (edge >= 0 && static_cast<std::size_t>(edge) != e) continue;
        const auto& h = view.edges[e].delay_histogram;
        for (std::size_t k = 0; k < h.size(); ++k) out.counts[k] += static_cast<double>(h[k]);
    }
    std::size_t used = out.counts.size();
    while (used > 1 && out.counts[used - 1] == 0.0) --used;
    out.counts.resize(used);
    out.edges.resize(used + 1);
    for (std::size_t k = 0; k <= used; ++k) out.edges[k] = static_cast<double>(k) - 0.5;
}

void DelaysPanel::draw(PanelContext& context) {
    const MachView* view = context.snapshot.payload_as<MachView>();
    if (!view || view->nodes.empty()) {
        ImGui::TextDisabled("No run yet: waiting for the first snapshot.");
        return;
    }
    if (view->edges.empty()) {
        ImGui::TextWrapped("No edges: a single component (or plain backprop) applies its gradients at once.");
        return;
    }
    if (edge >= static_cast<int>(view->edges.size())) edge = -1;
    choose_edge(*view);
    if (plot_.id.empty()) {
        plot_.id = "mach_delays";
        plot_.x.label = "delay k (steps of the child)";
        plot_.y.label = "gradients applied";
        plot_.x.whole = plot_.y.whole = plot_.y.from_zero = true;
        plot_.histograms.resize(1);
        plot_.histograms.front().color = plot::series_color(1);
    }
    plot_.title.clear(); // keeps its storage: the title grows once and is rewritten in place
    if (edge < 0) {
        plot_.title = "Gradient delay, every edge";
    } else {
        const MachEdgeView& e = view->edges[static_cast<std::size_t>(edge)];
        fmt::format_to(std::back_inserter(plot_.title), "Gradient delay, {} -> {} (mean k {:.1f})",
                       view->nodes[static_cast<std::size_t>(e.child)].name,
                       view->nodes[static_cast<std::size_t>(e.parent)].name, e.delay_mean);
    }
    delay_bars(*view, edge, plot_.histograms.front());
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    context.plots.show(plot_, plot_view_, ImVec2(avail.x, std::max(avail.y, ImGui::GetFontSize() * 10.f)));
}

// Names written into buffers, not strings: a panel drawn every frame allocates nothing once warm.
void DelaysPanel::choose_edge(const MachView& view) {
    const auto node = [&](int i) {
        return i >= 0 && i < static_cast<int>(view.nodes.size())
                   ? view.nodes[static_cast<std::size_t>(i)].name.c_str()
                   : "?";
    };
    char label[128];
    const auto name = [&](int e) {
        const MachEdgeView& edge_view = view.edges[static_cast<std::size_t>(e)];
        std::snprintf(label, sizeof label, "%s -> %s##%d", node(edge_view.child), node(edge_view.parent), e);
        return label;
    };
    ImGui::SetNextItemWidth(std::min(ImGui::GetFontSize() * 14.f, ImGui::GetContentRegionAvail().x));
    if (!ImGui::BeginCombo("Edge", edge < 0 ? "every edge" : name(edge), ImGuiComboFlags_None)) return;
    if (ImGui::Selectable("every edge", edge < 0)) edge = -1;
    for (int e = 0; e < static_cast<int>(view.edges.size()); ++e)
        if (ImGui::Selectable(name(e), edge == e)) edge = e;
    ImGui::EndCombo();
}

} // namespace phasor::ui
