// The Race panel of the rule lab: every variant's curves overlaid on shared axes against samples seen, one
// colour per variant, the legend naming each with what it sets unlike the base. Two plots stacked: accuracy
// on top (test accuracy, the plot "rules_race_test_accuracy", or training accuracy,
// "rules_race_train_accuracy", as chosen above them) and the training loss below ("rules_race_loss"). Where
// the panel is too short for two readable plots (a small screen at a projector's scale), one at full height,
// the loss being a third choice, rather than a panel that scrolls.
#pragma once
#include "engine/rules/rules_view.hpp"
#include "ui/panels/panel.hpp"
#include "ui/panels/rules/variant_colours.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace phasor::ui {

class RaceCurvesPanel final : public Panel {
  public:
    const char* title() const override { return "Race"; }
    const char* tooltip() const override {
        return "Every variant's accuracy and training loss against samples seen, on the same axes.";
    }
    void draw(PanelContext& context) override;

    // Which accuracy the top plot shows.
    bool train_accuracy_on_top = false;
    // Where only one plot fits: whether it is the loss (else the accuracy chosen above).
    bool loss_alone = false;
    // Whether the last frame had room for only one plot.
    bool compact() const { return compact_; }

    const plot::Plot& test_accuracy() const { return test_; }
    const plot::Plot& train_accuracy() const { return train_; }
    const plot::Plot& loss() const { return loss_; }
    // Where the top plot was drawn last (screen pixels): tests hover its legend.
    ImVec2 top_min() const { return top_min_; }
    ImVec2 top_max() const { return top_max_; }
    // The variant whose legend entry the mouse is over (its full text in a tooltip), if any.
    std::optional<std::size_t> hovered_variant() const { return hovered_; }
    const VariantLabels& labels() const { return labels_; }

  private:
    bool compact_ = false;
    // Made again only when a variant's history changes (another run, a point added, thinned).
    void refill(std::uint64_t run, const RulesView& view);

    struct Lines {
        plot::SeriesHistory test, train, loss;
        Lines() : test(kCapacity), train(kCapacity), loss(kCapacity) {}
    };
    // The engine thins its histories itself; room for all of them so the lines never thin them again.
    static constexpr std::size_t kCapacity = std::size_t{1} << 16;

    struct Seen {
        std::uint64_t run = 0;
        std::size_t points = 0;
        float last = 0;
        bool operator==(const Seen&) const = default;
    };
    std::vector<Seen> seen_;
    std::vector<Lines> lines_;
    VariantLabels labels_;
    plot::Plot test_, train_, loss_;
    plot::PlotView test_view_, train_view_, loss_view_;
    ImVec2 top_min_{}, top_max_{};
    std::optional<std::size_t> hovered_;
};

std::unique_ptr<Panel> make_race_curves_panel();

} // namespace phasor::ui
