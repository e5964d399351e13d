// Metrics panel (metrics_panel.hpp): the headline readouts, the family's channels two plots to a row, and a
// bar chart of the held-out accuracy per class.
#include "ui/panels/metrics_panel.hpp"

#include "engine/runtime/family.hpp"
#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <string_view>

namespace phasor::ui {

namespace {

// A line's name, in its legend and its CSV rows: the channel's name in words ("test loss").
std::string line_name(const Quantity& q) {
    std::string name(q.name);
    std::replace(name.begin(), name.end(), '_', ' ');
    return name;
}

} // namespace

void MetricsPanel::set_up(const RunHistory& history) {
    family_ = history.family();
    lines_.clear();
    const auto channels = history.channels();
    const auto plot_of = [&](std::string_view name) -> LinePlot* {
        for (LinePlot& line : lines_)
            if (channels[line.channels.front()].name == name) return &line;
        return nullptr;
    };
    for (std::size_t c = 0; c < channels.size(); ++c) {
        const Quantity& q = channels[c];
        if (!q.in_metrics || !q.beside.empty()) continue;
        LinePlot& line = lines_.emplace_back();
        line.channels.push_back(c);
        plot::Plot& plot = line.plot;
        plot.id = fmt::format("metrics_{}", q.name);
        plot.title = std::string(q.label);
        plot.x.label = "tick";
        plot.x.whole = true;
        // The axis says what is measured in few letters: the unit, else the channel's name ("loss").
        plot.y.label = q.unit.empty() ? std::string(q.name) : std::string(q.unit);
        std::replace(plot.y.label.begin(), plot.y.label.end(), '_', ' ');
        plot.y.log = q.axis == Axis::Log;
        plot.legend = false;
        plot.lines.push_back({line_name(q), plot::series_color(0), nullptr});
        // A share stays on its natural 0..1 scale so a class reads it at a glance; double-click autoscales.
        if (q.axis == Axis::Fraction) {
            line.view.auto_y = false;
            line.view.y_lo = 0.0;
            line.view.y_hi = 1.02;
        }
    }
    // A channel drawn beside another joins its plot as a second line, with a legend to tell them apart.
    for (std::size_t c = 0; c < channels.size(); ++c) {
        const Quantity& q = channels[c];
        LinePlot* line = q.in_metrics && !q.beside.empty() ? plot_of(q.beside) : nullptr;
        if (!line) continue;
        line->channels.push_back(c);
        line->plot.lines.push_back(
            {line_name(q), plot::series_color(static_cast<int>(line->plot.lines.size())), nullptr});
        line->plot.legend = true;
    }
    // The stage shows an accuracy if there is one: a class reads 0 to 100 % more easily than a loss.
    stage_line_ = 0;
    for (std::size_t i = 0; i < lines_.size(); ++i)
        if (channels[lines_[i].channels.front()].axis == Axis::Fraction) {
            stage_line_ = i;
            break;
        }
    eval_ = {};
    eval_.id = "metrics_eval_per_class";
    eval_.title = "Accuracy per class";
    eval_.x.label = "class";
    eval_.y.label = "accuracy";
    eval_.legend = false;
    eval_.bars.resize(1);
    eval_.bars.front().color = plot::series_color(0);
    eval_view_.auto_y = false;
    eval_view_.y_lo = 0.0;
    eval_view_.y_hi = 1.05;
}

// Each readout is one item, so a narrow panel wraps between readouts, never inside a number.
void MetricsPanel::draw_headline(const Snapshot& snap) const {
    const Family* family = snap.family;
    char text[96], rate[32];
    bool first = true;
    auto item = [&](const char* s) {
        const float width = ImGui::CalcTextSize(s).x;
        if (!first) {
            ImGui::SameLine(0.f, ImGui::GetFontSize() * 1.2f);
            if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
        }
        // One readout wider than the panel wraps at its words (a value and its unit hold together).
        if (width > ImGui::GetContentRegionAvail().x)
            wrapped_text(s);
        else
            ImGui::TextUnformatted(s);
        first = false;
    };
    for (std::size_t i = 0; family && i < family->headline.size() && i < snap.headline.size(); ++i) {
        const Quantity& q = family->headline[i];
        // The accuracy is named after what it is measured on (held out, or the training patterns themselves).
        const std::string label =
            q.name == "accuracy" && !snap.eval.name.empty() ? snap.eval.name : std::string(q.label);
        // A loss of exactly 0 can come out of a negation as -0, which reads as a bug on a projector.
        const double value = snap.headline[i] == 0.f ? 0.0 : static_cast<double>(snap.headline[i]);
        if (q.unit == "%") {
            std::snprintf(text, sizeof text, "%s %.1f\u00a0%%", label.c_str(), 100.0 * value);
        } else if (std::isfinite(value) && std::abs(value) >= 1e4) {
            // A count (spikes, synapses) as "4.31 M", which a class reads, not "4.308e+06"; held together.
            const std::string_view number = compact_number(value, rate);
            const auto space = number.find(' ');
            std::snprintf(text, sizeof text, "%s %.*s\u00a0%s", label.c_str(), static_cast<int>(space),
                          number.data(), number.data() + space + 1);
        } else {
            std::snprintf(text, sizeof text, "%s %.4g", label.c_str(), value);
        }
        item(text);
    }
    std::snprintf(text, sizeof text, "%s ticks/s", compact_number(snap.ticks_per_second, rate));
    item(text);
}

// Points the plot's lines at the history's series, and names the evaluation's lines after what it is
// measured on.
void MetricsPanel::bind(LinePlot& line, const PanelContext& context) {
    const RunHistory& history = context.history;
    const auto channels = history.channels();
    for (std::size_t i = 0; i < line.channels.size(); ++i) {
        const std::size_t c = line.channels[i];
        line.plot.lines[i].data = c < channels.size() ? &history.series(c) : nullptr;
        if (i > 0 && c < channels.size()) {
            const std::string name = line_name(channels[c]);
            const bool held_out = context.snapshot.eval.held_out;
            if (held_out ? line.plot.lines[i].name != name : line.plot.lines[i].name == name)
                line.plot.lines[i].name = held_out ? name : fmt::format("{} (training patterns)", name);
        }
    }
    line.plot.markers = &history.markers();
}

// On the presenter stage: the headline and one learning curve, as large as the panel, chosen in a combo.
void MetricsPanel::draw_stage(PanelContext& context) {
    if (lines_.empty()) return;
    stage_line_ = std::min(stage_line_, lines_.size() - 1);
    LinePlot& line = lines_[stage_line_];
    // The combo joins the headline's last line when it fits, leaving the curve as much height as it can have.
    const float combo = ImGui::GetFontSize() * 12.f;
    same_line_if_fits(combo + ImGui::CalcTextSize("Curve").x + ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::SetNextItemWidth(std::min(combo, ImGui::GetContentRegionAvail().x * 0.6f));
    if (ImGui::BeginCombo("Curve", line.plot.title.c_str())) {
        for (std::size_t i = 0; i < lines_.size(); ++i)
            if (ImGui::Selectable(lines_[i].plot.title.c_str(), i == stage_line_)) stage_line_ = i;
        ImGui::EndCombo();
    }
    bind(line, context);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    context.plots.show(line.plot, line.view, ImVec2(avail.x, std::max(avail.y, ImGui::GetFontSize() * 5.f)));
}

void MetricsPanel::draw(PanelContext& context) {
    const RunHistory& history = context.history;
    if (lines_.empty() || family_ != history.family()) set_up(history);
    const Snapshot& snap = context.snapshot;
    draw_headline(snap);
    if (context.presenter) {
        draw_stage(context);
        return;
    }

    const float font = ImGui::GetFontSize();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    // Two plots to a row while each keeps room for its ticks, labels and legend; one to a row on a narrow
    // panel or a large UI scale.
    const float row = ImGui::GetContentRegionAvail().x;
    const bool two = (row - spacing) * 0.5f >= font * 15.f;
    const float width = two ? (row - spacing) * 0.5f : row;
    const float height = font * 11.f;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        LinePlot& line = lines_[i];
        bind(line, context);
        if (two && i % 2 == 1) ImGui::SameLine();
        context.plots.show(line.plot, line.view, ImVec2(width, height));
    }

    const std::size_t classes = snap.eval.per_class_accuracy.size();
    if (classes == 0) return; // a family that does not classify
    eval_.title = snap.eval.name.empty() ? std::string("Accuracy per class")
                                         : fmt::format("Per class: {}", snap.eval.name);
    plot::Bars& bars = eval_.bars.front();
    bars.labels.resize(classes);
    bars.values.resize(classes);
    char name[64];
    for (std::size_t c = 0; c < classes; ++c) {
        bars.labels[c] = class_name(snap, static_cast<int>(c), name);
        bars.values[c] = snap.eval.per_class_accuracy[c];
    }
    context.plots.show(eval_, eval_view_, ImVec2(ImGui::GetContentRegionAvail().x, font * 11.f));
}

} // namespace phasor::ui
