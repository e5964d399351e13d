// Gradient attention panel (attention_panel.hpp). With attention off every factor is 1, which would look like
// a meaningful flat map, so the panel says it is off instead of drawing them.
#include "ui/panels/stepnet/attention_panel.hpp"

#include "ui/panels/panel_style.hpp"
#include "ui/panels/stepnet/history_axis.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <numeric>

namespace phasor::ui {
namespace {

// Below this the re-weighted update is the raw one to within 1 %: attention is on but does nothing visible.
constexpr float kTinyEffect = 0.01f;

// A small positive number to one significant digit, as 3e-5.
std::string one_digit(float x) {
    if (!(x > 0.f)) return "0";
    int exponent = static_cast<int>(std::floor(std::log10(x)));
    long mantissa = std::lround(x / std::pow(10.f, static_cast<float>(exponent)));
    if (mantissa >= 10) mantissa = 1, ++exponent;
    return exponent == 0 ? fmt::format("{}", mantissa) : fmt::format("{}e{}", mantissa, exponent);
}

// What attention did to the latest updates, in plain words: whether it acts, and if not, why and what to do.
std::string effect_caption(const StepNetView& view) {
    if (!view.attention)
        return "Attention is off: the updates are the raw gradients, so it changes them by 0 (the log scale "
               "leaves zeros out: the lines stop where it was turned off).";
    float largest = 0.f, spread = 0.f;
    std::size_t where = 0;
    bool bias = false;
    for (std::size_t l = 0; l < view.layers.size(); ++l) {
        const LayerView& layer = view.layers[l];
        if (layer.attention_effect > largest) largest = layer.attention_effect, where = l, bias = false;
        if (layer.attention_effect_bias > largest)
            largest = layer.attention_effect_bias, where = l, bias = true;
        spread = std::max({spread, layer.factor_max - 1.f, 1.f - layer.factor_min});
        for (float f : layer.attention_b) spread = std::max(spread, std::fabs(f - 1.f));
    }
    if (largest <= 0.f)
        return "Attention changed nothing in the last update: every factor is 1 (there has been no update "
               "yet, "
               "or the temperature is so high that the factors round to 1).";
    // Numbers without a decimal point where it can be helped: ImGui wraps a line after a '.', even inside
    // one.
    if (largest < kTinyEffect)
        return fmt::format(
            "Attention barely changes the updates (by under 1 %): at temperature {:g} the factors "
            "are 1 ± {}. Lower the temperature to see it act.",
            view.temperature, one_digit(spread));
    return fmt::format("Attention changes the updates by up to {:.0f} % (layer {} {}): it shifts each update "
                       "towards its largest gradients.",
                       largest * 100.f, where, bias ? "bias" : "weights");
}

// The engine's bins over [factor_min, factor_max] with an empty bin either side, so the fitted x range holds
// the whole distribution with a margin. Equal factors (before the first update, say) have no spread to bin:
// one bar centred on their value, as wide as 2 % of it.
void factor_bins(const LayerView& layer, plot::Histogram& out) {
    const std::vector<float>& counts = layer.factor_histogram;
    const std::size_t bins = counts.size();
    const double lo = layer.factor_min, hi = layer.factor_max;
    if (bins > 0 && hi > lo) {
        const double width = (hi - lo) / static_cast<double>(bins);
        out.edges.resize(bins + 3);
        out.counts.resize(bins + 2);
        for (std::size_t b = 0; b < bins + 3; ++b) out.edges[b] = lo + width * (static_cast<double>(b) - 1.0);
        out.counts.front() = out.counts.back() = 0.0;
        std::copy(counts.begin(), counts.end(), out.counts.begin() + 1);
        return;
    }
    const double half = std::max(std::fabs(lo), 1.0) * 0.01;
    out.edges.resize(4);
    out.counts.resize(3);
    for (std::size_t b = 0; b < 4; ++b) out.edges[b] = lo + half * (2.0 * static_cast<double>(b) - 3.0);
    out.counts[0] = out.counts[2] = 0.0;
    out.counts[1] = std::accumulate(counts.begin(), counts.end(), 0.0);
}

} // namespace

void AttentionPanel::draw(PanelContext& context) {
    const StepNetView* view = context.snapshot.payload_as<StepNetView>();
    if (!view || view->layers.empty()) {
        ImGui::TextDisabled("No run yet: waiting for the first snapshot.");
        return;
    }
    draw_effect(context, *view);
    ImGui::Spacing();
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

// The lines are the engine's window as it is, made again when a snapshot brings new columns rather than
// extended frame by frame, so a point is always a tick the engine sampled.
void AttentionPanel::refill_effects(const Snapshot& snapshot, const StepNetView& view) {
    const std::size_t layers = view.layers.size(), columns = view.history_ticks.size();
    const Seen seen{snapshot.run, columns > 0 ? view.history_ticks.back() : 0, columns};
    if (seen == effects_seen_ && effects_.size() == 2 * layers) return;
    effects_seen_ = seen;
    effects_.resize(2 * layers);
    for (std::size_t l = 0; l < layers; ++l) {
        const LayerView& layer = view.layers[l];
        for (int bias = 0; bias < 2; ++bias) {
            plot::SeriesHistory& line = effects_[l + static_cast<std::size_t>(bias) * layers];
            const std::vector<float>& values = bias ? layer.effect_bias_history : layer.effect_history;
            line.clear();
            if (values.size() != columns) continue;
            for (std::size_t c = 0; c < columns; ++c)
                line.push(static_cast<double>(view.history_ticks[c]), values[c]);
        }
    }
}

void AttentionPanel::draw_effect(PanelContext& context, const StepNetView& view) {
    ImGui::TextWrapped("%s", effect_caption(view).c_str());
    refill_effects(context.snapshot, view);
    const bool acted = std::any_of(effects_.begin(), effects_.end(), [](const plot::SeriesHistory& line) {
        return !line.empty() && line.y_range(line.x_min(), line.x_max(), true).second > 0.f;
    });
    if (!acted) return; // nothing a log scale could show; the caption says why

    const std::size_t layers = view.layers.size();
    if (effect_.id.empty()) {
        effect_.id = "attention_effect";
        effect_.y.label = "||G' - G|| / ||G||";
        effect_.y.log = true;
    }
    effect_.title = "Effect of attention";
    effect_.x.label = "tick (" + column_spacing(view, "point") + ")";
    effect_.x.whole = true;
    if (effect_.lines.size() != 2 * layers) {
        effect_.lines.resize(2 * layers);
        for (std::size_t i = 0; i < 2 * layers; ++i) {
            const std::size_t l = i % layers;
            // Short (W0: layer 0's weights, b0: its bias), so six of them leave most of the plot to the
            // lines.
            effect_.lines[i].name = fmt::format("{}{}", i < layers ? 'W' : 'b', l);
            effect_.lines[i].color = plot::series_color(static_cast<int>(i));
        }
    }
    for (std::size_t i = 0; i < 2 * layers; ++i) effect_.lines[i].data = &effects_[i];
    effect_.markers = &context.history.markers(); // "train.attention = false" shows where the lines stop
    const float font = ImGui::GetFontSize();
    context.plots.show(effect_, effect_view_, ImVec2(ImGui::GetContentRegionAvail().x, font * 12.f));
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

    // Every factor of the layer, pooled or not, counted by the engine.
    factor_bins(layer, plots.histogram.histograms.front());
    plots.histogram.title.clear();
    if (layer.factor_max > layer.factor_min)
        fmt::format_to(std::back_inserter(plots.histogram.title), "Layer {} factors", l);
    else
        fmt::format_to(std::back_inserter(plots.histogram.title), "Layer {} factors, all {:g}", l,
                       layer.factor_min);

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
        range_.x.whole = true;
        range_.y.label = "factor";
        range_.y.log = true;
        range_.lines.push_back({"max", plot::series_color(0), nullptr});
        range_.lines.push_back({"min", plot::series_color(1), nullptr});
        entropy_.id = "attention_entropy";
        entropy_.title = "Factor entropy (1: uniform)";
        entropy_.x.label = "tick";
        entropy_.x.whole = true;
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
