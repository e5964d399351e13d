// The keys that say how to read a plot's data: a heatmap's colour bar, and the blocks of labelled marks (a
// class map's classes, the legend of named lines and scatters) inside the data area or outside it. Internal
// to the plot layer: draw_plot lays a plot out around them, and measuring and drawing share one placement so
// the room reserved is the room used.
#pragma once
#include "ui/plot/canvas.hpp"

#include <string_view>
#include <vector>

namespace phasor::plot {

// A plot's lengths in pixels at its scale: line width, font, padding, gap between marks, tick length.
struct Spacing {
    float s, fs, pad, gap, tick;
};

// A continuous heatmap's colour bar beside a data area `height` pixels high: the width it needs (its ticks
// go into `ticks`), and drawing it from `min` down to `bottom`, its scale label ending at `right`.
float colour_bar_width(const Heatmap& map, Canvas& canvas, const Spacing& m, std::vector<Tick>& ticks,
                       float height);
void draw_colour_bar(const Heatmap& map, Canvas& canvas, const Spacing& m, const Theme& theme,
                     const std::vector<Tick>& ticks, ImVec2 min, float bottom, float right);

// Labelled marks laid out in rows: a class map's classes (a swatch each, shading from faint to full when the
// map has strength, and the map's scale_label as a caption), then the legend's named lines and scatters,
// which a click hides and shows.
class KeyBlock {
  public:
    // The entries of `plot` (the storage of the last ones is kept): its class map's classes when `classes`,
    // its named series when `series` and the plot shows a legend (two or more of them).
    void collect(const Plot& plot, const Theme& theme, bool classes, bool series);
    bool empty() const { return entries_.empty(); }
    // The size of the block laid out left to right, wrapping before `width` pixels (0: one entry per row).
    ImVec2 size(Canvas& canvas, const Spacing& m, float width) const;
    // Draws it from `origin` (its top left) as size() laid it out; the legend's entries go into `layout`.
    void draw(const PlotView& view, Canvas& canvas, const Spacing& m, const Theme& theme, ImVec2 origin,
              float width, PlotLayout& layout) const;

  private:
    enum class Mark { Swatch, Ramp, Line, Disc, Ring, Caption }; // a caption is text alone, after the rest
    struct Entry {
        Mark mark;
        std::string_view label; // the series' name for legend entries
        Rgba color;
        bool legend; // toggles its series
    };
    // Walks the entries as laid out from `origin`, calling at(entry, top left of its row); returns the size.
    template <class At>
    ImVec2 place(Canvas& canvas, const Spacing& m, ImVec2 origin, float width, At&& at) const;

    std::vector<Entry> entries_;
};

// The legend inside the data area, on a filled box, in the corner where it hides the fewest of the plot's
// points (top right on a tie): a rising accuracy curve leaves the bottom right free, a falling loss the top
// right. min == max: none.
struct LegendBox {
    ImVec2 min, max;
};
LegendBox legend_box(const Plot& plot, const KeyBlock& legend, Canvas& canvas, const Spacing& m,
                     const Mapping& map);
void draw_legend_box(const KeyBlock& legend, const LegendBox& box, const PlotView& view, Canvas& canvas,
                     const Spacing& m, const Theme& theme, PlotLayout& layout);

} // namespace phasor::plot
