// Decision map panel (decision_panel.hpp). Cells use the light class colours and the points the saturated
// series colours of the same index, so a point sitting in the wrong region stands out; test points are rings,
// so they read as a second set over the same plane.
#include "ui/panels/stepnet/decision_panel.hpp"

#include "ui/panels/panel_style.hpp"

#include <algorithm>

namespace phasor::ui {

namespace {

// The legend's swatch for a set of points coloured by class: the palette's neutral grey, readable on every
// theme, since no one class stands for the set.
const plot::Rgba kPointsSwatch = plot::series_color(7);

void hover_tip(const char* text) {
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

float checkbox_width(const char* label) {
    const ImGuiStyle& style = ImGui::GetStyle();
    return ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x +
           style.ItemSpacing.x;
}

} // namespace

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
        plot_.legend_place = plot::LegendPlace::Outside;
        plot_.heatmaps.resize(1);
    }
    toggles(decision);
    const std::size_t classes = std::max<std::size_t>(snap.class_names.size(), 1);
    fill_map(decision, classes, snap);
    fill_points(decision, classes);

    // Never so short that the map shrinks to a stamp under its axes and key (a small panel at a projector's
    // UI scale): the panel scrolls instead.
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float font = ImGui::GetFontSize();
    const ImVec2 size(std::max(avail.x, font * 12.f), std::max(avail.y, font * 16.f));
    context.plots.show(plot_, view_, size);
}

void DecisionPanel::toggles(const DecisionMap& decision) {
    ImGui::Checkbox("Discretize output", &discretize_);
    hover_tip("Flat class colours. Off, each class's colour fades where the network is less sure of it: full "
              "where its probability is 1, gone where all the classes are equally likely.");
    same_line_if_fits(checkbox_width("Show training data"));
    ImGui::Checkbox("Show training data", &training_);
    hover_tip("The points the network trains on: filled discs in their class's colour.");
    const bool held_out = !decision.test_points_x.empty();
    same_line_if_fits(checkbox_width("Show test data"));
    ImGui::BeginDisabled(!held_out);
    bool shown = test_ && held_out;
    if (ImGui::Checkbox("Show test data", &shown)) test_ = shown;
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", held_out
                                    ? "The held-out points the accuracy is measured on: rings in their "
                                      "class's colour, never trained on."
                                    : "This task holds nothing out: it is scored on its training points.");
}

void DecisionPanel::fill_map(const DecisionMap& decision, std::size_t classes, const Snapshot& snap) {
    plot::Heatmap& map = plot_.heatmaps.front();
    map.rows = map.cols = decision.resolution;
    map.values = decision.predicted;
    map.colormap = plot::Colormap::Classes;
    map.lo = 0.f;
    map.hi = static_cast<float>(classes - 1);
    map.x0 = decision.x0;
    map.x1 = decision.x1;
    map.y0 = decision.y0;
    map.y1 = decision.y1;
    map.class_names = snap.class_names;
    const bool shaded = !discretize_ && decision.confidence.size() == decision.predicted.size();
    map.scale_label = shaded ? "fainter: less sure" : "";
    if (!shaded) {
        map.strength.clear();
        return;
    }
    // The winning probability runs from 1 / classes (a tie: the colour is gone) to 1 (full colour).
    const float tie = 1.f / static_cast<float>(classes);
    map.strength.resize(decision.confidence.size());
    for (std::size_t i = 0; i < map.strength.size(); ++i)
        map.strength[i] = std::clamp((decision.confidence[i] - tie) / (1.f - tie), 0.f, 1.f);
}

void DecisionPanel::fill_points(const DecisionMap& decision, std::size_t classes) {
    struct Set {
        const char* name;
        bool shown, hollow;
        const std::vector<float>&x, &y;
        const std::vector<int>& labels;
    };
    const Set sets[] = {
        {"training data", training_, false, decision.points_x, decision.points_y, decision.points_label},
        {"test data", test_ && !decision.test_points_x.empty(), true, decision.test_points_x,
         decision.test_points_y, decision.test_points_label},
    };
    std::size_t used = 0;
    for (const Set& set : sets) {
        if (!set.shown) continue;
        if (plot_.scatters.size() <= used) plot_.scatters.emplace_back();
        plot::Scatter& points = plot_.scatters[used++];
        points.name = set.name;
        points.color = kPointsSwatch;
        points.hollow = set.hollow;
        points.x.clear();
        points.y.clear();
        points.groups.clear();
        const std::size_t n = std::min({set.x.size(), set.y.size(), set.labels.size()});
        for (std::size_t i = 0; i < n; ++i) {
            if (set.labels[i] < 0 || static_cast<std::size_t>(set.labels[i]) >= classes) continue;
            points.x.push_back(set.x[i]);
            points.y.push_back(set.y[i]);
            points.groups.push_back(set.labels[i]);
        }
    }
    plot_.scatters.resize(used);
}

} // namespace phasor::ui
