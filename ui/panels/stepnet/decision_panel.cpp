// Decision map panel (decision_panel.hpp). Cells use the light class colours and the points the saturated
// series colours of the same index, so a point sitting in the wrong region stands out.
#include "ui/panels/stepnet/decision_panel.hpp"

#include "ui/panels/panel_style.hpp"

#include <algorithm>

namespace phasor::ui {

void DecisionPanel::draw(PanelContext& context) {
    const Snapshot& snap = context.snapshot;
    static const DecisionMap kNoMap;
    const StepNetView* view = snap.payload_as<StepNetView>();
    const DecisionMap& decision = view ? view->decision : kNoMap;
    const auto cells = static_cast<std::size_t>(std::max(decision.resolution, 0));
    if (cells == 0 || decision.predicted.size() != cells * cells) {
        const ParamValue* task = snap.param("task.name");
        ImGui::TextWrapped(
            "The task \"%s\" is not 2-D, so there is no plane to map: the decision map is shown "
            "for tasks whose inputs are points in the plane, such as the spirals preset.",
            task ? to_display(*task).c_str() : "?");
        return;
    }
    if (plot_.id.empty()) {
        plot_.id = "decision_map";
        plot_.title = "Predicted class over the plane";
        plot_.x.label = "x1";
        plot_.y.label = "x2";
        plot_.equal_aspect = true;
        plot_.heatmaps.resize(1);
    }
    ImGui::Checkbox("Show confidence", &confidence_);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Colour each cell by the winning class's probability instead of by the class.");

    plot::Heatmap& map = plot_.heatmaps.front();
    const bool confidence = confidence_ && decision.confidence.size() == cells * cells;
    const std::size_t classes = std::max<std::size_t>(snap.class_names.size(), 1);
    map.rows = map.cols = decision.resolution;
    map.values = confidence ? decision.confidence : decision.predicted;
    map.colormap = confidence ? plot::Colormap::Viridis : plot::Colormap::Classes;
    map.lo = 0.f;
    map.hi = confidence ? 1.f : static_cast<float>(classes - 1);
    map.x0 = decision.x0;
    map.x1 = decision.x1;
    map.y0 = decision.y0;
    map.y1 = decision.y1;
    map.scale_label = confidence ? "winning probability" : "";
    if (confidence)
        map.class_names.clear();
    else
        map.class_names = snap.class_names;

    plot_.scatters.resize(classes);
    char name[64];
    for (std::size_t c = 0; c < classes; ++c) {
        plot::Scatter& points = plot_.scatters[c];
        points.name = class_name(snap, static_cast<int>(c), name);
        points.color = plot::series_color(static_cast<int>(c));
        points.x.clear();
        points.y.clear();
    }
    const std::size_t n =
        std::min({decision.points_x.size(), decision.points_y.size(), decision.points_label.size()});
    for (std::size_t i = 0; i < n; ++i) {
        const int label = decision.points_label[i];
        if (label < 0 || static_cast<std::size_t>(label) >= classes) continue;
        plot_.scatters[static_cast<std::size_t>(label)].x.push_back(decision.points_x[i]);
        plot_.scatters[static_cast<std::size_t>(label)].y.push_back(decision.points_y[i]);
    }

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float font = ImGui::GetFontSize();
    const ImVec2 size(std::max(avail.x, font * 12.f), std::max(avail.y, font * 12.f));
    context.plots.show(plot_, view_, size);
}

} // namespace phasor::ui
