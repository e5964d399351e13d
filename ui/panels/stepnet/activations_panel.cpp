// Activations panel (activations_panel.hpp). The heatmaps come from the panel's own columns of observed
// snapshots; the colour scale follows the layer's activation function, as in the network picture.
#include "ui/panels/stepnet/activations_panel.hpp"

#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace phasor::ui {

void ActivationsPanel::draw(PanelContext& context) {
    const StepNetView* view = context.snapshot.payload_as<StepNetView>();
    if (view) history_.observe(context.snapshot.run, context.snapshot.tick, *view);
    const int columns = history_.columns();
    if (!view || view->layers.empty() || columns == 0) {
        ImGui::TextDisabled("No activations yet: they appear once the run has ticked.");
        return;
    }
    const float font = ImGui::GetFontSize();
    if (plots_.size() < view->layers.size()) plots_.resize(view->layers.size());

    for (std::size_t l = 0; l < view->layers.size(); ++l) {
        const LayerView& layer = view->layers[l];
        const std::vector<float>& grid = history_.grid(l);
        const auto neurons = static_cast<std::size_t>(std::max(layer.out, 0));
        const auto cols = static_cast<std::size_t>(columns);
        if (neurons == 0 || grid.size() != neurons * cols) continue; // history not yet at this shape

        LayerPlot& entry = plots_[l];
        plot::Plot& plot = entry.plot;
        if (plot.id.empty()) {
            plot.id = fmt::format("activations_layer{}", l);
            plot.x.label = "tick";
            plot.y.label = "neuron";
            plot.heatmaps.resize(1);
            plot.heatmaps.front().scale_label = "value";
        }
        plot.title.clear();
        fmt::format_to(std::back_inserter(plot.title), "Layer {} ({}, {} neurons)", l, layer.activation,
                       layer.out);
        plot::Heatmap& map = plot.heatmaps.front();
        map.rows = static_cast<int>(neurons);
        map.cols = columns;
        // Row 0 is drawn at the top; neuron 0 goes at the bottom so the y axis counts upwards.
        map.values.resize(grid.size());
        for (std::size_t i = 0; i < neurons; ++i)
            std::copy_n(grid.begin() + static_cast<std::ptrdiff_t>(i * cols), cols,
                        map.values.begin() + static_cast<std::ptrdiff_t>((neurons - 1 - i) * cols));
        const ActivationScale scale = activation_scale(layer.activation, map.values);
        map.colormap = scale.colormap;
        map.lo = scale.lo;
        map.hi = scale.hi;
        map.x0 = static_cast<double>(history_.first_tick());
        map.x1 = static_cast<double>(history_.last_tick()) + 1.0;
        map.y0 = 0.0;
        map.y1 = static_cast<double>(neurons);

        const float height =
            std::clamp(font * (3.f + 0.35f * static_cast<float>(neurons)), font * 8.f, font * 16.f);
        context.plots.show(plot, entry.view, ImVec2(ImGui::GetContentRegionAvail().x, height));
    }
}

} // namespace phasor::ui
