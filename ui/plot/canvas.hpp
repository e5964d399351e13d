// What a plot is drawn onto: an ImGui draw list (screen, PNG) or an SVG document. The layout and drawing code
// is written once against this interface (draw_plot), so the screen, the PNG and the SVG put every mark in
// the same place with the same colours.
#pragma once
#include "ui/plot/axes.hpp"
#include "ui/plot/render.hpp"
#include "ui/plot/theme.hpp"

#include <span>
#include <string_view>

namespace phasor::plot {

// `a` blended towards `b` by t (alpha too).
Rgba mix(Rgba a, Rgba b, float t);
constexpr Rgba with_alpha(Rgba c, int alpha) {
    return (c & 0x00FFFFFFu) | static_cast<Rgba>(alpha) << 24;
}

class Canvas {
  public:
    virtual ~Canvas() = default;
    virtual float text_width(std::string_view text, float size) = 0;
    // `anchor` is the top of the line; align 0 puts its left end there, 0.5 its centre, 1 its right end.
    virtual void text(ImVec2 anchor, std::string_view text, float size, Rgba color, float align) = 0;
    // Rotated to read bottom to top, centred on `center` (the y axis label).
    virtual void text_vertical(ImVec2 center, std::string_view text, float size, Rgba color) = 0;
    virtual void line(ImVec2 a, ImVec2 b, Rgba color, float width) = 0;
    virtual void polyline(std::span<const ImVec2> points, Rgba color, float width) = 0;
    virtual void rect(ImVec2 min, ImVec2 max, Rgba color, float width) = 0;
    virtual void fill_rect(ImVec2 min, ImVec2 max, Rgba color) = 0;
    // A fill of alpha 0 is not drawn, nor an outline of alpha 0 or width 0.
    virtual void disc(ImVec2 center, float radius, Rgba fill, Rgba outline, float outline_width) = 0;
    // A rectangle with corners rounded by `rounding` (custom drawings: slots, boxes), filled and outlined as
    // disc().
    virtual void box(ImVec2 min, ImVec2 max, float rounding, Rgba fill, Rgba outline,
                     float outline_width) = 0;
    virtual void heatmap(ImVec2 min, ImVec2 max, const Heatmap& map, float lo, float hi) = 0;
    virtual void push_clip(ImVec2 min, ImVec2 max) = 0;
    virtual void pop_clip() = 0;
};

struct DrawStyle {
    float scale = 1.f;      // multiplies every length
    float font_size = 13.f; // already scaled
    bool transparent = false;
    const Theme* theme = nullptr; // null: the dark theme
    const Theme& colors() const { return theme ? *theme : theme_of(ThemeKind::Dark); }
};

// Lays out and draws `plot` with the ranges of `view` into [p0, p1], overwriting `layout` (its storage is
// reused).
void draw_plot(const Plot& plot, const PlotView& view, Canvas& canvas, ImVec2 p0, ImVec2 p1,
               const DrawStyle& style, PlotLayout& layout);

// A scatter point: a disc outlined to stand off any background, or (hollow) a ring of the colour between two
// thin outlines, a little larger so it reads as the same kind of point.
void point_mark(Canvas& canvas, ImVec2 center, float radius, Rgba color, bool hollow, const Theme& theme,
                float scale);

// The data marks (heatmaps, histograms, bars, lines, scatter), clipped by the caller to the data area.
void draw_data(const Plot& plot, const PlotView& view, const Mapping& map, Canvas& canvas,
               const DrawStyle& style);

// The event markers inside the mapped x range: their lines across the data area and, where they fit, their
// labels along its top, clear of [keep_clear_min, keep_clear_max] (the legend; nothing when the two are
// equal), placed into `labels`. Drawn over the data, clipped by the caller to the data area.
void draw_markers(const Plot& plot, const Mapping& map, Canvas& canvas, const DrawStyle& style,
                  ImVec2 keep_clear_min, ImVec2 keep_clear_max, std::vector<PlotLayout::MarkerLabel>& labels);

} // namespace phasor::plot
