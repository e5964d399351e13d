// Synthetic signals panel (synthetic_signals_panel.hpp).
#include "ui/panels/mach/synthetic_signals_panel.hpp"

#include <algorithm>

namespace phasor::ui {

std::size_t node_series(const MachView& view, const NodeLines& lines, plot::Plot& plot) {
    std::size_t shown = 0;
    for (std::size_t n = 0; n < lines.size() && n < view.nodes.size(); ++n) {
        if (lines.blank(n)) continue;
        if (plot.lines.size() <= shown) plot.lines.emplace_back();
        plot::LineSeries& line = plot.lines[shown++];
        if (line.name != view.nodes[n].name) line.name = view.nodes[n].name;
        line.color = plot::series_color(static_cast<int>(n));
        line.data = &lines.line(n);
    }
    plot.lines.resize(shown);
    return shown;
}

void SyntheticSignalsPanel::draw(PanelContext& context) {
    const MachView* view = context.snapshot.payload_as<MachView>();
    if (!view || view->nodes.empty()) {
        ImGui::TextDisabled("No run yet: waiting for the first snapshot.");
        return;
    }
    if (error_.id.empty()) {
        error_.id = "mach_synthetic_error";
        error_.title = "Synthetic input error";
        error_.x.label = cosine_.x.label = "tick";
        error_.x.whole = cosine_.x.whole = true;
        error_.y.label = "relative squared error";
        error_.y.from_zero = true;
        cosine_.id = "mach_gradient_cosine";
        cosine_.title = "Gradient cosine (applied vs true)";
        cosine_.y.label = "cosine";
        cosine_view_.auto_y = false; // a cosine's whole range, so 0 and 1 are always where they were
        cosine_view_.y_lo = -1.05;
        cosine_view_.y_hi = 1.05;
    }
    const MachHistory& history = view->history;
    error_lines_.refill(context.snapshot.run, history, history.synthetic_error);
    cosine_lines_.refill(context.snapshot.run, history, history.gradient_cosine);
    const std::size_t errors = node_series(*view, error_lines_, error_);
    const std::size_t cosines = node_series(*view, cosine_lines_, cosine_);
    if (errors == 0 && cosines == 0) {
        ImGui::TextWrapped("Nothing measured yet: no component has synthetic inputs or a measured gradient.");
        return;
    }
    error_.markers = cosine_.markers = &context.history.markers();
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const int plots = (errors > 0) + (cosines > 0);
    const float height =
        std::max(avail.y / static_cast<float>(plots) - ImGui::GetStyle().ItemSpacing.y, font * 9.f);
    if (errors > 0) context.plots.show(error_, error_view_, ImVec2(avail.x, height));
    if (cosines > 0) context.plots.show(cosine_, cosine_view_, ImVec2(avail.x, height));
}

} // namespace phasor::ui
