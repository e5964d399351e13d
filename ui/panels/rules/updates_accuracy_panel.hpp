// The Accuracy vs updates panel of the rule lab: each variant's test accuracy against its own cumulative
// weight updates on a log axis (the plot "rules_updates_accuracy"), how accuracy trades against the number of
// weight updates: a rule that updates only where it matters reaches an accuracy left of one that updates
// every weight on every sample, and the gap between their curves is the saving in decades. Colours and
// legend as in the Race panel.
#pragma once
#include "engine/rules/rules_view.hpp"
#include "ui/panels/panel.hpp"
#include "ui/panels/rules/variant_colours.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace phasor::ui {

class UpdatesAccuracyPanel final : public Panel {
  public:
    const char* title() const override { return "Accuracy vs updates"; }
    const char* tooltip() const override {
        return "Each variant's test accuracy against the weight updates it has made so far.";
    }
    void draw(PanelContext& context) override;

    const plot::Plot& plot() const { return plot_; }
    // The variant whose legend entry the mouse is over (its full text in a tooltip), if any.
    std::optional<std::size_t> hovered_variant() const { return hovered_; }

  private:
    // Made again only when a variant's history changes (another run, a point added, thinned).
    void refill(std::uint64_t run, const RulesView& view);

    struct Seen {
        std::uint64_t run = 0;
        std::size_t points = 0;
        float last = 0;
        bool operator==(const Seen&) const = default;
    };
    std::vector<Seen> seen_;
    std::vector<plot::SeriesHistory> lines_;
    VariantLabels labels_;
    plot::Plot plot_;
    plot::PlotView view_;
    std::optional<std::size_t> hovered_;
};

std::unique_ptr<Panel> make_updates_accuracy_panel();

} // namespace phasor::ui
