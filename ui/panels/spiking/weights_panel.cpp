// Weights panel (weights_panel.hpp).
#include "ui/panels/spiking/weights_panel.hpp"

#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <numeric>

namespace phasor::ui {

namespace {

constexpr int kBins = SpikingView::kWeightBins;

} // namespace

// Rows are weight bins, the highest at the top; columns the history's points, each as wide as the time to
// the next (the last as wide as the one before), so a thinned history keeps its time axis.
void WeightsPanel::fill_history(const SpikingView& view) {
    plot::Heatmap& map = over_time_.heatmaps.front();
    const std::size_t points = std::min(view.weight_history.size(), view.history_time.size());
    map.rows = kBins;
    map.cols = static_cast<int>(points);
    map.values.assign(points * kBins, 0.f);
    map.x_edges.resize(points + 1);
    for (std::size_t c = 0; c < points; ++c) {
        const auto& h = view.weight_history[c];
        const double total =
            std::max(1.0, static_cast<double>(std::accumulate(h.begin(), h.end(), std::uint64_t{0})));
        for (int b = 0; b < kBins; ++b)
            map.values[static_cast<std::size_t>(kBins - 1 - b) * points + c] =
                static_cast<float>(h[static_cast<std::size_t>(b)] / total);
        map.x_edges[c] = view.history_time[c];
    }
    if (points > 0) {
        const double step = points > 1 ? view.history_time[points - 1] - view.history_time[points - 2] : 1.0;
        map.x_edges[points] = view.history_time[points - 1] + std::max(step, 1e-6);
    }
    map.y0 = 0, map.y1 = view.weight_max;
}

void WeightsPanel::draw(PanelContext& context) {
    const SpikingView* view = context.snapshot.payload_as<SpikingView>();
    if (view == nullptr || view->populations.empty()) {
        ImGui::TextDisabled("No run yet: waiting for the first snapshot.");
        return;
    }
    if (!view->plastic) {
        wrapped_text("No learning synapses in this circuit: its weights stay as built. The stdp_song and "
                     "stdp_large presets learn by STDP.");
        return;
    }
    if (now_.id.empty()) {
        now_.id = "spiking_weights";
        now_.title = "Plastic weights now";
        now_.x.label = "weight";
        now_.y.label = "synapses";
        now_.y.from_zero = true;
        now_.histograms.resize(1);
        now_.histograms.front().color = plot::series_color(5);
        over_time_.id = "spiking_weight_history";
        over_time_.title = "Weights over time";
        over_time_.x.label = "simulated time (s)";
        over_time_.y.label = "weight";
        over_time_.heatmaps.resize(1);
        over_time_.heatmaps.front().scale_label = "fraction of synapses";
        // Scaled to the data: a bin holds a few percent of the synapses, which on a fixed [0, 1] scale
        // would all be the same dark colour.
        over_time_.heatmaps.front().lo = over_time_.heatmaps.front().hi = 0.f;
        over_time_.legend_place = plot::LegendPlace::Outside;
    }
    plot::Histogram& h = now_.histograms.front();
    h.edges.resize(kBins + 1);
    h.counts.resize(kBins);
    for (int b = 0; b <= kBins; ++b) h.edges[static_cast<std::size_t>(b)] = view->weight_max * b / kBins;
    for (int b = 0; b < kBins; ++b)
        h.counts[static_cast<std::size_t>(b)] =
            static_cast<double>(view->weights[static_cast<std::size_t>(b)]);
    fill_history(*view);
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float height = std::max((avail.y - ImGui::GetStyle().ItemSpacing.y) * 0.5f, font * 9.f);
    context.plots.show(now_, now_view_, ImVec2(std::max(avail.x, font * 10.f), height));
    if (over_time_.heatmaps.front().cols > 0)
        context.plots.show(over_time_, over_time_view_, ImVec2(std::max(avail.x, font * 10.f), height));
    else
        ImGui::TextDisabled("The history fills as the run goes on.");
}

} // namespace phasor::ui
