// Race panel (race_curves_panel.hpp).
#include "ui/panels/rules/race_curves_panel.hpp"

#include <algorithm>
#include <cmath>

namespace phasor::ui {

namespace {

// A history's points with a finite value: test accuracy is NaN until the first evaluation, and a gap at the
// start would only push the line's beginning off to the right.
void fill_line(plot::SeriesHistory& line, const std::vector<float>& x, const std::vector<float>& y) {
    line.clear();
    for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
        if (std::isfinite(x[i]) && std::isfinite(y[i])) line.push(x[i], y[i]);
}

void set_up(plot::Plot& plot, const char* id, const char* title, const char* y_label) {
    plot.id = id;
    plot.title = title;
    plot.x.label = "samples seen";
    plot.x.whole = true;
    plot.y.label = y_label;
}

} // namespace

void RaceCurvesPanel::refill(std::uint64_t run, const RulesView& view) {
    const std::size_t n = view.variants.size();
    bool same = seen_.size() == n;
    for (std::size_t v = 0; same && v < n; ++v) {
        const VariantHistory& h = view.variants[v].history;
        same = seen_[v] == Seen{run, h.samples.size(), h.samples.empty() ? 0.f : h.samples.back()};
    }
    if (same) return;
    seen_.resize(n);
    while (lines_.size() < n) lines_.emplace_back();
    lines_.resize(n);
    for (std::size_t v = 0; v < n; ++v) {
        const VariantHistory& h = view.variants[v].history;
        seen_[v] = {run, h.samples.size(), h.samples.empty() ? 0.f : h.samples.back()};
        fill_line(lines_[v].test, h.samples, h.test_accuracy);
        fill_line(lines_[v].train, h.samples, h.train_accuracy);
        fill_line(lines_[v].loss, h.samples, h.loss);
    }
}

void RaceCurvesPanel::draw(PanelContext& context) {
    const RulesView* view = rules_view_or_wait(context.snapshot);
    if (view == nullptr) return;
    if (test_.id.empty()) {
        set_up(test_, "rules_race_test_accuracy", "Test accuracy", "accuracy");
        set_up(train_, "rules_race_train_accuracy", "Training accuracy", "accuracy");
        set_up(loss_, "rules_race_loss", "Training loss", "loss");
    }
    refill(context.snapshot.run, *view);
    labels_.update(*view, legend_chars(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize()));
    const std::size_t n = lines_.size();
    for (plot::Plot* plot : {&test_, &train_, &loss_}) {
        plot->lines.resize(n);
        for (std::size_t v = 0; v < n; ++v) {
            plot::LineSeries& line = plot->lines[v];
            if (line.name != labels_.short_text[v]) line.name = labels_.short_text[v];
            line.color = variant_colour(v);
            line.data = plot == &test_    ? &lines_[v].test
                        : plot == &train_ ? &lines_[v].train
                                          : &lines_[v].loss;
        }
    }

    const float font = ImGui::GetFontSize();
    const float spacing = ImGui::GetStyle().ItemSpacing.y;
    // Each plot keeps room for its ticks, labels and a legend beside or below it.
    const float least = font * 10.f;
    compact_ = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() < 2.f * least + spacing;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(compact_ ? "Show" : "Accuracy on");
    ImGui::SameLine();
    const bool loss_chosen = compact_ && loss_alone;
    if (ImGui::RadioButton("test data", !train_accuracy_on_top && !loss_chosen))
        train_accuracy_on_top = false, loss_alone = false;
    ImGui::SameLine();
    if (ImGui::RadioButton("training data", train_accuracy_on_top && !loss_chosen))
        train_accuracy_on_top = true, loss_alone = false;
    if (compact_) {
        ImGui::SameLine();
        if (ImGui::RadioButton("loss", loss_chosen)) loss_alone = true;
    }

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float width = std::max(avail.x, font * 10.f);
    const float height = std::max(compact_ ? avail.y : (avail.y - spacing) * 0.5f, least);
    plot::Plot& top = train_accuracy_on_top ? train_ : test_;
    plot::PlotView& top_view = train_accuracy_on_top ? train_view_ : test_view_;
    hovered_.reset();
    if (!compact_ || !loss_alone) {
        context.plots.show(top, top_view, ImVec2(width, height));
        top_min_ = ImGui::GetItemRectMin(), top_max_ = ImGui::GetItemRectMax();
        hovered_ = legend_tooltip(top, top_view, labels_);
    }
    if (!compact_ || loss_alone) {
        context.plots.show(loss_, loss_view_, ImVec2(width, height));
        if (const auto v = legend_tooltip(loss_, loss_view_, labels_)) hovered_ = v;
    }
}

std::unique_ptr<Panel> make_race_curves_panel() {
    return std::make_unique<RaceCurvesPanel>();
}

} // namespace phasor::ui
