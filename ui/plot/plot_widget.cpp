// The interactive plot: pan and zoom with the mouse, autoscale on double-click, a readout of the values under
// the cursor, legend toggles and the context menu. Drawing itself is render(); this file only handles input.
#include "ui/plot/plot_widget.hpp"

#include "ui/plot/canvas.hpp"
#include "ui/plot/smoothing.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <imgui_internal.h> // SetItemUsingMouseWheel: keeps the panel from scrolling while the plot zooms

namespace phasor::plot {
namespace {

const SizeChoice sizes[] = {
    {"On screen, 1×", {}, 1},
    {"On screen, 2×", {}, 2},
    {"On screen, 4×", {}, 4},
    {"1200 × 800 px", FigureSize::pixels(1200, 800), 2},
    {"1920 × 1080 px (a slide)", FigureSize::pixels(1920, 1080), 2},
    {"85 mm wide, 300 dpi (a paper's column)", FigureSize::millimetres(85, 0, 300), 2},
    {"180 mm wide, 300 dpi (a paper's page)", FigureSize::millimetres(180, 0, 300), 2},
};
const double follows[] = {0, 1e3, 1e4, 1e5, 1e6};
const double smoothings[] = {0, 0.6, 0.9, 0.99, 0.999};

bool same_size(const SizeChoice& choice, const ExportLook& look) {
    const FigureSize &a = choice.size, &b = look.size;
    if (a.on_screen() || b.on_screen())
        return a.on_screen() && b.on_screen() && choice.png_scale == look.png_scale;
    return a.width == b.width && a.height == b.height && a.unit == b.unit && a.dpi == b.dpi;
}

Mapping mapping_of(const Plot& plot, const PlotView& view, const PlotLayout& layout) {
    Mapping map;
    map.x_lo = layout.x_lo, map.x_hi = layout.x_hi, map.y_lo = layout.y_lo, map.y_hi = layout.y_hi;
    map.log_x = view.x_log(plot);
    map.log_y = plot.y.log;
    map.min = layout.data_min, map.max = layout.data_max;
    return map;
}

bool inside(ImVec2 p, ImVec2 min, ImVec2 max) {
    return p.x >= min.x && p.x < max.x && p.y >= min.y && p.y < max.y;
}

// Moves [lo, hi] by `fraction` of its width (in log10 units on a log axis).
void shift(double& lo, double& hi, double fraction, bool log) {
    if (log) {
        double f = std::pow(hi / lo, fraction);
        lo *= f, hi *= f;
    } else {
        double d = (hi - lo) * fraction;
        lo += d, hi += d;
    }
}

// Scales [lo, hi] by `factor` about `centre`, which stays where it is on screen.
void zoom(double& lo, double& hi, double centre, double factor, bool log) {
    if (log) {
        double c = std::log10(centre), a = std::log10(lo), b = std::log10(hi);
        lo = std::pow(10.0, c - (c - a) * factor), hi = std::pow(10.0, c + (b - c) * factor);
    } else {
        lo = centre - (centre - lo) * factor, hi = centre + (hi - centre) * factor;
    }
}

void swatch(Rgba color) {
    float s = ImGui::GetTextLineHeight() * 0.7f;
    ImVec2 p = ImGui::GetCursorScreenPos();
    float y = p.y + (ImGui::GetTextLineHeight() - s) / 2;
    ImGui::GetWindowDrawList()->AddRectFilled({p.x, y}, {p.x + s, y + s}, color);
    ImGui::Dummy({s, ImGui::GetTextLineHeight()});
    ImGui::SameLine();
}

// The event markers the cursor is on, listed under a separator with their whole labels: those whose line is
// within a third of a line height (enough to hit a one-pixel line at any UI scale) and the one whose label
// box is under the cursor, in list order. A long session can put many on a few pixels, so a few are named
// and the rest counted.
void marker_readout(const Plot& plot, const Mapping& map, const PlotLayout& layout, ImVec2 mouse,
                    double step) {
    if (plot.markers == nullptr) return;
    constexpr int most_named = 8;
    const float reach = std::max(3.f, ImGui::GetTextLineHeight() / 3);
    std::size_t under_label = SIZE_MAX; // labels do not overlap: at most one is under the cursor
    for (const auto& label : layout.marker_labels)
        if (inside(mouse, label.min, label.max)) under_label = label.marker;
    int named = 0, more = 0;
    char at[24];
    for (std::size_t i = 0; i < plot.markers->size(); ++i) {
        const Marker& marker = (*plot.markers)[i];
        if (!(marker.x >= map.x_lo && marker.x <= map.x_hi)) continue;
        if (i != under_label && std::fabs(map.px(marker.x) - mouse.x) > reach) continue;
        if (named == most_named) {
            ++more;
            continue;
        }
        if (named++ == 0) ImGui::Separator();
        format_number(marker.x, step, at, sizeof at);
        swatch(theme_of(ThemeKind::Dark).marker(marker));
        ImGui::Text("%s  (x = %s)", marker.label.c_str(), at);
    }
    if (more > 0) ImGui::TextDisabled("and %d more here", more);
}

// The tooltip under the cursor: x, then every visible line's value nearest that x, the heatmap cell, the bar
// or the histogram bin, and the event markers there.
void readout(const Plot& plot, const PlotView& view, const Mapping& map, const PlotLayout& layout,
             ImVec2 mouse) {
    double x = map.x_at(mouse.x), y = map.y_at(mouse.y);
    // On a log axis, the spacing of pixels near the cursor.
    double step = std::fabs(map.x_at(mouse.x + 1) - x);
    if (!map.log_x) step = (map.x_hi - map.x_lo) / std::max(1.f, map.max.x - map.min.x);
    const Theme& screen = theme_of(ThemeKind::Dark);
    char a[24], b[24];
    ImGui::BeginTooltip();
    if (plot.bars.empty()) {
        format_number(x, step, a, sizeof a);
        ImGui::Text("x = %s", a);
    }
    for (std::size_t i = 0; i < plot.lines.size(); ++i) {
        const LineSeries& line = plot.lines[i];
        if (line.data == nullptr || line.data->empty() || view.is_hidden(line.name)) continue;
        const auto& points = line.data->points();
        auto it = std::lower_bound(points.begin(), points.end(), x,
                                   [](const Point& p, double v) { return p.x < v; });
        if (it == points.end() || (it != points.begin() && x - std::prev(it)->x < it->x - x)) --it;
        format_number(it->x, 0, a, sizeof a);
        format_number(it->y, 0, b, sizeof b);
        swatch(screen.series(line.color, static_cast<int>(i)));
        const SeriesHistory* smooth = smoothed_line(plot, view, i);
        const auto at = static_cast<std::size_t>(it - points.begin());
        if (smooth != nullptr && at < smooth->size()) {
            char c[24];
            format_number((*smooth)[at].y, 0, c, sizeof c);
            ImGui::Text("%s: %s, smoothed %s  (x = %s)", line.name.c_str(), b, c, a);
        } else {
            ImGui::Text("%s: %s  (x = %s)", line.name.c_str(), b, a);
        }
    }
    for (const Heatmap& h : plot.heatmaps) {
        if (h.rows <= 0 || h.cols <= 0 || h.values.size() < static_cast<std::size_t>(h.rows) * h.cols)
            continue;
        int col = column_at(h, x);
        int row = static_cast<int>(std::floor((h.y1 - y) / (h.y1 - h.y0) * h.rows));
        if (row < 0 || row >= h.rows || col < 0 || col >= h.cols) continue;
        float v = h.values[static_cast<std::size_t>(row) * h.cols + col];
        format_number(v, 0, a, sizeof a);
        if (h.colormap == Colormap::Classes && v >= 0 && static_cast<std::size_t>(v) < h.class_names.size())
            ImGui::Text("row %d, col %d: %s", row, col, h.class_names[static_cast<std::size_t>(v)].c_str());
        else
            ImGui::Text("row %d, col %d: %s", row, col, a);
    }
    long bar = std::lround(x);
    if (std::fabs(x - static_cast<double>(bar)) <= 0.45)
        for (const Bars& bars : plot.bars) {
            if (bar < 0 || static_cast<std::size_t>(bar) >= bars.values.size()) continue;
            std::size_t i = static_cast<std::size_t>(bar);
            format_number(bars.values[i], 0, a, sizeof a);
            ImGui::Text("%s: %s", i < bars.labels.size() ? bars.labels[i].c_str() : "", a);
        }
    for (const Histogram& h : plot.histograms)
        for (std::size_t i = 0; i + 1 < h.edges.size() && i < h.counts.size(); ++i)
            if (x >= h.edges[i] && x < h.edges[i + 1]) {
                format_number(h.edges[i], 0, a, sizeof a);
                format_number(h.edges[i + 1], 0, b, sizeof b);
                ImGui::Text("[%s, %s): %g", a, b, h.counts[i]);
            }
    marker_readout(plot, map, layout, mouse, step);
    ImGui::EndTooltip();
}

void crosshair(ImDrawList& draw, const Mapping& map, ImVec2 mouse) {
    constexpr Rgba color = rgba(255, 255, 255, 70);
    draw.PushClipRect(map.min, map.max, true);
    float x = std::floor(mouse.x) + 0.5f, y = std::floor(mouse.y) + 0.5f;
    draw.AddLine({x, map.min.y}, {x, map.max.y}, color);
    draw.AddLine({map.min.x, y}, {map.max.x, y}, color);
    draw.PopClipRect();
}

void follow_label(double window, char* out, std::size_t size) {
    if (window <= 0) {
        std::snprintf(out, size, "All ticks");
        return;
    }
    char ticks[24];
    format_number(window, 0, ticks, sizeof ticks);
    std::snprintf(out, size, "Last %s ticks", ticks);
}

std::optional<ExportRequest> context_menu(const Plot& plot, PlotView& view, ExportLook& look) {
    using Format = ExportRequest::Format;
    std::optional<ExportRequest> request;
    if (!ImGui::BeginPopupContextItem("##menu")) return request;
    auto ask = [&](Format format) {
        request = ExportRequest{format, look.png_scale, false, look.theme, look.size};
    };
    if (ImGui::MenuItem("Export PNG")) ask(Format::Png);
    if (ImGui::MenuItem("Export SVG")) ask(Format::Svg);
    if (ImGui::MenuItem("Export CSV")) ask(Format::Csv);
    if (ImGui::BeginMenu("Export theme")) {
        for (ThemeKind kind : theme_kinds()) {
            const std::string_view title = theme_of(kind).title;
            char label[48];
            std::snprintf(label, sizeof label, "%.*s", static_cast<int>(title.size()), title.data());
            if (ImGui::MenuItem(label, nullptr, look.theme == kind)) look.theme = kind;
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Export size")) {
        for (const SizeChoice& choice : sizes)
            if (ImGui::MenuItem(choice.label, nullptr, same_size(choice, look))) {
                look.size = choice.size;
                look.png_scale = choice.png_scale;
            }
        ImGui::EndMenu();
    }
    if (plot.drawing == nullptr) {
        ImGui::Separator();
        char label[48];
        if (!plot.lines.empty()) {
            if (ImGui::BeginMenu("Follow")) {
                for (double window : follows) {
                    follow_label(window, label, sizeof label);
                    if (ImGui::MenuItem(label, nullptr, view.follow == window)) {
                        view.follow = window;
                        view.auto_x = true; // following is autoscale over the window
                    }
                }
                ImGui::EndMenu();
            }
            if (ImGui::BeginMenu("Smoothing")) {
                for (double weight : smoothings) {
                    if (weight > 0)
                        std::snprintf(label, sizeof label, "%g (half-life %.0f points)", weight,
                                      std::log(0.5) / std::log(weight));
                    else
                        std::snprintf(label, sizeof label, "Off");
                    if (ImGui::MenuItem(label, nullptr, view.smoothing == weight)) view.smoothing = weight;
                }
                ImGui::EndMenu();
            }
        }
        if (plot.heatmaps.empty() && plot.bars.empty() &&
            ImGui::MenuItem("Log x", nullptr, view.x_log(plot))) {
            view.log_x = !view.x_log(plot);
            view.auto_x = true; // the old range may reach 0 or below
        }
        ImGui::Separator();
        if (ImGui::MenuItem("Reset view")) view.reset();
    }
    ImGui::EndPopup();
    return request;
}

} // namespace

std::optional<ExportRequest> plot_widget(const Plot& plot, PlotView& view, ImVec2 size) {
    ExportLook look;
    return plot_widget(plot, view, size, look);
}

std::span<const SizeChoice> size_choices() {
    return sizes;
}
std::span<const double> follow_choices() {
    return follows;
}
std::span<const double> smoothing_choices() {
    return smoothings;
}

std::optional<ExportRequest> plot_widget(const Plot& plot, PlotView& view, ImVec2 size, ExportLook& look) {
    ImGui::PushID(plot.id.c_str());
    size = {std::max(size.x, 60.f), std::max(size.y, 40.f)};
    ImVec2 p0 = ImGui::GetCursorScreenPos(), p1{p0.x + size.x, p0.y + size.y};
    ImGui::InvisibleButton("##plot", size);
    bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
    if (hovered && plot.drawing == nullptr) ImGui::SetItemUsingMouseWheel();

    fit(plot, view); // only the axes still on autoscale
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    thread_local PlotLayout layout; // reused frame to frame, so a plot with markers allocates nothing
    render(plot, view, draw, p0, p1, {}, layout);
    if (plot.drawing != nullptr) {
        auto request = context_menu(plot, view, look);
        ImGui::PopID();
        return request;
    }
    Mapping map = mapping_of(plot, view, layout);
    const ImGuiIO& io = ImGui::GetIO();
    ImVec2 mouse = io.MousePos;
    bool in_data = hovered && inside(mouse, map.min, map.max);

    const PlotLayout::LegendEntry* legend_hit = nullptr;
    for (const auto& entry : layout.legend)
        if (hovered && inside(mouse, entry.min, entry.max)) legend_hit = &entry;
    if (legend_hit != nullptr && ImGui::IsMouseClicked(0)) {
        view.toggle(std::string(legend_hit->name)); // on a click only
    } else if (in_data && ImGui::IsMouseDoubleClicked(0)) {
        view.auto_x = view.auto_y = true;
    }

    if (active && ImGui::IsMouseDragging(0)) {
        ImVec2 d = ImGui::GetMouseDragDelta(0);
        ImGui::ResetMouseDragDelta(0);
        if (d.x != 0) {
            view.auto_x = false;
            view.x_lo = map.x_lo, view.x_hi = map.x_hi;
            shift(view.x_lo, view.x_hi, -d.x / (map.max.x - map.min.x), map.log_x);
        }
        if (d.y != 0) {
            view.auto_y = false;
            view.y_lo = map.y_lo, view.y_hi = map.y_hi;
            shift(view.y_lo, view.y_hi, d.y / (map.max.y - map.min.y), plot.y.log);
        }
    }

    if (in_data && io.MouseWheel != 0) {
        double factor = std::pow(0.8, static_cast<double>(io.MouseWheel)); // wheel up zooms in
        if (plot.equal_aspect) { // a plane: both axes, so its shape on screen stays what it is
            view.auto_x = view.auto_y = false;
            view.x_lo = map.x_lo, view.x_hi = map.x_hi, view.y_lo = map.y_lo, view.y_hi = map.y_hi;
            zoom(view.x_lo, view.x_hi, map.x_at(mouse.x), factor, map.log_x);
            zoom(view.y_lo, view.y_hi, map.y_at(mouse.y), factor, plot.y.log);
        } else if (io.KeyShift) {
            view.auto_y = false;
            view.y_lo = map.y_lo, view.y_hi = map.y_hi;
            zoom(view.y_lo, view.y_hi, map.y_at(mouse.y), factor, plot.y.log);
        } else {
            view.auto_x = false;
            view.x_lo = map.x_lo, view.x_hi = map.x_hi;
            zoom(view.x_lo, view.x_hi, map.x_at(mouse.x), factor, map.log_x);
        }
    }

    if (in_data && legend_hit == nullptr && !ImGui::IsMouseDragging(0)) {
        crosshair(draw, map, mouse);
        readout(plot, view, map, layout, mouse);
    }
    auto request = context_menu(plot, view, look);
    ImGui::PopID();
    return request;
}

} // namespace phasor::plot
