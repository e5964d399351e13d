// render() onto an ImGui draw list, the built-in per-cell heatmap painter, and the view state: legend toggles
// and autoscale (fit).
#include "ui/plot/canvas.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <imgui_internal.h> // ImTextCharFromUtf8, for drawing rotated glyphs
#include <limits>

namespace phasor::plot {
namespace {

class DrawListCanvas final : public Canvas {
  public:
    DrawListCanvas(ImDrawList& draw, ImFont* font) : draw_(draw), font_(font) {}

    float text_width(std::string_view text, float size) override {
        if (font_ == nullptr) return 0.5f * size * static_cast<float>(text.size());
        return font_->CalcTextSizeA(size, FLT_MAX, 0, text.data(), text.data() + text.size()).x;
    }
    void text(ImVec2 anchor, std::string_view text, float size, Rgba color, float align) override {
        if (font_ == nullptr || text.empty()) return;
        // Whole pixels keep the glyphs as sharp as the atlas made them.
        ImVec2 pos{std::round(anchor.x - text_width(text, size) * align), std::round(anchor.y)};
        draw_.AddText(font_, size, pos, color, text.data(), text.data() + text.size());
    }
    // Glyph by glyph, because AddText drops glyphs outside the clip rectangle before they could be rotated
    // in.
    void text_vertical(ImVec2 center, std::string_view text, float size, Rgba color) override {
        if (font_ == nullptr || text.empty()) return;
        float scale = size / font_->FontSize;
        // Along the text is up the screen, "down" in the glyph is to the right.
        float along = std::round(center.y + text_width(text, size) / 2),
              across = std::round(center.x - size / 2);
        const char* s = text.data();
        const char* end = s + text.size();
        while (s < end) {
            unsigned int c = 0;
            s += ImTextCharFromUtf8(&c, s, end);
            if (c == 0) break;
            const ImFontGlyph* g = font_->FindGlyph(static_cast<ImWchar>(c));
            if (g == nullptr) continue;
            if (g->Visible) {
                // Glyph corner (gx, gy) lands at (across + gy, along - gx).
                auto at = [&](float gx, float gy) { return ImVec2{across + gy * scale, along - gx * scale}; };
                draw_.PrimReserve(6, 4);
                draw_.PrimQuadUV(at(g->X0, g->Y0), at(g->X1, g->Y0), at(g->X1, g->Y1), at(g->X0, g->Y1),
                                 {g->U0, g->V0}, {g->U1, g->V0}, {g->U1, g->V1}, {g->U0, g->V1}, color);
            }
            along -= g->AdvanceX * scale;
        }
    }
    void line(ImVec2 a, ImVec2 b, Rgba color, float width) override {
        // Axis-aligned hairlines on pixel centres, or they smear over two pixels at half intensity.
        if (a.x == b.x) a.x = b.x = std::floor(a.x) + 0.5f;
        if (a.y == b.y) a.y = b.y = std::floor(a.y) + 0.5f;
        draw_.AddLine(a, b, color, width);
    }
    void polyline(std::span<const ImVec2> points, Rgba color, float width) override {
        draw_.AddPolyline(points.data(), static_cast<int>(points.size()), color, ImDrawFlags_None, width);
    }
    void rect(ImVec2 min, ImVec2 max, Rgba color, float width) override {
        draw_.AddRect(min, max, color, 0, ImDrawFlags_None, width);
    }
    void fill_rect(ImVec2 min, ImVec2 max, Rgba color) override { draw_.AddRectFilled(min, max, color); }
    void disc(ImVec2 center, float radius, Rgba fill, Rgba outline, float outline_width) override {
        if ((fill >> 24) != 0) draw_.AddCircleFilled(center, radius, fill);
        if ((outline >> 24) != 0 && outline_width > 0)
            draw_.AddCircle(center, radius, outline, 0, outline_width);
    }
    void box(ImVec2 min, ImVec2 max, float rounding, Rgba fill, Rgba outline, float outline_width) override {
        if ((fill >> 24) != 0) draw_.AddRectFilled(min, max, fill, rounding);
        if ((outline >> 24) != 0 && outline_width > 0)
            draw_.AddRect(min, max, outline, rounding, ImDrawFlags_None, outline_width);
    }
    void heatmap(ImVec2 min, ImVec2 max, const Heatmap& map, float lo, float hi) override {
        heatmap_painter().paint(draw_, min, max, map, lo, hi);
    }
    void push_clip(ImVec2 min, ImVec2 max) override { draw_.PushClipRect(min, max, true); }
    void pop_clip() override { draw_.PopClipRect(); }

  private:
    ImDrawList& draw_;
    ImFont* font_;
};

// One rectangle per cell, only for the cells inside the clip rectangle (a zoomed-in map draws few).
class CellPainter final : public HeatmapPainter {
  public:
    void paint(ImDrawList& draw, ImVec2 p0, ImVec2 p1, const Heatmap& map, float lo, float hi) override {
        if (map.rows <= 0 || map.cols <= 0 || p1.x <= p0.x || p1.y <= p0.y) return;
        float w = (p1.x - p0.x) / static_cast<float>(map.cols),
              h = (p1.y - p0.y) / static_cast<float>(map.rows);
        ImVec2 clip_min = draw.GetClipRectMin(), clip_max = draw.GetClipRectMax();
        auto index_range = [](float from, float to, float origin, float step, int n) {
            int a = std::clamp(static_cast<int>(std::floor((from - origin) / step)), 0, n);
            int b = std::clamp(static_cast<int>(std::ceil((to - origin) / step)), 0, n);
            return std::pair{a, b};
        };
        auto [c0, c1] = index_range(clip_min.x, clip_max.x, p0.x, w, map.cols);
        auto [r0, r1] = index_range(clip_min.y, clip_max.y, p0.y, h, map.rows);
        for (int r = r0; r < r1; ++r) {
            // Each edge computed by one formula for both cells that share it, so no seam opens between them.
            float y0 = p0.y + h * static_cast<float>(r), y1 = p0.y + h * static_cast<float>(r + 1);
            for (int c = c0; c < c1; ++c) {
                Rgba color = cell_color(map,
                                        static_cast<std::size_t>(r) * static_cast<std::size_t>(map.cols) +
                                            static_cast<std::size_t>(c),
                                        lo, hi);
                if ((color >> 24) == 0) continue;
                float x0 = p0.x + w * static_cast<float>(c), x1 = p0.x + w * static_cast<float>(c + 1);
                draw.AddRectFilled({x0, y0}, {x1, y1}, color);
            }
        }
    }
};

CellPainter cell_painter;
HeatmapPainter* installed_painter = nullptr;

ImFont* choose_font(const RenderStyle& style) {
    if (style.font != nullptr) return style.font;
    if (ImGui::GetCurrentContext() == nullptr) return nullptr;
    if (ImFont* font = ImGui::GetFont()) return font;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    return atlas->Fonts.empty() ? nullptr : atlas->Fonts[0];
}

// Grows [lo, hi] to take in [a, b].
void take(double& lo, double& hi, double a, double b) {
    if (!(a <= b)) return;
    lo = std::min(lo, a);
    hi = std::max(hi, b);
}

// The x range of the lines' positive points (a log x axis leaves the rest out).
void take_positive_x(double& lo, double& hi, const SeriesHistory& data) {
    const auto& points = data.points();
    auto first =
        std::upper_bound(points.begin(), points.end(), 0.0, [](double v, const Point& p) { return v < p.x; });
    if (first != points.end()) take(lo, hi, first->x, points.back().x);
}

// A histogram's occupied bins and one bin either side (inside its edges); all of it when no bin is occupied.
void take_histogram_x(double& lo, double& hi, const Histogram& h) {
    const std::size_t bins = std::min(h.counts.size(), h.edges.empty() ? 0 : h.edges.size() - 1);
    std::size_t first = bins, last = 0;
    for (std::size_t i = 0; i < bins; ++i)
        if (h.counts[i] > 0) first = std::min(first, i), last = i;
    if (first == bins) {
        if (!h.edges.empty()) take(lo, hi, h.edges.front(), h.edges.back());
        return;
    }
    take(lo, hi, h.edges[first > 0 ? first - 1 : 0], h.edges[std::min(last + 2, bins)]);
}

// A new run shows in the lines as histories cleared or replaced (their epochs), or as x going back.
void forget_old_run(const Plot& plot, PlotView& view) {
    std::uint64_t runs = 0;
    double x_hi = -std::numeric_limits<double>::infinity();
    bool any = false;
    for (const auto& line : plot.lines) {
        if (line.data == nullptr) continue;
        runs = runs * 1000003u + line.data->epoch();
        if (!line.data->empty()) x_hi = std::max(x_hi, line.data->x_max()), any = true;
    }
    if (view.seen.any && (runs != view.seen.runs || (any && x_hi < view.seen.x_hi))) view.reset();
    view.seen.any = true;
    view.seen.runs = runs;
    view.seen.x_hi = any ? x_hi : -std::numeric_limits<double>::infinity();
}

// The y values of the visible data over [x_lo, x_hi]. Marks that should touch the frame (heatmaps, the 0 of
// bars and histograms) go to `tight`, the rest to `loose`, which gets headroom.
void y_extent(const Plot& plot, const PlotView& view, double x_lo, double x_hi, double loose[2],
              double tight[2]) {
    bool log = plot.y.log;
    for (const auto& line : plot.lines)
        if (line.data != nullptr && !view.is_hidden(line.name)) {
            auto [lo, hi] = line.data->y_range(x_lo, x_hi, log);
            take(loose[0], loose[1], lo, hi);
        }
    for (const auto& sc : plot.scatters) {
        if (view.is_hidden(sc.name)) continue;
        for (std::size_t k = 0; k < std::min(sc.x.size(), sc.y.size()); ++k)
            if (sc.x[k] >= x_lo && sc.x[k] <= x_hi && std::isfinite(sc.y[k]) && (!log || sc.y[k] > 0))
                take(loose[0], loose[1], sc.y[k], sc.y[k]);
    }
    for (const auto& h : plot.heatmaps) take(tight[0], tight[1], std::min(h.y0, h.y1), std::max(h.y0, h.y1));
    auto value = [&](double v) {
        if (!std::isfinite(v) || (log && v <= 0)) return;
        take(loose[0], loose[1], v, v);
        if (!log) take(tight[0], tight[1], 0, 0);
    };
    for (const auto& b : plot.bars)
        for (double v : b.values) value(v);
    for (const auto& h : plot.histograms)
        for (double v : h.counts) value(v);
}

} // namespace

bool PlotView::is_hidden(std::string_view name) const {
    return std::find(hidden.begin(), hidden.end(), name) != hidden.end();
}

void PlotView::reset() {
    auto_x = auto_y = true;
    x_lo = 0, x_hi = 1, y_lo = 0, y_hi = 1;
    seen = {};
}

void PlotView::toggle(const std::string& name) {
    auto it = std::find(hidden.begin(), hidden.end(), name);
    if (it != hidden.end())
        hidden.erase(it);
    else
        hidden.push_back(name);
}

void set_heatmap_painter(HeatmapPainter* painter) {
    installed_painter = painter;
}
HeatmapPainter& heatmap_painter() {
    return installed_painter ? *installed_painter : cell_painter;
}

void fit(const Plot& plot, PlotView& view) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    constexpr double headroom = 0.05;
    if (plot.drawing != nullptr) return; // a diagram has no axes
    forget_old_run(plot, view);
    const bool log_x = view.x_log(plot);
    if (view.auto_x) {
        double lo = inf, hi = -inf;
        for (const auto& line : plot.lines)
            if (line.data != nullptr && !line.data->empty() && !view.is_hidden(line.name)) {
                if (log_x)
                    take_positive_x(lo, hi, *line.data);
                else
                    take(lo, hi, line.data->x_min(), line.data->x_max());
            }
        if (view.follow > 0 && lo <= hi && hi - lo > view.follow) lo = hi - view.follow;
        for (const auto& sc : plot.scatters) {
            if (view.is_hidden(sc.name)) continue;
            double a = inf, b = -inf;
            for (float x : sc.x)
                if (std::isfinite(x)) take(a, b, x, x);
            take(lo, hi, a - (b - a) * headroom, b + (b - a) * headroom);
        }
        for (const auto& h : plot.heatmaps) {
            const double a = column_edge(h, 0), b = column_edge(h, h.cols);
            take(lo, hi, std::min(a, b), std::max(a, b));
        }
        for (const auto& b : plot.bars) take(lo, hi, -0.5, static_cast<double>(b.values.size()) - 0.5);
        for (const auto& h : plot.histograms) take_histogram_x(lo, hi, h);
        if (log_x && !(lo > 0) && hi > 0) lo = hi * 1e-3; // scatter, maps and bars reaching 0 or below
        if (lo <= hi) {
            sanitize_range(lo, hi, log_x);
            view.x_lo = lo, view.x_hi = hi;
        }
    }
    if (view.auto_y) {
        double loose[2] = {inf, -inf}, tight[2] = {inf, -inf};
        y_extent(plot, view, view.x_lo, view.x_hi, loose, tight);
        double lo = std::min(loose[0], tight[0]), hi = std::max(loose[1], tight[1]);
        const bool count = plot.y.from_zero && !plot.y.log;
        const double data_lo = lo;
        // A count's range reaches 0 before the headroom, so a constant count is not drawn on the frame.
        if (count && lo <= hi) lo = std::min(lo, 0.0), hi = std::max(hi, 1.0);
        if (lo <= hi) {
            // Headroom only on the sides that loose marks reach: bars still stand on 0, maps touch the frame.
            if (plot.y.log) {
                double f = std::pow(hi / lo, headroom);
                if (loose[0] < tight[0]) lo /= f;
                if (loose[1] > tight[1]) hi *= f;
            } else {
                double pad = (hi - lo) * headroom;
                if (loose[0] < tight[0]) lo -= pad;
                if (loose[1] > tight[1]) hi += pad;
            }
            if (count) lo = std::max(lo, std::min(data_lo, 0.0)); // no headroom below 0 for a count
            sanitize_range(lo, hi, plot.y.log);
            view.y_lo = lo, view.y_hi = hi;
        }
    }
}

PlotLayout render(const Plot& plot, const PlotView& view, ImDrawList& draw, ImVec2 p0, ImVec2 p1,
                  const RenderStyle& style) {
    PlotLayout layout;
    render(plot, view, draw, p0, p1, style, layout);
    return layout;
}

void render(const Plot& plot, const PlotView& view, ImDrawList& draw, ImVec2 p0, ImVec2 p1,
            const RenderStyle& style, PlotLayout& layout) {
    ImFont* font = choose_font(style);
    DrawStyle ds;
    ds.scale = style.scale > 0 ? style.scale : 1.f;
    ds.font_size = style.font_size > 0 ? style.font_size : (font ? font->FontSize : 13.f) * ds.scale;
    ds.transparent = style.transparent;
    ds.theme = style.theme;
    DrawListCanvas canvas(draw, font);
    draw_plot(plot, view, canvas, p0, p1, ds, layout);
}

} // namespace phasor::plot
