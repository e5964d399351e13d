// Update raster panel (update_raster_panel.hpp).
#include "ui/panels/rules/update_raster_panel.hpp"

#include "ui/panels/panel_style.hpp"

#include "ui/panels/rules/variant_colours.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace phasor::ui {

namespace {

// "Updates of threshold: train.rule = threshold, rule.threshold = 0.02" into `out`, reusing its storage.
void set_title(const RulesView& view, std::string& out) {
    char title[256];
    const int v = view.raster.variant;
    const bool known = v >= 0 && static_cast<std::size_t>(v) < view.variants.size();
    const VariantView* variant = known ? &view.variants[static_cast<std::size_t>(v)] : nullptr;
    const auto end =
        variant == nullptr ? fmt::format_to_n(title, sizeof title - 1, "Updates of variant {}", v).out
        : variant->differs.empty()
            ? fmt::format_to_n(title, sizeof title - 1, "Updates of {} (the base settings)", variant->name)
                  .out
            : fmt::format_to_n(title, sizeof title - 1, "Updates of {}: {}", variant->name, variant->differs)
                  .out;
    *end = '\0';
    if (out != title) out = title;
}

constexpr const char* kCaption =
    "One row per neuron (its incoming connections), one column per tick; brighter: more changed.";

} // namespace

void UpdateRasterPanel::draw(PanelContext& context) {
    const RulesView* view = rules_view_or_wait(context.snapshot);
    if (view == nullptr) return;
    drawing_.set(view);
    if (plot_.id.empty()) {
        plot_.id = "rules_update_raster";
        plot_.drawing = &drawing_;
    }
    set_title(*view, plot_.title);
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // Room for the caption under the plot, on as many lines as the panel's width wraps it to.
    const float caption_lines =
        std::ceil(ImGui::CalcTextSize(kCaption).x / std::max(avail.x - font, font) + 0.05f);
    const float height =
        std::max(avail.y - ImGui::GetTextLineHeightWithSpacing() * std::max(caption_lines, 1.f), font * 10.f);
    context.plots.show(plot_, plot_view_, ImVec2(std::max(avail.x, font * 10.f), height));
    if (ImGui::IsItemHovered()) {
        // The layout the screen was just drawn with (show() draws at once; exports come after the frame).
        const UpdateRasterLayout& layout = drawing_.layout();
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        const int row =
            mouse.x >= layout.data_min.x && mouse.x < layout.data_max.x ? layout.row_at(mouse.y) : -1;
        const UpdateRasterView& r = view->raster;
        const auto column =
            static_cast<std::int64_t>((mouse.x - layout.data_min.x) /
                                      (layout.data_max.x - layout.data_min.x) * UpdateRasterView::kColumns);
        const std::int64_t tick = static_cast<std::int64_t>(layout.t0) + column;
        if (row >= 0 && row < r.rows && tick >= 0 &&
            r.cells.size() >= static_cast<std::size_t>(r.rows) * UpdateRasterView::kColumns) {
            const int layer = layout.layer_of_row(row);
            const char* name = static_cast<std::size_t>(layer) < view->layer_names.size()
                                   ? view->layer_names[static_cast<std::size_t>(layer)].c_str()
                                   : "?";
            ImGui::SetTooltip("layer %s, neuron %d\ntick %lld: %.3g%% of its inputs changed", name,
                              row - layout.first_row[static_cast<std::size_t>(layer)],
                              static_cast<long long>(tick),
                              static_cast<double>(r.at(row, static_cast<std::uint64_t>(tick))) * 100.0);
        }
    }
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    wrapped_text(kCaption);
    ImGui::PopStyleColor();
}

std::unique_ptr<Panel> make_update_raster_panel() {
    return std::make_unique<UpdateRasterPanel>();
}

} // namespace phasor::ui
