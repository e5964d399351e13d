// Gradient attention panel (attention_panel.hpp). With attention off every factor is 1, which would look like
// a meaningful flat map, so the panel says it is off instead of drawing them.
#include "ui/panels/stepnet/attention_panel.hpp"

#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace phasor::ui {

void AttentionPanel::draw(PanelContext& context) {
    const StepNetView* view = context.snapshot.payload_as<StepNetView>();
    if (!view || view->layers.empty()) {
        ImGui::TextDisabled("No run yet: waiting for the first snapshot.");
        return;
    }
    if (!view->attention) {
        ImGui::TextWrapped(
            "Gradient attention is off: updates use the raw gradients, every factor is 1. Turn it "
            "on in Controls to see how it re-weights them.");
    } else {
        ImGui::TextWrapped("Factor = N * softmax(|gradient| / %.3g) per weight: 1 leaves an entry unchanged, "
                           "above 1 amplifies it. The factors of a layer average 1.",
                           view->temperature);
        if (layers_.size() < view->layers.size()) layers_.resize(view->layers.size());
        for (std::size_t l = 0; l < view->layers.size(); ++l) draw_layer(context, view->layers[l], l);
    }
    draw_summary(context);
}

void AttentionPanel::draw_layer(PanelContext& context, const LayerView& layer, std::size_t l) {
    const auto rows = static_cast<std::size_t>(std::max(layer.factor_rows, 0));
    const auto cols = static_cast<std::size_t>(std::max(layer.factor_cols, 0));
    if (rows == 0 || cols == 0 || layer.factors.size() != rows * cols) return;
    LayerPlots& plots = layers_[l];

    plot::Plot& factors = plots.factors;
    if (factors.id.empty()) {
        factors.id = fmt::format("attention_layer{}", l);
        factors.x.label = "input";
        factors.y.label = "output";
        factors.heatmaps.resize(1);
        plots.histogram.id = fmt::format("attention_histogram_layer{}", l);
        plots.histogram.x.label = "factor";
        plots.histogram.y.label = "weights";
        plots.histogram.histograms.resize(1);
        plots.histogram.histograms.front().color = plot::series_color(1);
    }
    factors.title.clear();
    fmt::format_to(std::back_inserter(factors.title), "Layer {} weights ({} x {})", l, layer.out, layer.in);
    // A wide layer arrives averaged over square blocks: say so, since a cell is then not one weight.
    if (layer.factor_block > 1)
        fmt::format_to(std::back_inserter(factors.title), ", mean of {0}x{0} blocks", layer.factor_block);
    plot::Heatmap& map = factors.heatmaps.front();
    map.rows = static_cast<int>(rows);
    map.cols = static_cast<int>(cols);
    map.colormap = plot::Colormap::Viridis;
    map.lo = map.hi = 0.f; // autoscale: the spread is what matters
    map.x0 = 0.0;
    map.x1 = static_cast<double>(layer.in);
    map.y0 = 0.0;
    map.y1 = static_cast<double>(layer.out);
    map.scale_label = "factor";
    map.values.resize(rows * cols);
    // Row 0 is drawn at the top; output neuron 0 goes at the bottom so the y axis counts upwards.
    for (std::size_t j = 0; j < rows; ++j)
        std::copy_n(layer.factors.begin() + static_cast<std::ptrdiff_t>(j * cols), cols,
                    map.values.begin() + static_cast<std::ptrdiff_t>((rows - 1 - j) * cols));

    // The engine counts every factor of the layer, pooled or not, into its bins over [0, factor_max].
    plot::Histogram& histogram = plots.histogram.histograms.front();
    const std::size_t bins = layer.factor_histogram.size();
    const double top = layer.factor_max > 0.f ? static_cast<double>(layer.factor_max) : 1.0;
    histogram.edges.resize(bins + 1);
    histogram.counts.resize(bins);
    for (std::size_t b = 0; b <= bins; ++b)
        histogram.edges[b] = top * static_cast<double>(b) / static_cast<double>(bins);
    for (std::size_t b = 0; b < bins; ++b) histogram.counts[b] = layer.factor_histogram[b];
    plots.histogram.title.clear();
    fmt::format_to(std::back_inserter(plots.histogram.title), "Layer {} factors", l);

    const float font = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const float height = font * 12.f;
    // Side by side only when both have room for their axes and the colour bar; stacked otherwise, so a narrow
    // panel still shows the factors rather than a sliver between two sets of labels.
    const bool side_by_side = width > 36.f * font;
    context.plots.show(factors, plots.factors_view, ImVec2(side_by_side ? width * 0.55f : width, height));
    if (side_by_side) ImGui::SameLine();
    context.plots.show(plots.histogram, plots.histogram_view,
                       ImVec2(ImGui::GetContentRegionAvail().x, side_by_side ? height : height * 0.8f));
}

void AttentionPanel::draw_summary(PanelContext& context) {
    if (range_.id.empty()) {
        range_.id = "attention_range";
        range_.title = "Smallest and largest factor";
        range_.x.label = "tick";
        range_.y.label = "factor";
        range_.y.log = true;
        range_.lines.push_back({"max", plot::series_color(0), nullptr});
        range_.lines.push_back({"min", plot::series_color(1), nullptr});
        entropy_.id = "attention_entropy";
        entropy_.title = "Factor entropy (1: uniform)";
        entropy_.x.label = "tick";
        entropy_.y.label = "entropy";
        entropy_.lines.push_back({"entropy", plot::series_color(2), nullptr});
        entropy_view_.auto_y = false;
        entropy_view_.y_lo = 0.0;
        entropy_view_.y_hi = 1.05;
    }
    range_.lines[0].data = context.history.series("attention_max");
    range_.lines[1].data = context.history.series("attention_min");
    entropy_.lines[0].data = context.history.series("attention_entropy");
    range_.markers = entropy_.markers = &context.history.markers();
    const float font = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    context.plots.show(range_, range_view_, ImVec2(width * 0.5f, font * 10.f));
    ImGui::SameLine();
    context.plots.show(entropy_, entropy_view_, ImVec2(ImGui::GetContentRegionAvail().x, font * 10.f));
}

} // namespace phasor::ui
