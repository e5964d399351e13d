// Population rates panel (rates_panel.hpp).
#include "ui/panels/spiking/rates_panel.hpp"

#include "ui/panels/spiking/spiking_look.hpp"

#include <algorithm>

namespace phasor::ui {

void RatesPanel::refill(std::uint64_t run, const SpikingView& view) {
    const std::vector<float>& time = view.history_time;
    const Seen seen{run, time.empty() ? 0.f : time.front(), time.empty() ? 0.f : time.back(), time.size(),
                    view.history_rate.size()};
    if (filled_ && seen == seen_) return;
    filled_ = true;
    seen_ = seen;
    // Room for the engine's whole history, so the lines never thin it a second time.
    while (lines_.size() < view.history_rate.size())
        lines_.emplace_back(std::size_t{SpikingView::kHistory} * 2);
    lines_.resize(view.history_rate.size(), plot::SeriesHistory(std::size_t{SpikingView::kHistory} * 2));
    for (std::size_t p = 0; p < view.history_rate.size(); ++p) {
        lines_[p].clear();
        const std::vector<float>& rate = view.history_rate[p];
        for (std::size_t i = 0; i < time.size() && i < rate.size(); ++i) lines_[p].push(time[i], rate[i]);
    }
}

void RatesPanel::draw(PanelContext& context) {
    const SpikingView* view = spiking_view_or_wait(context.snapshot);
    if (view == nullptr) return;
    if (plot_.id.empty()) {
        plot_.id = "spiking_rates";
        plot_.title = "Population rates";
        plot_.x.label = "simulated time (s)";
        plot_.y.label = "rate (Hz)";
        plot_.y.from_zero = true;
    }
    refill(context.snapshot.run, *view);
    population_palette(*view, palette_);
    const std::size_t shown = std::min(lines_.size(), view->populations.size());
    plot_.lines.resize(shown);
    for (std::size_t p = 0; p < shown; ++p) {
        plot::LineSeries& line = plot_.lines[p];
        if (line.name != view->populations[p].name) line.name = view->populations[p].name;
        line.color = plot::series_color(palette_[p]);
        line.data = &lines_[p];
    }
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    context.plots.show(plot_, plot_view_,
                       ImVec2(std::max(avail.x, font * 10.f), std::max(avail.y, font * 10.f)));
}

} // namespace phasor::ui
