// What the rule lab's race panels share so that a variant looks the same in each of them: its colour, its
// name with what it sets unlike the base (the legends and the table), the legend's full text in a tooltip
// where a long `differs` had to be cut short, and the words shown while there is no run yet.
#pragma once
#include "engine/rules/rules_view.hpp"
#include "ui/panels/panel.hpp"
#include "ui/plot/plot.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace phasor::ui {

// The run's RulesView, or null (having said "No run yet" in the panel) before the first snapshot.
const RulesView* rules_view_or_wait(const Snapshot& snapshot);

// Variant i's colour: the qualitative palette by position (the plot themes swap it for their own readable
// version on white), so the same variant has the same colour in every panel and every export.
plot::Rgba variant_colour(std::size_t i);

// What variant i sets unlike the base: its `differs`, or "base" for the first variant when that is empty.
std::string variant_differs(const RulesView& view, std::size_t i);

// A legend entry: "name: differs", cut to kLegendChars with "..." (a full `differs` can list several
// parameters, which would push the legend over the curves; one rule and its threshold still fit). The names
// must stay distinct, since a legend click hides a series by name: the variant's name comes first and is
// never cut.
inline constexpr std::size_t kLegendChars = 60;
std::string variant_label(const RulesView& view, std::size_t i, std::size_t max_chars = kLegendChars);

// The legends' labels and their full texts, made again only when a variant's name or `differs` changes.
// `max_chars` follows the plot's width: a narrow plot (a small window, a projector's scale) moves its legend
// below the data, where entries of a few words share a row and long ones would take a row each.
struct VariantLabels {
    std::vector<std::string> short_text, full_text;
    void update(const RulesView& view, std::size_t max_chars = kLegendChars);
    std::size_t chars = 0;
};
// The legend length that suits a plot `width` pixels wide with a `font`-pixel font.
std::size_t legend_chars(float width, float font);

// Called right after context.plots.show(plot, ...), while the plot is ImGui's last item: with the mouse over
// a legend entry, a tooltip with the variant's full name and `differs`. The plot widget does not say where
// it put its legend, so it is laid out again here (only while hovered) exactly as the widget drew it.
// Returns the variant whose entry is under the mouse.
std::optional<std::size_t> legend_tooltip(const plot::Plot& plot, const plot::PlotView& view,
                                          const VariantLabels& labels);

} // namespace phasor::ui
