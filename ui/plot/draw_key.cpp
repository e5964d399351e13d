// The keys of a plot (key.hpp): the colour bar, and blocks of labelled marks for classes and legends.
#include "ui/plot/key.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace phasor::plot {
namespace {

float widest(Canvas& canvas, const std::vector<Tick>& ticks, float size) {
    float w = 0;
    for (const Tick& t : ticks) w = std::max(w, canvas.text_width(t.label, size));
    return w;
}

constexpr float kRowHeight = 1.35f, kSwatchWidth = 1.5f; // in font sizes
// The faintest step of a strength ramp: the map's own faintest cells vanish into the background, which a
// key cannot show.
constexpr float kFaintestStep = 0.15f;

} // namespace

float colour_bar_width(const Heatmap& map, Canvas& canvas, const Spacing& m, std::vector<Tick>& ticks,
                       float height) {
    auto [lo, hi] = heatmap_range(map);
    axis_ticks(lo, hi, false, {.length = height, .font_size = m.fs, .stacked = true}, ticks);
    float w = m.fs + m.tick + m.gap + widest(canvas, ticks, m.fs);
    if (!map.scale_label.empty()) w += m.gap + m.fs;
    return w;
}

void draw_colour_bar(const Heatmap& map, Canvas& canvas, const Spacing& m, const Theme& theme,
                     const std::vector<Tick>& ticks, ImVec2 min, float bottom, float right) {
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

void KeyBlock::collect(const Plot& plot, const Theme& theme, bool classes, bool series) {
    entries_.clear();
    std::string_view caption;
    if (classes && !plot.heatmaps.empty() && plot.heatmaps.front().colormap == Colormap::Classes) {
        const Heatmap& map = plot.heatmaps.front();
        const Mark mark = map.strength.empty() ? Mark::Swatch : Mark::Ramp;
        for (std::size_t i = 0; i < map.class_names.size(); ++i)
            entries_.push_back({mark, map.class_names[i],
                                colormap_color(Colormap::Classes, static_cast<float>(i), 0, 0), false});
        if (!map.class_names.empty()) caption = map.scale_label;
    }
    const auto named = std::count_if(plot.lines.begin(), plot.lines.end(),
                                     [](const LineSeries& l) { return !l.name.empty(); }) +
                       std::count_if(plot.scatters.begin(), plot.scatters.end(),
                                     [](const Scatter& s) { return !s.name.empty(); });
    if (series && plot.legend && named >= 2) {
        for (std::size_t i = 0; i < plot.lines.size(); ++i)
            if (!plot.lines[i].name.empty())
                entries_.push_back({Mark::Line, plot.lines[i].name,
                                    theme.series(plot.lines[i].color, static_cast<int>(i)), true});
        for (std::size_t j = 0; j < plot.scatters.size(); ++j) {
            const Scatter& sc = plot.scatters[j];
            if (sc.name.empty()) continue;
            entries_.push_back({sc.hollow ? Mark::Ring : Mark::Disc, sc.name,
                                theme.series(sc.color, static_cast<int>(plot.lines.size() + j)), true});
        }
    }
    // Last, flowing after the marks like one of them, so a block below a map takes as few rows as it can.
    if (!caption.empty()) entries_.push_back({Mark::Caption, caption, 0, false});
}

template <class At>
ImVec2 KeyBlock::place(Canvas& canvas, const Spacing& m, ImVec2 origin, float width, At&& at) const {
    const float row = m.fs * kRowHeight, swatch = m.fs * kSwatchWidth, spacing = 3 * m.gap;
    float x = 0, y = 0, right = 0;
    for (const Entry& e : entries_) {
        const float text = canvas.text_width(e.label, m.fs);
        const float w = e.mark == Mark::Caption ? text : swatch + m.gap + text;
        if (x > 0 && (width <= 0 || x + w > width)) x = 0, y += row;
        at(e, ImVec2{origin.x + x, origin.y + y}, w);
        right = std::max(right, x + w);
        x += w + spacing;
    }
    return {right, entries_.empty() ? 0.f : y + row};
}

ImVec2 KeyBlock::size(Canvas& canvas, const Spacing& m, float width) const {
    return place(canvas, m, {0, 0}, width, [](const Entry&, ImVec2, float) {});
}

void KeyBlock::draw(const PlotView& view, Canvas& canvas, const Spacing& m, const Theme& theme, ImVec2 origin,
                    float width, PlotLayout& layout) const {
    const float row = m.fs * kRowHeight, swatch = m.fs * kSwatchWidth;
    auto entry = [&](const Entry& e, ImVec2 at, float w) {
        const float cy = at.y + row / 2, half = m.fs * 0.4f;
        if (e.mark == Mark::Caption) {
            canvas.text({at.x, cy - m.fs / 2}, e.label, m.fs, theme.tick_text, 0);
            return;
        }
        const bool hidden = e.legend && view.is_hidden(e.label);
        const Rgba c = hidden ? with_alpha(mix(e.color, theme.hidden, 0.7f), 140) : e.color;
        switch (e.mark) {
        case Mark::Swatch:
            canvas.fill_rect({at.x + swatch / 2 - half, cy - half}, {at.x + swatch / 2 + half, cy + half}, c);
            break;
        case Mark::Ramp: // the map's shading, from faint to full, left to right
            for (int k = 0; k < 4; ++k) {
                const float t = kFaintestStep + (1.f - kFaintestStep) * static_cast<float>(k) / 3.f;
                const float x0 = at.x + swatch * static_cast<float>(k) / 4.f;
                canvas.fill_rect({x0, cy - half}, {x0 + swatch / 4.f, cy + half},
                                 with_alpha(c, static_cast<int>(std::lround(255.f * t))));
            }
            break;
        case Mark::Line:
            canvas.line({at.x, cy}, {at.x + swatch, cy}, c, 2 * m.s);
            break;
        case Mark::Disc:
        case Mark::Ring:
            point_mark(canvas, {at.x + swatch / 2, cy}, 3.5f * m.s, c, e.mark == Mark::Ring, theme, m.s);
            break;
        case Mark::Caption:
            break;
        }
        canvas.text({at.x + swatch + m.gap, cy - m.fs / 2}, e.label, m.fs, hidden ? theme.hidden : theme.text,
                    0);
        if (e.legend) layout.legend.push_back({e.label, at, {at.x + w, at.y + row}});
    };
    place(canvas, m, origin, width, entry);
}

namespace {

// How much of `plot`'s data a box [lo, hi] (pixels) would cover: of a line, the 4-pixel columns of the box
// that it passes through, read from its min/max pyramid so that the cost does not grow with its history (a
// run at speed keeps hundreds of thousands of points, and this runs for four corners every frame); of a
// scatter, its points.
std::size_t points_under(const Plot& plot, const Mapping& map, ImVec2 lo, ImVec2 hi) {
    constexpr float kColumn = 4.f;
    std::size_t count = 0;
    for (const LineSeries& line : plot.lines) {
        if (line.data == nullptr || line.data->empty()) continue;
        for (float x = lo.x; x < hi.x; x += kColumn) {
            const auto [y_lo, y_hi] =
                line.data->y_range(map.x_at(x), map.x_at(std::min(x + kColumn, hi.x)), map.log_y);
            if (!(y_lo <= y_hi)) continue; // no point in this column
            // Pixel y grows downwards: the column's highest value is its top.
            count += map.py(y_hi) <= hi.y && map.py(y_lo) >= lo.y;
        }
    }
    for (const Scatter& sc : plot.scatters)
        for (std::size_t k = 0; k < std::min(sc.x.size(), sc.y.size()); ++k) {
            const ImVec2 p{map.px(sc.x[k]), map.py(sc.y[k])};
            count += p.x >= lo.x && p.x <= hi.x && p.y >= lo.y && p.y <= hi.y;
        }
    return count;
}

} // namespace

LegendBox legend_box(const Plot& plot, const KeyBlock& legend, Canvas& canvas, const Spacing& m,
                     const Mapping& map) {
    LegendBox box;
    if (legend.empty()) return box;
    const ImVec2 key = legend.size(canvas, m, 0);
    const ImVec2 size{m.pad * 2 + key.x, key.y + m.pad};
    const float inset = m.gap * 2;
    const std::array<ImVec2, 4> corners{{
        {map.max.x - inset - size.x, map.min.y + inset}, // top right, where it goes on a tie
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

void draw_legend_box(const KeyBlock& legend, const LegendBox& box, const PlotView& view, Canvas& canvas,
                     const Spacing& m, const Theme& theme, PlotLayout& layout) {
    if (box.min.x == box.max.x) return;
    canvas.fill_rect(box.min, box.max, theme.legend_fill);
    canvas.rect(box.min, box.max, theme.frame, m.s);
    legend.draw(view, canvas, m, theme, {box.min.x + m.pad, box.min.y + m.pad / 2}, 0, layout);
}

} // namespace phasor::plot
