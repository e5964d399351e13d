// Accuracy vs updates panel (updates_accuracy_panel.hpp).
#include "ui/panels/rules/updates_accuracy_panel.hpp"

#include <algorithm>
#include <cmath>

namespace phasor::ui {

namespace {

// The engine's histories are thinned by the engine; room for all of their points.
constexpr std::size_t kCapacity = std::size_t{1} << 16;

} // namespace

void UpdatesAccuracyPanel::refill(std::uint64_t run, const RulesView& view) {
    const std::size_t n = view.variants.size();
    auto seen_of = [run](const VariantHistory& h) {
        return Seen{run, h.samples.size(), h.samples.empty() ? 0.f : h.samples.back()};
    };
    bool same = seen_.size() == n;
    for (std::size_t v = 0; same && v < n; ++v) same = seen_[v] == seen_of(view.variants[v].history);
    if (same) return;
    seen_.resize(n);
    while (lines_.size() < n) lines_.emplace_back(kCapacity);
    lines_.resize(n, plot::SeriesHistory(kCapacity));
    for (std::size_t v = 0; v < n; ++v) {
        const VariantHistory& h = view.variants[v].history;
        seen_[v] = seen_of(h);
        plot::SeriesHistory& line = lines_[v];
        line.clear();
        // Only points with an evaluation behind them and at least one update (a log axis has no 0). The
        // count only grows, but a point must not go back in x even if the engine's thinning were uneven.
        double last = 0;
        for (std::size_t i = 0; i < h.weight_updates.size() && i < h.test_accuracy.size(); ++i) {
            const double x = h.weight_updates[i];
            if (!std::isfinite(h.test_accuracy[i]) || !(x > 0) || x < last) continue;
            line.push(x, h.test_accuracy[i]);
            last = x;
        }
    }
}

void UpdatesAccuracyPanel::draw(PanelContext& context) {
    const RulesView* view = rules_view_or_wait(context.snapshot);
    if (view == nullptr) return;
    if (plot_.id.empty()) {
        plot_.id = "rules_updates_accuracy";
        plot_.title = "Test accuracy against weight updates";
        plot_.x.label = "weight updates so far (log)";
        plot_.x.log = true;
        plot_.y.label = "accuracy";
    }
    refill(context.snapshot.run, *view);
    labels_.update(*view, legend_chars(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize()));
    plot_.lines.resize(lines_.size());
    for (std::size_t v = 0; v < lines_.size(); ++v) {
        plot::LineSeries& line = plot_.lines[v];
        if (line.name != labels_.short_text[v]) line.name = labels_.short_text[v];
        line.color = variant_colour(v);
        line.data = &lines_[v];
    }
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    context.plots.show(plot_, view_, ImVec2(std::max(avail.x, font * 10.f), std::max(avail.y, font * 12.f)));
    hovered_ = legend_tooltip(plot_, view_, labels_);
}

std::unique_ptr<Panel> make_updates_accuracy_panel() {
    return std::make_unique<UpdatesAccuracyPanel>();
}

} // namespace phasor::ui
