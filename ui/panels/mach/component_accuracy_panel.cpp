// Component accuracy panel (component_accuracy_panel.hpp).
#include "ui/panels/mach/component_accuracy_panel.hpp"

#include "ui/plot/canvas.hpp"

#include <algorithm>

namespace phasor::ui {

namespace {

// The synthetic line of a component: its real line's hue, faded, so the pair reads as one component's.
constexpr int kSyntheticAlpha = 120;

// Sets line `i` of `plot` to (`name` + `suffix`, `color`, `data`), growing the list as needed; the name is
// rewritten only when it changed, so a steady frame copies nothing.
void set_line(plot::Plot& plot, std::size_t i, const std::string& name, const char* suffix, plot::Rgba color,
              const plot::SeriesHistory& data) {
    if (plot.lines.size() <= i) plot.lines.emplace_back();
    plot::LineSeries& line = plot.lines[i];
    const std::size_t suffix_size = std::char_traits<char>::length(suffix);
    if (line.name.size() != name.size() + suffix_size || line.name.compare(0, name.size(), name) != 0) {
        line.name = name;
        line.name += suffix;
    }
    line.color = color;
    line.data = &data;
}

} // namespace

void ComponentAccuracyPanel::draw(PanelContext& context) {
    const MachView* view = context.snapshot.payload_as<MachView>();
    if (!view || view->nodes.empty()) {
        ImGui::TextDisabled("No run yet: waiting for the first snapshot.");
        return;
    }
    if (plot_.id.empty()) {
        plot_.id = "mach_accuracy";
        plot_.title = "Component accuracy: real inputs and synthetic";
        plot_.x.label = "tick";
        plot_.x.whole = true;
        plot_.y.label = "test accuracy";
        plot_view_.auto_y = false;
        plot_view_.y_lo = 0.0;
        plot_view_.y_hi = 1.02;
    }
    const MachHistory& history = view->history;
    real_.refill(context.snapshot.run, history, history.accuracy);
    synthetic_.refill(context.snapshot.run, history, history.accuracy_synthetic);
    std::size_t shown = 0;
    for (std::size_t n = 0; n < view->nodes.size(); ++n) {
        const std::string& name = view->nodes[n].name;
        const plot::Rgba color = plot::series_color(static_cast<int>(n));
        if (n < real_.size() && !real_.blank(n)) set_line(plot_, shown++, name, "", color, real_.line(n));
        if (n < synthetic_.size() && !synthetic_.blank(n))
            set_line(plot_, shown++, name, " (synthetic)", plot::with_alpha(color, kSyntheticAlpha),
                     synthetic_.line(n));
    }
    plot_.lines.resize(shown);
    if (shown == 0) {
        ImGui::TextWrapped("No accuracy yet: the components with a loss are scored every few hundred ticks.");
        return;
    }
    plot_.markers = &context.history.markers();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    context.plots.show(plot_, plot_view_, ImVec2(avail.x, std::max(avail.y, ImGui::GetFontSize() * 10.f)));
}

} // namespace phasor::ui
