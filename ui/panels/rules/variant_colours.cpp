// The race panels' shared look (variant_colours.hpp).
#include "ui/panels/rules/variant_colours.hpp"

#include "ui/plot/render.hpp"

#include <algorithm>
#include <imgui.h>

namespace phasor::ui {

const RulesView* rules_view_or_wait(const Snapshot& snapshot) {
    const RulesView* view = snapshot.payload_as<RulesView>();
    if (view == nullptr || view->variants.empty()) {
        ImGui::TextDisabled("No run yet: waiting for the first snapshot.");
        return nullptr;
    }
    return view;
}

plot::Rgba variant_colour(std::size_t i) {
    return plot::series_color(static_cast<int>(i));
}

std::string variant_differs(const RulesView& view, std::size_t i) {
    const std::string& differs = view.variants[i].differs;
    return differs.empty() && i == 0 ? std::string("base") : differs;
}

namespace {

// "name: differs", or the name alone when there is nothing to add (a later variant that sets nothing, or a
// base that is called "base").
std::string full_label(const RulesView& view, std::size_t i) {
    const std::string& name = view.variants[i].name;
    const std::string differs = variant_differs(view, i);
    if (differs.empty() || differs == name) return name;
    return name + ": " + differs;
}

} // namespace

std::string variant_label(const RulesView& view, std::size_t i, std::size_t max_chars) {
    std::string label = full_label(view, i);
    if (label.size() <= max_chars) return label;
    // Cut between settings, never inside one: "train.rule =..." says nothing that the hover, the table and
    // the name do not, so a label keeps whole "key = value" items and ends in "..." or is the name alone.
    const std::string& name = view.variants[i].name;
    const std::string differs = variant_differs(view, i);
    constexpr std::string_view kMore = ", ...";
    std::string kept = name + ": ";
    std::size_t items = 0;
    for (std::size_t at = 0; at < differs.size();) {
        const std::size_t comma = std::min(differs.find(", ", at), differs.size());
        const std::string_view item = std::string_view(differs).substr(at, comma - at);
        if (kept.size() + (items > 0 ? 2 : 0) + item.size() + kMore.size() > max_chars) break;
        if (items++ > 0) kept += ", ";
        kept += item;
        at = comma + 2;
    }
    return items == 0 ? name : kept + std::string(kMore);
}

std::size_t legend_chars(float width, float font) {
    // About half the plot's width in characters of an average width of 0.55 font sizes.
    const float chars = width / (font * 0.55f) * 0.5f;
    return static_cast<std::size_t>(std::clamp(chars, 20.f, static_cast<float>(kLegendChars)));
}

void VariantLabels::update(const RulesView& view, std::size_t max_chars) {
    const std::size_t n = view.variants.size();
    if (max_chars != chars) short_text.assign(n, std::string()), chars = max_chars;
    short_text.resize(n);
    full_text.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::string full = full_label(view, i);
        if (full == full_text[i] && !short_text[i].empty()) continue;
        short_text[i] = variant_label(view, i, max_chars);
        full_text[i] = std::move(full);
    }
}

std::optional<std::size_t> legend_tooltip(const plot::Plot& plot, const plot::PlotView& view,
                                          const VariantLabels& labels) {
    if (!ImGui::IsItemHovered() || ImGui::GetFont() == nullptr) return std::nullopt;
    // A scratch list that nothing renders, set up as the offscreen export sets up its own.
    ImDrawList scratch(ImGui::GetDrawListSharedData());
    scratch._ResetForNewFrame();
    scratch.PushTextureID(ImGui::GetIO().Fonts->TexID);
    scratch.PushClipRectFullScreen();
    thread_local plot::PlotLayout layout;
    plot::render(plot, view, scratch, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), {}, layout);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (const plot::PlotLayout::LegendEntry& entry : layout.legend) {
        if (mouse.x < entry.min.x || mouse.x > entry.max.x || mouse.y < entry.min.y || mouse.y > entry.max.y)
            continue;
        for (std::size_t i = 0; i < labels.short_text.size(); ++i)
            if (labels.short_text[i] == entry.name) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.f);
                ImGui::TextUnformatted(labels.full_text[i].c_str());
                ImGui::PopTextWrapPos();
                ImGui::TextDisabled("Click to hide or show this variant.");
                ImGui::EndTooltip();
                return i;
            }
    }
    return std::nullopt;
}

} // namespace phasor::ui
