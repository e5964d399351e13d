// Update counts panel (update_counts_panel.hpp).
#include "ui/panels/rules/update_counts_panel.hpp"

#include "ui/panels/rules/rules_ui.hpp"
#include "ui/panels/rules/variant_colours.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <imgui.h>

namespace phasor::ui {

namespace {

// Room for the engine's whole history (it thins its own), so the lines never thin it a second time.
constexpr std::size_t kCapacity = std::size_t{1} << 16;

} // namespace

int default_update_variant(const RulesView& view) {
    for (std::size_t i = 0; i < view.variants.size(); ++i)
        if (view.variants[i].rule == "threshold") return static_cast<int>(i);
    return 0;
}

void UpdateCountsPanel::refill(std::uint64_t run, const RulesView& view) {
    const VariantHistory& h = view.variants[static_cast<std::size_t>(variant_)].history;
    const Seen seen{run,
                    variant_,
                    h.samples.empty() ? 0.f : h.samples.front(),
                    h.samples.empty() ? 0.f : h.samples.back(),
                    h.samples.size(),
                    h.fired_fraction.size()};
    if (filled_ && seen == seen_) return;
    filled_ = true;
    seen_ = seen;
    while (lines_.size() < h.fired_fraction.size()) lines_.emplace_back(kCapacity);
    lines_.resize(h.fired_fraction.size(), plot::SeriesHistory(kCapacity));
    for (std::size_t l = 0; l < h.fired_fraction.size(); ++l) {
        lines_[l].clear();
        const std::vector<float>& fraction = h.fired_fraction[l];
        for (std::size_t i = 0; i < h.samples.size() && i < fraction.size(); ++i)
            lines_[l].push(h.samples[i], fraction[i]);
    }
}

void UpdateCountsPanel::draw(PanelContext& context) {
    const RulesView* view = rules_view_or_wait(context.snapshot);
    if (view == nullptr) return;
    if (plot_.id.empty()) {
        plot_.id = "rules_update_counts";
        plot_.x.label = "samples seen";
        plot_.y.label = "fraction changed per sample";
        // Sparse rules change a thousandth of a layer where backprop changes all of it: only a log axis
        // shows both.
        plot_.y.log = true;
    }
    // A choice belongs to the run it was made in: another run starts from the default again.
    if (chosen_run_ != context.snapshot.run) chosen_run_ = context.snapshot.run, chosen_ = -1;
    const int variants = static_cast<int>(view->variants.size());
    variant_ = chosen_ >= 0 && chosen_ < variants ? chosen_ : default_update_variant(*view);
    const VariantView& shown = view->variants[static_cast<std::size_t>(variant_)];

    if (variants > 1) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12.f);
        if (ImGui::BeginCombo("Variant", shown.name.c_str())) {
            for (int i = 0; i < variants; ++i) {
                const VariantView& v = view->variants[static_cast<std::size_t>(i)];
                ImGui::PushID(i);
                if (ImGui::Selectable(v.name.c_str(), i == variant_)) chosen_ = i, variant_ = i;
                if (ImGui::IsItemHovered() && !v.differs.empty()) ImGui::SetTooltip("%s", v.differs.c_str());
                ImGui::PopID();
            }
            ImGui::EndCombo();
        }
        if (!shown.differs.empty()) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", shown.differs.c_str());
        }
    }
    const VariantView& variant = view->variants[static_cast<std::size_t>(variant_)];
    refill(context.snapshot.run, *view);

    char title[160];
    const auto end =
        fmt::format_to_n(title, sizeof title - 1, "Connections changed per sample: {}", variant.name).out;
    *end = '\0';
    if (plot_.title != title) plot_.title = title;
    plot_.lines.resize(lines_.size());
    for (std::size_t l = 0; l < lines_.size(); ++l) {
        plot::LineSeries& line = plot_.lines[l];
        const std::string_view name =
            l < view->layer_names.size() ? std::string_view(view->layer_names[l]) : std::string_view("layer");
        if (line.name != name) line.name = name;
        line.color = layer_color(l);
        line.data = &lines_[l];
    }

    const float font = ImGui::GetFontSize();
    const std::size_t layers = std::max(variant.layer_updates.size(), variant.layer_notifications.size());
    // The table's rows: a header and one per layer, under the plot.
    const float table = ImGui::GetFrameHeightWithSpacing() * (static_cast<float>(layers) + 1.5f);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    context.plots.show(plot_, plot_view_,
                       ImVec2(std::max(avail.x, font * 10.f), std::max(avail.y - table, font * 10.f)));
    draw_totals(*view);
}

// So far in the run, per sample: how many weights each layer changed, and how many notifications (the
// threshold rule's messages that a connection crossed its threshold) it took.
void UpdateCountsPanel::draw_totals(const RulesView& view) const {
    const VariantView& v = view.variants[static_cast<std::size_t>(variant_)];
    const std::size_t layers = std::max(v.layer_updates.size(), v.layer_notifications.size());
    if (layers == 0) return;
    constexpr ImGuiTableFlags flags =
        ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("per layer", 4, flags)) return;
    ImGui::TableSetupColumn("Layer");
    ImGui::TableSetupColumn("Connections");
    ImGui::TableSetupColumn("Updates / sample");
    ImGui::TableSetupColumn("Notifications / sample");
    ImGui::TableHeadersRow();
    const double samples = static_cast<double>(view.samples);
    for (std::size_t l = 0; l < layers; ++l) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(layer_color(l)), "%s",
                           l < view.layer_names.size() ? view.layer_names[l].c_str() : "?");
        ImGui::TableNextColumn();
        if (l < view.layer_connections.size())
            ImGui::Text("%lld", static_cast<long long>(view.layer_connections[l]));
        for (const std::vector<std::int64_t>* counts : {&v.layer_updates, &v.layer_notifications}) {
            ImGui::TableNextColumn();
            if (l < counts->size() && samples > 0)
                ImGui::Text("%.4g", static_cast<double>((*counts)[l]) / samples);
            else
                ImGui::TextDisabled("-");
        }
    }
    ImGui::EndTable();
}

std::unique_ptr<Panel> make_update_counts_panel() {
    return std::make_unique<UpdateCountsPanel>();
}

} // namespace phasor::ui
