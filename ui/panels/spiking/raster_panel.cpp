// Spike raster panel (raster_panel.hpp).
#include "ui/panels/spiking/raster_panel.hpp"

#include "ui/panels/spiking/followed_neurons.hpp"
#include "ui/panels/spiking/spiking_look.hpp"

#include <algorithm>
#include <cmath>

namespace phasor::ui {

void RasterPanel::draw(PanelContext& context) {
    const SpikingView* view = spiking_view_or_wait(context.snapshot);
    if (view == nullptr) return;
    drawing_.set(view);
    if (plot_.id.empty()) {
        plot_.id = "spiking_raster"; // no title: the picture labels itself and gets the whole item
        plot_.drawing = &drawing_;
    }
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float height = std::max(avail.y - ImGui::GetTextLineHeightWithSpacing(), font * 10.f);
    context.plots.show(plot_, plot_view_, ImVec2(std::max(avail.x, font * 10.f), height));
    if (ImGui::IsItemHovered() && ImGui::GetFont() != nullptr) {
        // Laid out as the screen drew it (an untitled drawing starts at the item's rounded top).
        ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
        min.y = std::round(min.y);
        const RasterLayout layout =
            lay_out_raster(*view, min, max, ImGui::GetFont()->FontSize, FontMeasure(*ImGui::GetFont()));
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        const int row =
            mouse.x >= layout.data_min.x && mouse.x < layout.data_max.x ? layout.row_at(mouse.y) : -1;
        if (row >= 0) {
            const std::uint32_t neuron = first_neuron_of_row(*view, row);
            if (ImGui::IsItemClicked(ImGuiMouseButton_Left))
                follow_first(context, *view, neuron);
            else
                ImGui::SetTooltip("row %d: neuron %u\nclick to follow it", row, neuron);
        }
    }
    ImGui::TextDisabled("%.0f ms per column; click a row to follow its neuron.",
                        view->raster.column_seconds * 1000.0);
}

} // namespace phasor::ui
