// Every plot drawn in this frame, kept so that "export every plot" (the --export-plots option) and the plots'
// own context menus can be served after the frame is rendered, when a GL context is free to draw offscreen.
#pragma once
#include "ui/plot/plot_widget.hpp"

#include <span>
#include <vector>

namespace phasor::plot {

class PlotShelf {
  public:
    struct Entry {
        Plot plot;
        PlotView view;
        ImVec2 size; // on screen, in pixels
    };
    struct Request {
        Entry entry;
        ExportRequest request;
    };

    void begin_frame(); // forgets the previous frame's plots (keeps their storage)
    // Draws the plot widget and remembers it; an export chosen in its menu is queued as a request.
    void show(const Plot& plot, PlotView& view, ImVec2 size);

    std::span<const Entry> drawn() const { return {drawn_.data(), count_}; }
    std::vector<Request> take_requests();

    // The theme and size exports take: set in any plot's menu, shared by all of them, and what "Export every
    // plot" and export bundles should use.
    ExportLook& look() { return look_; }
    const ExportLook& look() const { return look_; }

  private:
    ExportLook look_;
    std::vector<Entry> drawn_; // first count_ are this frame's
    std::size_t count_ = 0;
    std::vector<Request> requests_;
};

} // namespace phasor::plot
