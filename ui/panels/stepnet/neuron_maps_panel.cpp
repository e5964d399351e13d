// Neurons panel (neuron_maps_panel.hpp): shows the drawing through the plot shelf and answers hovering with
// the layout the screen was drawn with.
#include "ui/panels/stepnet/neuron_maps_panel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace phasor::ui {

namespace {
// Where draw_plot puts a titled drawing on screen (scale 1): below the title's padding and gap, and its line.
constexpr float kTitleLine = 6.f + 4.f;
} // namespace

void NeuronMapsPanel::draw(PanelContext& context) {
    const StepNetView* view = context.snapshot.payload_as<StepNetView>();
    if (!view || view->decision.neuron_resolution <= 0 || view->decision.neuron_maps.empty()) {
        const ParamValue* task = context.snapshot.param("task.name");
        ImGui::TextWrapped("The task \"%s\" is not 2-D: neurons are pictured over the plane for 2-D tasks.",
                           task ? to_display(*task).c_str() : "?");
        return;
    }
    drawing_.set(*view);
    if (plot_.id.empty()) {
        plot_.id = "neuron_maps";
        plot_.title = "Each neuron over the plane";
        plot_.drawing = &drawing_;
    }
    // Tall enough for thumbnails that still read, wide layers included: a small panel scrolls instead.
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float width = std::max(avail.x, font * 12.f);
    const float needed =
        kTitleLine + font + neuron_grid_height(*view, std::round(font * kSmallestThumbnail), width, font);
    context.plots.show(plot_, plot_view_, ImVec2(width, std::max(avail.y, needed)));
    if (ImGui::IsItemHovered()) hover_readout(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

void NeuronMapsPanel::hover_readout(ImVec2 min, ImVec2 max) {
    const StepNetView* view = drawing_.view();
    const ImFont* font = ImGui::GetFont();
    if (view == nullptr || font == nullptr) return;
    min.y = std::round(min.y + kTitleLine + font->FontSize);
    max.y = std::max(max.y, min.y + 1.f);
    lay_out_neuron_grid(*view, min, max, font->FontSize, hover_grid_);
    const std::optional<ThumbnailAt> hit = thumbnail_at(hover_grid_, ImGui::GetIO().MousePos);
    if (!hit) return;
    const plot::Heatmap& map = drawing_.thumbnail(hit->layer, hit->index);
    float lo = std::numeric_limits<float>::infinity(), hi = -lo;
    for (float v : map.values) lo = std::min(lo, v), hi = std::max(hi, v);
    char caption[96];
    neuron_band_caption(*view, hit->layer, caption);
    const int neuron = view->decision.neuron_maps[hit->layer].neurons[hit->index];
    ImGui::SetTooltip("neuron %d of %s\nover the plane: %.3g to %.3g", neuron, caption,
                      static_cast<double>(lo), static_cast<double>(hi));
}

} // namespace phasor::ui
