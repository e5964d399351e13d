// Credit-assignment lens panel (lens_panel.hpp).
#include "ui/panels/rules/lens_panel.hpp"

#include "ui/panels/rules/variant_colours.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <imgui.h>

namespace phasor::ui {

namespace {

constexpr std::size_t kCapacity = std::size_t{1} << 16; // the engine's whole history, thinned by it

} // namespace

void LensPanel::refill(std::uint64_t run, const RulesView& view) {
    const VariantHistory& first = view.variants.front().history;
    const Seen seen{run,
                    layer,
                    first.samples.empty() ? 0.f : first.samples.front(),
                    first.samples.empty() ? 0.f : first.samples.back(),
                    first.samples.size(),
                    view.variants.size()};
    if (filled_ && seen == seen_) return;
    filled_ = true;
    seen_ = seen;
    while (lines_.size() < view.variants.size()) lines_.emplace_back(kCapacity);
    lines_.resize(view.variants.size(), plot::SeriesHistory(kCapacity));
    for (std::size_t v = 0; v < view.variants.size(); ++v) {
        lines_[v].clear();
        const VariantHistory& h = view.variants[v].history;
        if (static_cast<std::size_t>(layer) >= h.lens_degrees.size()) continue;
        const std::vector<float>& degrees = h.lens_degrees[static_cast<std::size_t>(layer)];
        // NaN points stay in the line as gaps: an unmeasured stretch shows as nothing.
        for (std::size_t i = 0; i < h.samples.size() && i < degrees.size(); ++i)
            lines_[v].push(h.samples[i], degrees[i]);
    }
    orthogonal_.clear();
    if (!first.samples.empty()) {
        orthogonal_.push(first.samples.front(), 90.f);
        orthogonal_.push(first.samples.back(), 90.f);
    }
}

void LensPanel::draw(PanelContext& context) {
    const RulesView* view = rules_view_or_wait(context.snapshot);
    if (view == nullptr) return;
    bars_.set(view);
    if (bars_plot_.id.empty()) {
        bars_plot_.id = "rules_lens";
        bars_plot_.title = "Angle to the true gradient, latest";
        bars_plot_.drawing = &bars_;
        history_.id = "rules_lens_history";
        history_.x.label = "samples seen";
        history_.y.label = "angle to the gradient (°)";
        history_.y.from_zero = true;
    }
    const int layers = static_cast<int>(view->layer_names.size());
    layer = std::clamp(layer, 0, std::max(layers - 1, 0));
    refill(context.snapshot.run, *view);

    const float font = ImGui::GetFontSize();
    const float least = font * 10.f; // a plot's room for its ticks, labels and legend
    const float combo = ImGui::GetFrameHeightWithSpacing();
    compact_ = ImGui::GetContentRegionAvail().y - combo < 2.f * least + ImGui::GetStyle().ItemSpacing.y;
    if (compact_) {
        // One plot at full height rather than a panel that scrolls: the latest bars, or one layer over the
        // run.
        if (ImGui::RadioButton("latest", !history_alone)) history_alone = false;
        ImGui::SameLine();
        if (ImGui::RadioButton("over the run", history_alone)) history_alone = true;
        if (history_alone) {
            ImGui::SameLine();
            choose_layer(*view);
        }
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float width = std::max(avail.x, font * 10.f);
    if (!compact_ || !history_alone)
        show_bars(context, *view, width, compact_ ? avail.y : (avail.y - combo) * 0.5f);
    if (compact_ && !history_alone) return;
    if (!compact_) choose_layer(*view);
    show_history(context, *view, width);
}

void LensPanel::choose_layer(const RulesView& view) {
    const int layers = static_cast<int>(view.layer_names.size());
    if (layers == 0) return;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.f);
    if (ImGui::BeginCombo(compact_ ? "##layer" : "Layer over the run",
                          view.layer_names[static_cast<std::size_t>(layer)].c_str())) {
        for (int l = 0; l < layers; ++l)
            if (ImGui::Selectable(view.layer_names[static_cast<std::size_t>(l)].c_str(), l == layer))
                layer = l;
        ImGui::EndCombo();
    }
}

void LensPanel::show_bars(PanelContext& context, const RulesView& view, float width, float height) {
    const float font = ImGui::GetFontSize();
    context.plots.show(bars_plot_, bars_view_, ImVec2(width, std::max(height, font * 10.f)));
    if (ImGui::IsItemHovered()) {
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        for (const LensBarsDrawing::Bar& bar : bars_.bars())
            if (mouse.x >= bar.min.x && mouse.x < bar.max.x && mouse.y >= bar.min.y - font &&
                mouse.y <= bar.max.y) {
                const VariantView& v = view.variants[static_cast<std::size_t>(bar.variant)];
                ImGui::SetTooltip("%s, layer %s: %.1f°\n%s", v.name.c_str(),
                                  view.layer_names[static_cast<std::size_t>(bar.layer)].c_str(), bar.degrees,
                                  v.differs.c_str());
            }
    }
}

void LensPanel::show_history(PanelContext& context, const RulesView& view, float width) {
    const int layers = static_cast<int>(view.layer_names.size());
    const float font = ImGui::GetFontSize();
    char title[160];
    const auto end =
        fmt::format_to_n(title, sizeof title - 1, "Angle to the gradient over the run: layer {}",
                         layers > 0 ? std::string_view(view.layer_names[static_cast<std::size_t>(layer)])
                                    : std::string_view("-"))
            .out;
    *end = '\0';
    if (history_.title != title) history_.title = title;
    history_.lines.resize(lines_.size() + 1);
    for (std::size_t v = 0; v < lines_.size(); ++v) {
        plot::LineSeries& line = history_.lines[v];
        if (line.name != view.variants[v].name) line.name = view.variants[v].name;
        line.color = variant_colour(v);
        line.data = &lines_[v];
    }
    plot::LineSeries& orthogonal = history_.lines.back();
    if (orthogonal.name.empty()) orthogonal.name = "orthogonal";
    orthogonal.color = plot::rgba(150, 150, 150);
    orthogonal.data = &orthogonal_;
    const ImVec2 left = ImGui::GetContentRegionAvail();
    context.plots.show(history_, history_view_, ImVec2(width, std::max(left.y, font * 10.f)));
}

std::unique_ptr<Panel> make_lens_panel() {
    return std::make_unique<LensPanel>();
}

} // namespace phasor::ui
