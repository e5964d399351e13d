// The layout of a plot and everything around its data: title, axis labels, ticks and grid, the colour bar and
// the legend; the data marks and event markers are drawn inside it. Shared by render() and to_svg() through
// the Canvas interface.
#include "ui/plot/canvas.hpp"
#include "ui/plot/drawing.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace phasor::plot {
namespace {

struct Metrics {
    float s, fs, pad, gap, tick;
};

float widest(Canvas& canvas, const std::vector<Tick>& ticks, float size) {
    float w = 0;
    for (const Tick& t : ticks) w = std::max(w, canvas.text_width(t.label, size));
    return w;
}

float measure(const void* canvas, std::string_view label, float size) {
    return static_cast<Canvas*>(const_cast<void*>(canvas))->text_width(label, size);
}

void y_ticks(const Mapping& map, float font_size, std::vector<Tick>& out) {
    AxisRoom room{.length = map.max.y - map.min.y, .font_size = font_size, .stacked = true};
    axis_ticks(map.y_lo, map.y_hi, map.log_y, room, out);
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

// One unit is the same number of pixels on both axes: the axis with fewer units per pixel is widened.
void equalize(Mapping& map) {
    double w = map.max.x - map.min.x, h = map.max.y - map.min.y;
    double ux = (map.x_hi - map.x_lo) / w, uy = (map.y_hi - map.y_lo) / h;
    if (ux > uy) {
        double c = (map.y_lo + map.y_hi) / 2;
        map.y_lo = c - ux * h / 2, map.y_hi = c + ux * h / 2;
    } else {
        double c = (map.x_lo + map.x_hi) / 2;
        map.x_lo = c - uy * w / 2, map.x_hi = c + uy * w / 2;
    }
}

// The width the colour bar (or the class list) needs to the right of the data area.
float colour_bar_width(const Heatmap& map, Canvas& canvas, const Metrics& m, std::vector<Tick>& ticks,
                       float height) {
    if (map.colormap == Colormap::Classes) {
        float w = 0;
        for (const auto& name : map.class_names) w = std::max(w, canvas.text_width(name, m.fs));
        return map.class_names.empty() ? 0.f : m.fs + m.gap + w;
    }
    auto [lo, hi] = heatmap_range(map);
    axis_ticks(lo, hi, false, {.length = height, .font_size = m.fs, .stacked = true}, ticks);
    float w = m.fs + m.tick + m.gap + widest(canvas, ticks, m.fs);
    if (!map.scale_label.empty()) w += m.gap + m.fs;
    return w;
}

void draw_colour_bar(const Heatmap& map, Canvas& canvas, const Metrics& m, const Theme& theme,
                     const std::vector<Tick>& ticks, ImVec2 min, float bottom, float right) {
    if (map.colormap == Colormap::Classes) {
        float row = m.fs * 1.3f;
        for (std::size_t i = 0; i < map.class_names.size(); ++i) {
            float y = min.y + static_cast<float>(i) * row;
            if (y + row > bottom) break;
            Rgba c = colormap_color(Colormap::Classes, static_cast<float>(i), 0, 0);
            canvas.fill_rect({min.x, y + m.fs * 0.1f}, {min.x + m.fs * 0.8f, y + m.fs * 0.9f}, c);
            canvas.text({min.x + m.fs + m.gap, y}, map.class_names[i], m.fs, theme.text, 0);
        }
        return;
    }
    auto [lo, hi] = heatmap_range(map);
    ImVec2 max{min.x + m.fs, bottom};
    float h = max.y - min.y;
    int slices = std::clamp(static_cast<int>(h / (2 * m.s)), 2, 128);
    for (int k = 0; k < slices; ++k) {
        float t = (static_cast<float>(k) + 0.5f) / static_cast<float>(slices);
        Rgba c = colormap_color(map.colormap, lo + t * (hi - lo), lo, hi);
        float y1 = max.y - h * static_cast<float>(k) / static_cast<float>(slices);
        float y0 = max.y - h * static_cast<float>(k + 1) / static_cast<float>(slices);
        canvas.fill_rect({min.x, std::floor(y0)}, {max.x, std::ceil(y1)}, c);
    }
    canvas.rect(min, max, theme.frame, m.s);
    for (const Tick& t : ticks) {
        float y = max.y - static_cast<float>((t.value - lo) / (hi - lo)) * h;
        canvas.line({max.x, y}, {max.x + m.tick, y}, theme.frame, m.s);
        canvas.text({max.x + m.tick + m.gap, y - m.fs / 2}, t.label, m.fs, theme.tick_text, 0);
    }
    if (!map.scale_label.empty())
        canvas.text_vertical({right - m.fs / 2, (min.y + max.y) / 2}, map.scale_label, m.fs, theme.text);
}

// Where the legend goes, in the corner of the data area it hides the fewest data points in (top right on a
// tie): a rising accuracy curve leaves the bottom right free, a falling loss the top right. None (min == max)
// without two named series.
struct LegendBox {
    ImVec2 min, max;
    float row = 0, swatch = 0;
};

// The data points of `plot` that a box [lo, hi] (pixels) would cover.
std::size_t points_under(const Plot& plot, const Mapping& map, ImVec2 lo, ImVec2 hi) {
    std::size_t count = 0;
    const double x_lo = map.x_at(lo.x), x_hi = map.x_at(hi.x);
    for (const LineSeries& line : plot.lines) {
        if (line.data == nullptr) continue;
        // A line's x never decreases: only the points between the box's edges need a look.
        const auto& points = line.data->points();
        auto it = std::lower_bound(points.begin(), points.end(), x_lo,
                                   [](const Point& p, double x) { return p.x < x; });
        for (; it != points.end() && it->x <= x_hi; ++it) {
            const float y = map.py(it->y);
            count += std::isfinite(it->y) && y >= lo.y && y <= hi.y;
        }
    }
    for (const Scatter& sc : plot.scatters)
        for (std::size_t k = 0; k < std::min(sc.x.size(), sc.y.size()); ++k) {
            const ImVec2 p{map.px(sc.x[k]), map.py(sc.y[k])};
            count += p.x >= lo.x && p.x <= hi.x && p.y >= lo.y && p.y <= hi.y;
        }
    return count;
}

LegendBox legend_box(const Plot& plot, Canvas& canvas, const Metrics& m, const Mapping& map) {
    int named = 0;
    float text_w = 0;
    auto measure = [&](const std::string& name) {
        if (name.empty()) return;
        ++named;
        text_w = std::max(text_w, canvas.text_width(name, m.fs));
    };
    for (const auto& l : plot.lines) measure(l.name);
    for (const auto& sc : plot.scatters) measure(sc.name);
    LegendBox box;
    if (!plot.legend || named < 2) return box;

    box.row = m.fs * 1.35f, box.swatch = m.fs * 1.5f;
    const ImVec2 size{m.pad * 2 + box.swatch + m.gap + text_w, box.row * static_cast<float>(named) + m.pad};
    const float inset = m.gap * 2;
    const std::array<ImVec2, 4> corners{{
        {map.max.x - inset - size.x, map.min.y + inset}, // top right
        {map.max.x - inset - size.x, map.max.y - inset - size.y},
        {map.min.x + inset, map.min.y + inset},
        {map.min.x + inset, map.max.y - inset - size.y},
    }};
    std::size_t fewest = std::numeric_limits<std::size_t>::max();
    for (const ImVec2& corner : corners) {
        const ImVec2 far{corner.x + size.x, corner.y + size.y};
        const std::size_t covered = points_under(plot, map, corner, far);
        if (covered < fewest) fewest = covered, box.min = corner, box.max = far;
    }
    return box;
}

void draw_legend(const Plot& plot, const PlotView& view, Canvas& canvas, const Metrics& m, const Theme& theme,
                 const LegendBox& box, PlotLayout& layout) {
    if (box.min.x == box.max.x) return;
    const ImVec2 min = box.min, max = box.max;
    const float row = box.row, swatch = box.swatch;
    canvas.fill_rect(min, max, theme.legend_fill);
    canvas.rect(min, max, theme.frame, m.s);
    float y = min.y + m.pad / 2;
    auto entry = [&](const std::string& name, Rgba color, bool is_line) {
        if (name.empty()) return;
        bool hidden = view.is_hidden(name);
        Rgba c = hidden ? with_alpha(mix(color, theme.hidden, 0.7f), 140) : color;
        float cy = y + row / 2, x = min.x + m.pad;
        if (is_line)
            canvas.line({x, cy}, {x + swatch, cy}, c, 2 * m.s);
        else
            canvas.disc({x + swatch / 2, cy}, 3.5f * m.s, c, theme.marker_outline, m.s);
        canvas.text({x + swatch + m.gap, cy - m.fs / 2}, name, m.fs, hidden ? theme.hidden : theme.text, 0);
        layout.legend.push_back({name, {min.x, y}, {max.x, y + row}});
        y += row;
    };
    for (std::size_t i = 0; i < plot.lines.size(); ++i)
        entry(plot.lines[i].name, theme.series(plot.lines[i].color, static_cast<int>(i)), true);
    for (std::size_t i = 0; i < plot.scatters.size(); ++i)
        entry(plot.scatters[i].name,
              theme.series(plot.scatters[i].color, static_cast<int>(plot.lines.size() + i)), false);
}

// Bar labels under the axis, thinned out when they would overlap.
void draw_bar_labels(const Bars& bars, Canvas& canvas, const Metrics& m, const Theme& theme,
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

// A custom drawing: the background, the title, and the drawing below it, clipped to its box.
void draw_custom(const Plot& plot, Canvas& canvas, ImVec2 p0, ImVec2 p1, const DrawStyle& style,
                 const Metrics& m, PlotLayout& layout) {
    const Theme& theme = style.colors();
    float top = p0.y;
    if (!plot.title.empty()) {
        canvas.text({(p0.x + p1.x) / 2, p0.y + m.pad}, plot.title, m.fs, theme.text, 0.5f);
        top = p0.y + m.pad + m.fs + m.gap;
    }
    const ImVec2 min{p0.x, std::round(top)}, max{p1.x, std::max(p1.y, std::round(top) + 1)};
    canvas.push_clip(min, max);
    plot.drawing->draw(canvas, min, max, style);
    canvas.pop_clip();
    layout.data_min = min;
    layout.data_max = max;
}

} // namespace

void draw_plot(const Plot& plot, const PlotView& view, Canvas& canvas, ImVec2 p0, ImVec2 p1,
               const DrawStyle& style, PlotLayout& layout) {
    thread_local std::vector<Tick> xt, yt, ct; // kept between frames: no allocation once warmed up
    const float s = style.scale, fs = style.font_size;
    const Metrics m{s, fs, 6 * s, 4 * s, 4 * s};
    const Theme& theme = style.colors();
    layout.legend.clear();
    layout.marker_labels.clear();
    if (!style.transparent && !theme.transparent()) canvas.fill_rect(p0, p1, theme.background);
    if (plot.drawing != nullptr) return draw_custom(plot, canvas, p0, p1, style, m, layout);

    Mapping map;
    map.log_x = view.x_log(plot);
    map.log_y = plot.y.log;
    map.x_lo = view.x_lo, map.x_hi = view.x_hi, map.y_lo = view.y_lo, map.y_hi = view.y_hi;
    sanitize_range(map.x_lo, map.x_hi, map.log_x);
    sanitize_range(map.y_lo, map.y_hi, plot.y.log);

    // Vertical margins first: the y ticks depend on the height, the left margin on the y tick labels.
    float top = p0.y + m.pad, bottom = p1.y - m.pad;
    if (!plot.title.empty()) {
        // Set apart by place and colour, not size: a scaled-up atlas font would blur.
        canvas.text({(p0.x + p1.x) / 2, top}, plot.title, fs, theme.text, 0.5f);
        top += fs + m.gap;
    }
    top += fs / 2; // the top tick label is centred on the edge
    float x_label_y = bottom - fs;
    if (!plot.x.label.empty()) bottom -= fs + m.gap;
    bottom -= fs + m.tick + m.gap;
    // Whole pixels, so the frame and the grid are sharp hairlines on screen.
    map.min.y = std::round(top);
    map.max.y = std::max(std::round(bottom), map.min.y + 1);
    y_ticks(map, fs, yt);

    float left = p0.x + m.pad, y_label_x = left + fs / 2;
    if (!plot.y.label.empty()) left += fs + m.gap;
    left += widest(canvas, yt, fs) + m.gap + m.tick;
    float right = p1.x - m.pad;
    if (plot.bars.empty()) { // room for the right half of a tick label at the right end of the x axis
        char last[24];
        format_number(map.x_hi, 0, last, sizeof last);
        right -= canvas.text_width(last, fs) / 2;
    }
    const Heatmap* bar_map = plot.heatmaps.empty() ? nullptr : &plot.heatmaps.front();
    if (bar_map) {
        float w = colour_bar_width(*bar_map, canvas, m, ct, map.max.y - map.min.y);
        if (w > 0) right -= w + m.gap * 2;
    }
    map.min.x = std::round(left);
    map.max.x = std::max(std::round(right), map.min.x + 1);
    if (plot.equal_aspect && !plot.y.log && !map.log_x) {
        equalize(map);
        y_ticks(map, fs, yt);
    }
    if (plot.bars.empty())
        x_ticks(canvas, map, fs, xt);
    else
        xt.clear(); // bars are labelled by name instead

    if ((theme.plot_area >> 24) != 0) canvas.fill_rect(map.min, map.max, theme.plot_area);
    for (const Tick& t : yt)
        canvas.line({map.min.x, map.py(t.value)}, {map.max.x, map.py(t.value)}, theme.grid, s);
    for (const Tick& t : xt)
        canvas.line({map.px(t.value), map.min.y}, {map.px(t.value), map.max.y}, theme.grid, s);

    const LegendBox legend = legend_box(plot, canvas, m, map);
    canvas.push_clip(map.min, map.max);
    draw_data(plot, view, map, canvas, style);
    draw_markers(plot, map, canvas, style, legend.min, legend.max, layout.marker_labels);
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
    if (!plot.x.label.empty())
        canvas.text({(map.min.x + map.max.x) / 2, x_label_y}, plot.x.label, fs, theme.text, 0.5f);
    if (!plot.y.label.empty())
        canvas.text_vertical({y_label_x, (map.min.y + map.max.y) / 2}, plot.y.label, fs, theme.text);
    if (bar_map)
        draw_colour_bar(*bar_map, canvas, m, theme, ct, {map.max.x + m.gap * 2, map.min.y}, map.max.y,
                        p1.x - m.pad);
    draw_legend(plot, view, canvas, m, theme, legend, layout);

    layout.data_min = map.min;
    layout.data_max = map.max;
    layout.x_lo = map.x_lo, layout.x_hi = map.x_hi, layout.y_lo = map.y_lo, layout.y_hi = map.y_hi;
}

} // namespace phasor::plot
