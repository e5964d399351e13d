// PlotShelf: the plots drawn this frame, kept (with their storage reused frame to frame) for exports served
// after the frame is rendered.
#include "ui/plot/plot_shelf.hpp"

#include <utility>

namespace phasor::plot {

void PlotShelf::begin_frame() {
    count_ = 0;
}

void PlotShelf::show(const Plot& plot, PlotView& view, ImVec2 size) {
    auto request = plot_widget(plot, view, size, look_);
    if (count_ == drawn_.size()) drawn_.emplace_back();
    // Copy-assigning into last frame's entry reuses its strings' and vectors' capacity.
    Entry& entry = drawn_[count_++];
    entry.plot = plot;
    entry.view = view;
    entry.size = size;
    if (request) requests_.push_back({entry, *request});
}

std::vector<PlotShelf::Request> PlotShelf::take_requests() {
    return std::exchange(requests_, {});
}

} // namespace phasor::plot
