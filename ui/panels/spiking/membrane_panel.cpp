// Membrane panel (membrane_panel.hpp).
#include "ui/panels/spiking/membrane_panel.hpp"

#include "ui/panels/panel_style.hpp"
#include "ui/panels/spiking/spiking_look.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace phasor::ui {

// A trace is cleared when its neuron or the run changes (or time went back: a restored run), else only its
// samples newer than the last one kept are added.
void MembranePanel::update(std::uint64_t run, const SpikingView& view) {
    const bool new_run = run != run_;
    run_ = run;
    traces_.resize(view.followed.size());
    for (std::size_t i = 0; i < view.followed.size(); ++i) {
        const FollowedNeuron& f = view.followed[i];
        Trace& trace = traces_[i];
        const bool back = !trace.line.empty() && !f.time.empty() && f.time.back() < trace.line.x_max();
        if (new_run || back || trace.neuron != f.neuron) trace.line.clear();
        trace.neuron = f.neuron;
        const double last = trace.line.empty() ? -INFINITY : trace.line.x_max();
        for (std::size_t k = 0; k < f.time.size() && k < f.v.size(); ++k)
            if (f.time[k] > last) trace.line.push(f.time[k], f.v[k] * 1000.f); // mV reads better than V
    }
}

void MembranePanel::draw(PanelContext& context) {
    const SpikingView* view = spiking_view_or_wait(context.snapshot);
    if (view == nullptr) return;
    if (view->followed.empty()) {
        wrapped_text("No neuron followed: click a row of the Spike raster or a neuron in the 3D view.");
        return;
    }
    if (plot_.id.empty()) {
        plot_.id = "spiking_membrane";
        plot_.title = "Membrane potential";
        plot_.x.label = "simulated time (s)";
        plot_.y.label = "V (mV)";
    }
    update(context.snapshot.run, *view);
    population_palette(*view, palette_);
    plot_view_.follow = std::max(view->raster.window, 1e-3); // the engine's window, sliding
    plot_.lines.resize(view->followed.size());
    plot_.scatters.resize(view->followed.size());
    used_.resize(view->followed.size());
    // The spikes sit just above the highest trace, a dot per spike in the line's colour.
    float top = -INFINITY, bottom = INFINITY;
    for (const Trace& t : traces_) {
        const auto [lo, hi] = t.line.y_range(-INFINITY, INFINITY);
        top = std::max(top, hi), bottom = std::min(bottom, lo);
    }
    const float spike_y = std::isfinite(top) ? top + 0.08f * std::max(top - bottom, 1.f) : 0.f;
    for (std::size_t i = 0; i < view->followed.size(); ++i) {
        const FollowedNeuron& f = view->followed[i];
        const auto p =
            static_cast<std::size_t>(std::clamp<int>(f.population, 0, static_cast<int>(palette_.size()) - 1));
        // Its population's colour, unless an earlier followed neuron has it: then the next hue still free.
        int hue = palette_[p];
        const auto earlier = used_.begin() + static_cast<std::ptrdiff_t>(i);
        for (int tries = 0; tries < 8 && std::find(used_.begin(), earlier, hue) != earlier; ++tries)
            hue = (hue + 1) % 8;
        used_[i] = hue;
        const plot::Rgba color = plot::series_color(hue);
        plot::LineSeries& line = plot_.lines[i];
        line.name.clear();
        // Short names: the legend keeps its own copies, which stay within a string's inline storage.
        fmt::format_to(std::back_inserter(line.name), "neuron {}", f.neuron);
        line.color = color;
        line.data = &traces_[i].line;
        plot::Scatter& spikes = plot_.scatters[i];
        spikes.name.clear();
        fmt::format_to(std::back_inserter(spikes.name), "spikes {}", f.neuron);
        spikes.color = color;
        spikes.x.assign(f.spikes.begin(), f.spikes.end());
        spikes.y.assign(f.spikes.size(), spike_y);
    }
    const float font = ImGui::GetFontSize();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    context.plots.show(plot_, plot_view_,
                       ImVec2(std::max(avail.x, font * 10.f), std::max(avail.y, font * 8.f)));
}

} // namespace phasor::ui
