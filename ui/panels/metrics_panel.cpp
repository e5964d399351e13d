// Metrics panel (metrics_panel.hpp): four line plots in a 2 × 2 grid over a bar chart of the held-out
// accuracy.
#include "ui/panels/metrics_panel.hpp"

#include "ui/panels/panel_style.hpp"

#include <algorithm>

namespace phasor::ui {

namespace {

struct LineSpec {
    const char* id;
    const char* title;
    const char* y_label;
    bool log;
    SeriesColumn column;
};

constexpr std::array<LineSpec, 4> kLines{{
    {"metrics_loss", "Loss", "loss", true, SeriesColumn::Loss},
    {"metrics_accuracy", "Rolling accuracy", "accuracy", false, SeriesColumn::RollingAccuracy},
    {"metrics_lr", "Learning rate", "lr", true, SeriesColumn::LearningRate},
    {"metrics_ticks_per_second", "Speed", "ticks/s", false, SeriesColumn::TicksPerSecond},
}};

} // namespace

void MetricsPanel::set_up() {
    for (std::size_t i = 0; i < kLines.size(); ++i) {
        plot::Plot& plot = lines_[i];
        plot.id = kLines[i].id;
        plot.title = kLines[i].title;
        plot.x.label = "tick";
        plot.y.label = kLines[i].y_label;
        plot.y.log = kLines[i].log;
        plot.legend = false;
        plot.lines.push_back({kLines[i].y_label, plot::series_color(static_cast<int>(i)), nullptr});
    }
    // Accuracies stay on their natural 0..1 scale so a class reads them at a glance; double-click autoscales.
    line_views_[Accuracy].auto_y = false;
    line_views_[Accuracy].y_lo = 0.0;
    line_views_[Accuracy].y_hi = 1.02;
    eval_.id = "metrics_eval_per_class";
    eval_.title = "Held-out accuracy per class";
    eval_.x.label = "class";
    eval_.y.label = "accuracy";
    eval_.legend = false;
    eval_.bars.resize(1);
    eval_.bars.front().color = plot::series_color(0);
    eval_view_.auto_y = false;
    eval_view_.y_lo = 0.0;
    eval_view_.y_hi = 1.05;
}

void MetricsPanel::draw(PanelContext& context) {
    if (lines_.front().id.empty()) set_up();
    const Snapshot& snap = context.snapshot;
    char rate[32];
    ImGui::TextWrapped("loss %.4g   rolling accuracy %.1f %%   held-out %.1f %%   lr %.4g   %s ticks/s",
                       snap.loss, snap.rolling_accuracy * 100.f, snap.eval.accuracy * 100.f, snap.lr,
                       compact_number(snap.ticks_per_second, rate));

    const float font = ImGui::GetFontSize();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float half = std::max((ImGui::GetContentRegionAvail().x - spacing) * 0.5f, font * 8.f);
    const float height = font * 11.f;
    for (std::size_t i = 0; i < kLines.size(); ++i) {
        lines_[i].lines.front().data = &context.history.series(kLines[i].column);
        if (i % 2 == 1) ImGui::SameLine();
        context.plots.show(lines_[i], line_views_[i], ImVec2(half, height));
    }

    plot::Bars& bars = eval_.bars.front();
    const std::size_t classes = snap.eval.per_class_accuracy.size();
    bars.labels.resize(classes);
    bars.values.resize(classes);
    char name[64];
    for (std::size_t c = 0; c < classes; ++c) {
        bars.labels[c] = class_name(snap, static_cast<int>(c), name);
        bars.values[c] = snap.eval.per_class_accuracy[c];
    }
    if (classes == 0) {
        ImGui::TextDisabled("No held-out evaluation yet.");
        return;
    }
    context.plots.show(eval_, eval_view_, ImVec2(ImGui::GetContentRegionAvail().x, font * 11.f));
}

} // namespace phasor::ui
