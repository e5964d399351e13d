// Network panel (network_panel.hpp): shows the drawing through the plot shelf and answers hovering with the
// layout the screen was drawn with.
#include "ui/panels/stepnet/network_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace phasor::ui {

void NetworkPanel::draw(PanelContext& context) {
    const StepNetView* view = context.snapshot.payload_as<StepNetView>();
    if (!view || view->layers.empty()) {
        ImGui::TextDisabled("No network yet: waiting for the first snapshot.");
        return;
    }
    drawing_.set(view, context.snapshot.class_names, context.snapshot.tick);
    if (plot_.id.empty()) {
        plot_.id = "network"; // no title: the picture says what it is, and gets the whole item
        plot_.drawing = &drawing_;
    }
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    context.plots.show(plot_, plot_view_,
                       ImVec2(std::max(avail.x, font * 16.f), std::max(avail.y, font * 12.f)));
    if (ImGui::IsItemHovered()) hover_readout(*view, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void NetworkPanel::hover_readout(const StepNetView& view, ImVec2 min, ImVec2 max) {
    const ImFont* font = ImGui::GetFont();
    if (font == nullptr) return;
    plot::DrawStyle style;
    style.font_size = font->FontSize;
    // Where draw_plot puts an untitled drawing.
    min.y = std::round(min.y);
    max.y = std::max(max.y, min.y + 1.f);
    lay_out_network(view, drawing_.class_names(), min, max, style.font_size, diagram_ink(style).unit,
                    FontMeasure(*font), hover_layout_);
    const std::optional<NeuronAt> hit = neuron_at(hover_layout_, ImGui::GetIO().MousePos);
    if (!hit) return;
    const std::span<const float> values = column_values(view, hit->column);
    const float a = hit->neuron < values.size() ? values[hit->neuron] : 0.f;
    // In a summarised column a disc stands for a band of neighbouring neurons: say which, and whose values
    // these are.
    char band[96] = "";
    if (hover_layout_.summarised(hit->column)) {
        std::snprintf(band, sizeof band,
                      "\nthis disc stands for neurons %zu-%zu; the values are neuron %zu's", hit->neuron,
                      hover_layout_.band_end(hit->column, hit->neuron), hit->neuron);
    }
    if (hit->column == 0) {
        ImGui::SetTooltip("input %zu: %.4g%s", hit->neuron, a, band);
        return;
    }
    const LayerView& layer = view.layers[hit->column - 1];
    const float z = hit->neuron < layer.pre.size() ? layer.pre[hit->neuron] : 0.f;
    ImGui::SetTooltip("layer %zu (%s), neuron %zu\na = %.4g   z = %.4g%s", hit->column - 1,
                      layer.activation.c_str(), hit->neuron, a, z, band);
}

} // namespace phasor::ui
