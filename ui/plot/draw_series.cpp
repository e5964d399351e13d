// The data marks of a plot: heatmaps, histograms, bars, lines decimated to pixel resolution (smoothed ones
// over their faint raw line), and scatter discs.
#include "ui/plot/canvas.hpp"
#include "ui/plot/smoothing.hpp"

#include <algorithm>
#include <cmath>

namespace phasor::plot {
namespace {

// Columns c0 ≤ c < c1 of `h` as a heatmap of their own, in `out` (its storage reused).
void copy_columns(const Heatmap& h, int c0, int c1, Heatmap& out) {
    const auto cols = static_cast<std::size_t>(h.cols), width = static_cast<std::size_t>(c1 - c0);
    out.rows = h.rows;
    out.cols = c1 - c0;
    out.colormap = h.colormap;
    out.values.resize(static_cast<std::size_t>(h.rows) * width);
    out.strength.resize(h.strength.empty() ? 0 : out.values.size());
    for (std::size_t r = 0; r < static_cast<std::size_t>(h.rows); ++r) {
        const auto from = static_cast<std::ptrdiff_t>(r * cols + static_cast<std::size_t>(c0));
        const auto to = static_cast<std::ptrdiff_t>(r * width);
        std::copy_n(h.values.begin() + from, width, out.values.begin() + to);
        if (!h.strength.empty()) std::copy_n(h.strength.begin() + from, width, out.strength.begin() + to);
    }
}

// The colour behind the data, which a faint cell fades into; 0 (none) for a transparent figure.
Rgba paper(const DrawStyle& style) {
    const Theme& theme = style.colors();
    if ((theme.plot_area >> 24) == 255) return theme.plot_area;
    return style.transparent || theme.transparent() ? 0 : theme.background;
}

// A map whose columns differ in width goes to the painter as runs of equal ones, each stretched over its own
// span, so every painter (a GL texture over a rectangle included) draws it without knowing about edges.
void draw_heatmaps(const Plot& plot, const Mapping& map, Canvas& canvas, const DrawStyle& style) {
    thread_local Heatmap run; // kept between frames so drawing allocates nothing
    for (const Heatmap& h : plot.heatmaps) {
        if (h.rows <= 0 || h.cols <= 0 || h.values.size() < static_cast<std::size_t>(h.rows) * h.cols)
            continue;
        auto [lo, hi] = heatmap_range(h);
        const float top = map.py(std::max(h.y0, h.y1)), bottom = map.py(std::min(h.y0, h.y1));
        for (int c0 = 0; c0 < h.cols;) {
            const double x0 = column_edge(h, c0), width = column_edge(h, c0 + 1) - x0;
            int c1 = c0 + 1;
            while (c1 < h.cols &&
                   std::fabs(column_edge(h, c1 + 1) - column_edge(h, c1) - width) <= 1e-9 * std::fabs(width))
                ++c1;
            const double x1 = column_edge(h, c1);
            const ImVec2 a{map.px(std::min(x0, x1)), top}, b{map.px(std::max(x0, x1)), bottom};
            // Faint cells fade into the paper, not into the grid lines drawn on it.
            if (!h.strength.empty() && (paper(style) >> 24) != 0) canvas.fill_rect(a, b, paper(style));
            if (c0 == 0 && c1 == h.cols) {
                canvas.heatmap(a, b, h, lo, hi);
            } else {
                copy_columns(h, c0, c1, run);
                canvas.heatmap(a, b, run, lo, hi);
            }
            c0 = c1;
        }
    }
}

void draw_histograms(const Plot& plot, const Mapping& map, Canvas& canvas, const Theme& theme, float s) {
    float base = map.py(map.log_y ? map.y_lo : 0.0);
    for (std::size_t j = 0; j < plot.histograms.size(); ++j) {
        const Histogram& h = plot.histograms[j];
        Rgba c = theme.series(h.color, static_cast<int>(j));
        std::size_t bins = std::min(h.counts.size(), h.edges.empty() ? 0 : h.edges.size() - 1);
        for (std::size_t i = 0; i < bins; ++i) {
            if (!(h.counts[i] > 0)) continue;
            ImVec2 a{map.px(h.edges[i]), map.py(h.counts[i])}, b{map.px(h.edges[i + 1]), base};
            canvas.fill_rect(a, b, with_alpha(c, 170));
            canvas.rect(a, b, c, s);
        }
    }
}

// Groups of bars side by side at x = 0, 1, 2 ...; each bar spans 80% of its slot.
void draw_bars(const Plot& plot, const Mapping& map, Canvas& canvas, const Theme& theme) {
    float base = map.py(map.log_y ? map.y_lo : 0.0);
    double slot = 0.8 / static_cast<double>(std::max<std::size_t>(plot.bars.size(), 1));
    for (std::size_t j = 0; j < plot.bars.size(); ++j) {
        const Bars& bars = plot.bars[j];
        Rgba c = theme.series(bars.color, static_cast<int>(j));
        for (std::size_t i = 0; i < bars.values.size(); ++i) {
            double v = bars.values[i];
            if (!std::isfinite(v)) continue;
            double centre = static_cast<double>(i) - 0.4 + slot * (static_cast<double>(j) + 0.5);
            float y = map.py(v);
            canvas.fill_rect({map.px(centre - slot * 0.45), std::min(y, base)},
                             {map.px(centre + slot * 0.45), std::max(y, base)}, c);
        }
    }
}

// One history as a polyline per run of drawable points (finite, and positive on a log axis), decimated to
// the pixel columns.
void draw_history(const SeriesHistory& data, const Mapping& map, Canvas& canvas, Rgba color, float width) {
    thread_local std::vector<Point> points; // kept between frames so drawing allocates nothing
    thread_local std::vector<ImVec2> run;
    int buckets = std::max(1, static_cast<int>(map.max.x - map.min.x));
    data.decimate(map.x_lo, map.x_hi, buckets, points, map.log_x);
    auto flush = [&] {
        if (run.size() >= 2)
            canvas.polyline(run, color, width);
        else if (run.size() == 1) // a lone sample between gaps would otherwise vanish
            canvas.disc(run[0], width, color, 0, 0);
        run.clear();
    };
    run.clear();
    for (const Point& p : points) {
        if (std::isfinite(p.y) && (!map.log_y || p.y > 0) && (!map.log_x || p.x > 0))
            run.push_back({map.px(p.x), map.py(p.y)});
        else
            flush();
    }
    flush();
}

// Smoothed lines go over their raw line drawn faint and thinner, as TensorBoard shows them: the trend reads
// at once and the noise stays visible.
void draw_lines(const Plot& plot, const PlotView& view, const Mapping& map, Canvas& canvas,
                const Theme& theme, float s) {
    constexpr float raw_opacity = 0.3f;
    for (std::size_t i = 0; i < plot.lines.size(); ++i) {
        const LineSeries& line = plot.lines[i];
        if (line.data == nullptr || view.is_hidden(line.name)) continue;
        Rgba c = theme.series(line.color, static_cast<int>(i));
        if (const SeriesHistory* smooth = smoothed_line(plot, view, i)) {
            int faint = static_cast<int>(std::lround(static_cast<float>(c >> 24) * raw_opacity));
            draw_history(*line.data, map, canvas, with_alpha(c, faint), 1.f * s);
            draw_history(*smooth, map, canvas, c, 1.5f * s);
        } else {
            draw_history(*line.data, map, canvas, c, 1.5f * s);
        }
    }
}

void draw_scatters(const Plot& plot, const PlotView& view, const Mapping& map, Canvas& canvas,
                   const Theme& theme, float s) {
    float r = 3.f * s;
    for (std::size_t j = 0; j < plot.scatters.size(); ++j) {
        const Scatter& sc = plot.scatters[j];
        if (view.is_hidden(sc.name)) continue;
        Rgba c = theme.series(sc.color, static_cast<int>(plot.lines.size() + j));
        std::size_t n = std::min(sc.x.size(), sc.y.size());
        for (std::size_t k = 0; k < n; ++k) {
            if (!std::isfinite(sc.x[k]) || !std::isfinite(sc.y[k])) continue;
            ImVec2 p{map.px(sc.x[k]), map.py(sc.y[k])};
            if (p.x < map.min.x - r || p.x > map.max.x + r || p.y < map.min.y - r || p.y > map.max.y + r)
                continue;
            const Rgba color =
                k < sc.groups.size() ? theme.series(series_color(sc.groups[k]), sc.groups[k]) : c;
            point_mark(canvas, p, r, color, sc.hollow, theme, s);
        }
    }
}

} // namespace

void point_mark(Canvas& canvas, ImVec2 center, float radius, Rgba color, bool hollow, const Theme& theme,
                float scale) {
    if (!hollow) {
        canvas.disc(center, radius, color, theme.marker_outline, scale);
        return;
    }
    const float ring = radius + 0.5f * scale;
    canvas.disc(center, ring, 0, theme.marker_outline, 3.2f * scale);
    canvas.disc(center, ring, 0, color, 1.6f * scale);
}

void draw_data(const Plot& plot, const PlotView& view, const Mapping& map, Canvas& canvas,
               const DrawStyle& style) {
    const Theme& theme = style.colors();
    draw_heatmaps(plot, map, canvas, style);
    draw_histograms(plot, map, canvas, theme, style.scale);
    draw_bars(plot, map, canvas, theme);
    draw_lines(plot, view, map, canvas, theme, style.scale);
    draw_scatters(plot, view, map, canvas, theme, style.scale);
}

} // namespace phasor::plot
