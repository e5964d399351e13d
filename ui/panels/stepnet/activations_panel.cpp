// Activations panel (activations_panel.hpp). The heatmaps are the engine's history as it is: columns at the
// ticks they were taken, each as wide as the ticks it stands for; the colour scale follows the layer's
// activation function, as in the network picture.
#include "ui/panels/stepnet/activations_panel.hpp"

#include "ui/panels/panel_style.hpp"
#include "ui/panels/stepnet/history_axis.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace phasor::ui {

void ActivationsPanel::draw(PanelContext& context) {
    const StepNetView* view = context.snapshot.payload_as<StepNetView>();
    if (!view || view->layers.empty() || view->history_ticks.empty()) {
        ImGui::TextDisabled("No activations yet: they appear once the run has ticked.");
        return;
    }
    const std::size_t columns = view->history_ticks.size();
    const std::string spacing = column_spacing(*view);
    if (view->history_stride > 1)
        ImGui::TextWrapped("Each column is the activations at one tick, %s; the ticks between are not shown. "
                           "Slow the run down to see every tick.",
                           spacing.c_str());
    const float font = ImGui::GetFontSize();
    if (plots_.size() < view->layers.size()) plots_.resize(view->layers.size());

    for (std::size_t l = 0; l < view->layers.size(); ++l) {
        const LayerView& layer = view->layers[l];
        const std::size_t rows = layer.history_neurons.size();
        if (rows == 0 || layer.history.size() != rows * columns) continue;

        LayerPlot& entry = plots_[l];
        plot::Plot& plot = entry.plot;
        if (plot.id.empty()) {
            plot.id = fmt::format("activations_layer{}", l);
            plot.heatmaps.resize(1);
            plot.heatmaps.front().scale_label = "value";
        }
        // The spacing goes with the axis it describes, which keeps the title short enough for a narrow panel.
        plot.x.label = "tick (" + spacing + ")";
        plot.x.whole = true;
        plot.title.clear();
        auto title = std::back_inserter(plot.title);
        if (rows == static_cast<std::size_t>(layer.out)) {
            fmt::format_to(title, "Layer {} ({}, {} neurons)", l, layer.activation, layer.out);
            plot.y.label = "neuron";
        } else { // a wide layer pictures some of its neurons: say so, or a row would pass for one of many
            fmt::format_to(title, "Layer {} ({}, {} of {} neurons)", l, layer.activation, rows, layer.out);
            plot.y.label = fmt::format("neuron ({} evenly spaced)", rows);
        }

        plot::Heatmap& map = plot.heatmaps.front();
        map.rows = static_cast<int>(rows);
        map.cols = static_cast<int>(columns);
        // The engine stores column after column; row 0 is drawn at the top, so neuron 0 goes to the bottom
        // row and the y axis counts upwards.
        map.values.resize(rows * columns);
        for (std::size_t c = 0; c < columns; ++c)
            for (std::size_t i = 0; i < rows; ++i)
                map.values[(rows - 1 - i) * columns + c] = layer.history[c * rows + i];
        const ActivationScale scale = activation_scale(layer.activation, map.values);
        map.colormap = scale.colormap;
        map.lo = scale.lo;
        map.hi = scale.hi;
        history_edges(*view, map.x_edges);
        map.x0 = map.x_edges.front();
        map.x1 = map.x_edges.back();
        // Over the layer's neuron numbers, so the rows of a subset sit where their neurons are.
        map.y0 = 0.0;
        map.y1 = static_cast<double>(layer.out);

        const float height =
            std::clamp(font * (3.f + 0.35f * static_cast<float>(rows)), font * 8.f, font * 16.f);
        context.plots.show(plot, entry.view, ImVec2(ImGui::GetContentRegionAvail().x, height));
    }
}

} // namespace phasor::ui
