// The layout of a plot and everything around its data: title, axis labels, ticks and grid, and room for its
// keys (key.hpp); the data marks and event markers are drawn inside it. Shared by render() and to_svg()
// through the Canvas interface.
#include "ui/plot/drawing.hpp"
#include "ui/plot/key.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace phasor::plot {
namespace {

float widest(Canvas& canvas, const std::vector<Tick>& ticks, float size) {
    float w = 0;
    for (const Tick& t : ticks) w = std::max(w, canvas.text_width(t.label, size));
    return w;
}

float measure(const void* canvas, std::string_view label, float size) {
    return static_cast<Canvas*>(const_cast<void*>(canvas))->text_width(label, size);
}

void keep_whole(bool whole, bool log, std::vector<Tick>& ticks) {
    if (whole && !log) std::erase_if(ticks, [](const Tick& t) { return t.value != std::round(t.value); });
}

void y_ticks(const Mapping& map, float font_size, bool whole, std::vector<Tick>& out) {
    AxisRoom room{.length = map.max.y - map.min.y, .font_size = font_size, .stacked = true};
    axis_ticks(map.y_lo, map.y_hi, map.log_y, room, out);
    keep_whole(whole, map.log_y, out);
}

// Labels side by side, measured by the canvas: fewer ticks where they would collide.
void x_ticks(Canvas& canvas, const Mapping& map, float font_size, std::vector<Tick>& out) {
    AxisRoom room{.length = map.max.x - map.min.x,
                  .font_size = font_size,
                  .stacked = false,
                  .width = measure,
                  .context = &canvas};
    axis_ticks(map.x_lo, map.x_hi, map.log_x, room, out);
}

// Equal aspect: the data area shrinks along the axis that has room to spare, so one unit is the same number
// of pixels on both axes and the ranges shown fill it. Narrower: centred; shorter: kept under the title.
void letterbox(Mapping& map) {
    const double w = map.max.x - map.min.x, h = map.max.y - map.min.y;
    const double ux = (map.x_hi - map.x_lo) / w, uy = (map.y_hi - map.y_lo) / h;
    if (ux > uy) {
        map.max.y = std::round(map.min.y + static_cast<float>((map.y_hi - map.y_lo) / ux));
    } else {
        const float width = static_cast<float>((map.x_hi - map.x_lo) / uy);
        map.min.x = std::round((map.min.x + map.max.x - width) / 2);
        map.max.x = map.min.x + std::round(width);
    }
}

// What sits beside the data area and how much room it takes: the colour bar or a key block to the right
// (its width), a key block below (its height).
struct Room {
    bool bar = false; // the colour bar, whose width depends on the data area's height
    float right = 0, below = 0;
};

// The data area of a plot whose title ends at `top`, with `room` kept for its keys; the y ticks go into yt
// and the colour bar's into ct. Returns the colour bar's width (0: none).
float lay_out(const Plot& plot, const Heatmap* bar_map, Canvas& canvas, const Spacing& m, ImVec2 p0,
              ImVec2 p1, float top, const Room& room, Mapping& map, std::vector<Tick>& yt,
              std::vector<Tick>& ct) {
    // Vertical margins first: the y ticks depend on the height, the left margin on the y tick labels.
    float bottom = p1.y - m.pad;
    if (!plot.x.label.empty()) bottom -= m.fs + m.gap;
    bottom -= m.fs + m.tick + m.gap;
    if (room.below > 0) bottom -= room.below + 2 * m.gap;
    // Whole pixels, so the frame and the grid are sharp hairlines on screen.
    map.min.y = std::round(top);
    map.max.y = std::max(std::round(bottom), map.min.y + 1);
    y_ticks(map, m.fs, plot.y.whole, yt);

    float left = p0.x + m.pad;
    if (!plot.y.label.empty()) left += m.fs + m.gap;
    left += widest(canvas, yt, m.fs) + m.gap + m.tick;
    float right = p1.x - m.pad;
    if (plot.bars.empty()) { // room for the right half of a tick label at the right end of the x axis
        char last[24];
        format_number(map.x_hi, 0, last, sizeof last);
        right -= canvas.text_width(last, m.fs) / 2;
    }
    const float bar = room.bar ? colour_bar_width(*bar_map, canvas, m, ct, map.max.y - map.min.y) : 0.f;
    if (bar + room.right > 0) right -= bar + room.right + m.gap * 2;
    map.min.x = std::round(left);
    map.max.x = std::max(std::round(right), map.min.x + 1);
    if (plot.equal_aspect && !plot.y.log && !map.log_x) {
        letterbox(map);
        y_ticks(map, m.fs, plot.y.whole, yt);
    }
    return bar;
}

float area(const Mapping& map) {
    return (map.max.x - map.min.x) * (map.max.y - map.min.y);
}

// Bar labels under the axis, thinned out when they would overlap.
void draw_bar_labels(const Bars& bars, Canvas& canvas, const Spacing& m, const Theme& theme,
                     const Mapping& map) {
    float spacing = std::fabs(map.px(1) - map.px(0)), w = 0;
    for (const auto& label : bars.labels) w = std::max(w, canvas.text_width(label, m.fs));
    std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil((w + m.gap) / spacing)));
    for (std::size_t i = 0; i < bars.labels.size(); i += every) {
        float x = map.px(static_cast<double>(i));
        if (x < map.min.x - 1 || x > map.max.x + 1) continue;
        canvas.text({x, map.max.y + m.tick + m.gap / 2}, bars.labels[i], m.fs, theme.tick_text, 0.5f);
    }
}

// Centred over the plot; set apart by place and colour, not size (a scaled-up atlas font would blur). One too
// wide for a narrow plot starts at its left edge, so what is cut off is its end, not both ends.
void draw_title(std::string_view title, Canvas& canvas, const Spacing& m, const Theme& theme, ImVec2 p0,
                ImVec2 p1) {
    const bool fits = canvas.text_width(title, m.fs) <= p1.x - p0.x - 2 * m.pad;
    canvas.text({fits ? (p0.x + p1.x) / 2 : p0.x + m.pad, p0.y + m.pad}, title, m.fs, theme.text,
                fits ? 0.5f : 0.f);
}

// A custom drawing: the background, the title, and the drawing below it, clipped to its box.
void draw_custom(const Plot& plot, Canvas& canvas, ImVec2 p0, ImVec2 p1, const DrawStyle& style,
                 const Spacing& m, PlotLayout& layout) {
    const Theme& theme = style.colors();
    float top = p0.y;
    if (!plot.title.empty()) {
        draw_title(plot.title, canvas, m, theme, p0, p1);
        top = p0.y + m.pad + m.fs + m.gap;
    }
    const ImVec2 min{p0.x, std::round(top)}, max{p1.x, std::max(p1.y, std::round(top) + 1)};
    canvas.push_clip(min, max);
    plot.drawing->draw(canvas, min, max, style);
    canvas.pop_clip();
    layout.data_min = min;
    layout.data_max = max;
}

// `text` cut short with "..." to fit `width` pixels (into `buffer`); empty when not even a few letters fit.
std::string_view fitted(Canvas& canvas, std::string_view text, float size, float width,
                        std::array<char, 96>& buffer) {
    if (canvas.text_width(text, size) <= width) return text;
    for (std::size_t n = std::min(text.size(), buffer.size() - 4); n >= 4; --n) {
        std::copy_n(text.begin(), n, buffer.begin());
        std::copy_n("...", 3, buffer.begin() + static_cast<std::ptrdiff_t>(n));
        const std::string_view cut(buffer.data(), n + 3);
        if (canvas.text_width(cut, size) <= width) return cut;
    }
    return {};
}

// Whether a legend of `size` inside the data area of `map` would cover more of it than a reader can spare.
bool hides_too_much(ImVec2 size, const Mapping& map) {
    const float width = map.max.x - map.min.x, height = map.max.y - map.min.y;
    return size.x > 0.6f * width || size.y > 0.6f * height || size.x * size.y > 0.2f * width * height;
}

// How readable a data area's shape is: under 1, a sliver, narrower than 8 font sizes (a few x tick labels)
// or shorter than 4 (a few y ticks). A tall plot with its key beside it can keep the larger area and still be
// a sliver, where the key below would have left it readable.
float thinness(const Mapping& map, const Spacing& m) {
    return std::min((map.max.x - map.min.x) / (8 * m.fs), (map.max.y - map.min.y) / (4 * m.fs));
}

} // namespace

void draw_plot(const Plot& plot, const PlotView& view, Canvas& canvas, ImVec2 p0, ImVec2 p1,
               const DrawStyle& style, PlotLayout& layout) {
    thread_local std::vector<Tick> xt, yt, ct; // kept between frames: no allocation once warmed up
    thread_local KeyBlock key, legend;
    const float s = style.scale, fs = style.font_size;
    const Spacing m{s, fs, 6 * s, 4 * s, 4 * s};
    const Theme& theme = style.colors();
    layout.legend.clear();
    layout.marker_labels.clear();
    layout.key_min = layout.key_max = {0, 0};
    if (!style.transparent && !theme.transparent()) canvas.fill_rect(p0, p1, theme.background);
    if (plot.drawing != nullptr) return draw_custom(plot, canvas, p0, p1, style, m, layout);

    Mapping map;
    map.log_x = view.x_log(plot);
    map.log_y = plot.y.log;
    map.x_lo = view.x_lo, map.x_hi = view.x_hi, map.y_lo = view.y_lo, map.y_hi = view.y_hi;
    sanitize_range(map.x_lo, map.x_hi, map.log_x);
    sanitize_range(map.y_lo, map.y_hi, plot.y.log);

    float top = p0.y + m.pad;
    if (!plot.title.empty()) {
        draw_title(plot.title, canvas, m, theme, p0, p1);
        top += fs + m.gap;
    }
    top += fs / 2; // the top tick label is centred on the edge

    // The keys: a continuous heatmap's colour bar on the right; a class map's classes in a block, with the
    // legend when it goes outside, to the right or below, whichever leaves the data the larger area; the
    // legend inside otherwise.
    const Heatmap* first = plot.heatmaps.empty() ? nullptr : &plot.heatmaps.front();
    const Heatmap* bar_map = first && first->colormap != Colormap::Classes ? first : nullptr;
    bool outside = plot.legend_place == LegendPlace::Outside;
    key.collect(plot, theme, true, outside);
    legend.collect(plot, theme, false, !outside);
    const float key_width = std::max(p1.x - p0.x - 2 * m.pad, 1.f);
    Room room{.bar = bar_map != nullptr};
    if (!key.empty() && !bar_map) room.right = key.size(canvas, m, 0).x;
    float bar = lay_out(plot, bar_map, canvas, m, p0, p1, top, room, map, yt, ct);
    if (!outside && !legend.empty() && hides_too_much(legend.size(canvas, m, 0), map)) {
        // A small plot, or many long names: the legend inside would hide the data it names.
        outside = true;
        key.collect(plot, theme, true, true);
        legend.collect(plot, theme, false, false);
        if (!bar_map) room.right = key.size(canvas, m, 0).x;
        bar = lay_out(plot, bar_map, canvas, m, p0, p1, top, room, map, yt, ct);
    }
    if (!key.empty() && (outside || bar_map)) {
        Room under{.bar = bar_map != nullptr, .below = key.size(canvas, m, key_width).y};
        Mapping below = map;
        const float below_bar = lay_out(plot, bar_map, canvas, m, p0, p1, top, under, below, yt, ct);
        // The larger area, unless that one is a sliver: then the less thin of the two.
        const bool thin = thinness(map, m) < 1.f || thinness(below, m) < 1.f;
        if (bar_map || (thin ? thinness(below, m) > thinness(map, m) : area(below) > area(map))) {
            room = under, map = below, bar = below_bar;
        } else {
            lay_out(plot, bar_map, canvas, m, p0, p1, top, room, map, yt, ct); // its ticks again
        }
    }
    if (plot.bars.empty()) {
        x_ticks(canvas, map, fs, xt);
        keep_whole(plot.x.whole, map.log_x, xt);
    } else
        xt.clear(); // bars are labelled by name instead

    if ((theme.plot_area >> 24) != 0) canvas.fill_rect(map.min, map.max, theme.plot_area);
    for (const Tick& t : yt)
        canvas.line({map.min.x, map.py(t.value)}, {map.max.x, map.py(t.value)}, theme.grid, s);
    for (const Tick& t : xt)
        canvas.line({map.px(t.value), map.min.y}, {map.px(t.value), map.max.y}, theme.grid, s);

    const LegendBox inside = legend_box(plot, legend, canvas, m, map);
    canvas.push_clip(map.min, map.max);
    draw_data(plot, view, map, canvas, style);
    draw_markers(plot, map, canvas, style, inside.min, inside.max, layout.marker_labels);
    canvas.pop_clip();
    canvas.rect(map.min, map.max, theme.frame, s);

    for (const Tick& t : yt) {
        float y = map.py(t.value);
        canvas.line({map.min.x - m.tick, y}, {map.min.x, y}, theme.frame, s);
        canvas.text({map.min.x - m.tick - m.gap, y - fs / 2}, t.label, fs, theme.tick_text, 1);
    }
    for (const Tick& t : xt) {
        float x = map.px(t.value);
        canvas.line({x, map.max.y}, {x, map.max.y + m.tick}, theme.frame, s);
        canvas.text({x, map.max.y + m.tick + m.gap / 2}, t.label, fs, theme.tick_text, 0.5f);
    }
    if (!plot.bars.empty()) draw_bar_labels(plot.bars.front(), canvas, m, theme, map);
    // The axis labels follow the data area, which equal aspect may have moved off the margins.
    float axis_bottom = map.max.y + fs + m.tick + m.gap;
    if (!plot.x.label.empty()) {
        canvas.text({(map.min.x + map.max.x) / 2, axis_bottom + m.gap}, plot.x.label, fs, theme.text, 0.5f);
        axis_bottom += fs + m.gap;
    }
    if (!plot.y.label.empty()) {
        // Along the data area's height and no further, where it would run into the title.
        std::array<char, 96> cut;
        const std::string_view label = fitted(canvas, plot.y.label, fs, map.max.y - map.min.y, cut);
        const float x = map.min.x - m.tick - 2 * m.gap - widest(canvas, yt, fs) - fs / 2;
        if (!label.empty()) canvas.text_vertical({x, (map.min.y + map.max.y) / 2}, label, fs, theme.text);
    }
    const float beside = map.max.x + m.gap * 2;
    if (bar_map) {
        draw_colour_bar(*bar_map, canvas, m, theme, ct, {beside, map.min.y}, map.max.y, beside + bar);
        layout.key_min = {beside, map.min.y}, layout.key_max = {beside + bar, map.max.y};
    }
    if (!key.empty()) {
        const bool under = room.below > 0;
        const ImVec2 at = under ? ImVec2{p0.x + m.pad, axis_bottom + 2 * m.gap} : ImVec2{beside, map.min.y};
        const float width = under ? key_width : 0.f; // as measured
        key.draw(view, canvas, m, theme, at, width, layout);
        const ImVec2 size = key.size(canvas, m, width);
        layout.key_min = at, layout.key_max = {at.x + size.x, at.y + size.y};
    }
    draw_legend_box(legend, inside, view, canvas, m, theme, layout);

    layout.data_min = map.min;
    layout.data_max = map.max;
    layout.x_lo = map.x_lo, layout.x_hi = map.x_hi, layout.y_lo = map.y_lo, layout.y_hi = map.y_hi;
}

} // namespace phasor::plot
