// Message timeline drawing (message_timeline_drawing.hpp).
#include "ui/panels/mach/message_timeline_drawing.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <iterator>

namespace phasor::ui {

namespace {

// Room below the lanes for the time axis and the key.
float footer(float font) {
    return font * 3.4f;
}

} // namespace

TimelineGeometry timeline_geometry(const MachView& view, double window, ImVec2 min, ImVec2 max, float font,
                                   float name_width) {
    TimelineGeometry g;
    const float pad = font * 0.5f;
    g.lanes_min = ImVec2(min.x + pad + name_width + font * 0.6f, min.y + pad);
    g.lanes_max = ImVec2(std::max(max.x - pad - font, g.lanes_min.x + font),
                         std::max(max.y - pad - footer(font), g.lanes_min.y + font));
    const auto lanes = static_cast<float>(std::max<std::size_t>(view.nodes.size(), 1));
    g.lane = (g.lanes_max.y - g.lanes_min.y) / lanes;
    g.t1 = view.time;
    g.t0 = view.time - std::max(window, 1e-3);
    g.mark = std::clamp(g.lane * 0.2f, font * 0.15f, font * 0.35f);
    return g;
}

bool MessageTimelineDrawing::shown(const MachMark& mark) const {
    return view_ != nullptr && mark.component >= 0 &&
           mark.component < static_cast<int>(view_->nodes.size()) && mark.time >= view_->time - window_ &&
           mark.time <= view_->time;
}

float MessageTimelineDrawing::age_scale() const {
    float oldest = 1e-3f;
    if (view_ != nullptr)
        for (const MachMark& m : view_->marks)
            if (shown(m) && std::isfinite(m.age)) oldest = std::max(oldest, m.age);
    return oldest;
}

float MessageTimelineDrawing::name_width(const TextMeasure& measure, float font) const {
    float widest = 0.f;
    if (view_ != nullptr)
        for (const MachNodeView& n : view_->nodes) widest = std::max(widest, measure.width(n.name, font));
    return widest;
}

void MessageTimelineDrawing::draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max,
                                  const plot::DrawStyle& style) const {
    marks_drawn_ = 0;
    if (view_ == nullptr || view_->nodes.empty()) return;
    const DiagramInk ink = diagram_ink(style);
    const float font = style.font_size;
    const TimelineGeometry& g = geometry_ =
        timeline_geometry(*view_, window_, min, max, font, name_width(CanvasMeasure(canvas), font));
    // Lanes: a name, a faint band on every other one so a mark's lane is plain at a glance.
    for (std::size_t i = 0; i < view_->nodes.size(); ++i) {
        const float top = g.lanes_min.y + g.lane * static_cast<float>(i);
        if (i % 2 == 1)
            canvas.fill_rect(ImVec2(g.lanes_min.x, top), ImVec2(g.lanes_max.x, top + g.lane),
                             plot::with_alpha(ink.dim, 28));
        canvas.text(ImVec2(g.lanes_min.x - font * 0.4f, top + g.lane * 0.5f - font * 0.5f),
                    view_->nodes[i].name, font, ink.text, 1.f);
    }
    canvas.rect(g.lanes_min, g.lanes_max, ink.frame, ink.unit);
    const float scale = age_scale();
    canvas.push_clip(g.lanes_min, g.lanes_max);
    for (const MachMark& m : view_->marks) {
        if (!shown(m)) continue;
        const ImVec2 p = g.at(m);
        const plot::Rgba color = plot::colormap_color(plot::Colormap::Viridis, m.age, 0.f, scale);
        if (m.grad)
            canvas.box(ImVec2(p.x - g.mark, p.y - g.mark), ImVec2(p.x + g.mark, p.y + g.mark), 0.f, color,
                       ink.frame, ink.unit * 0.5f);
        else
            canvas.disc(p, g.mark, color, ink.frame, ink.unit * 0.5f);
        ++marks_drawn_;
    }
    canvas.pop_clip();
    // The time axis: seconds before now, now at the right.
    char label[32];
    const float axis_y = g.lanes_max.y + font * 0.2f;
    // Quarters where they fit beside "now (123.4 s)", halves in a narrow panel.
    const int parts = g.lanes_max.x - g.lanes_min.x > font * 40.f ? 4 : 2;
    for (int k = 0; k <= parts; ++k) {
        const double t = g.t0 + (g.t1 - g.t0) * k / parts;
        const float x = g.x_of(t);
        canvas.line(ImVec2(x, g.lanes_max.y), ImVec2(x, g.lanes_max.y + font * 0.25f), ink.frame, ink.unit);
        if (k == parts)
            std::snprintf(label, sizeof label, "now (%.1f s)", view_->time);
        else
            std::snprintf(label, sizeof label, "-%.3g s", g.t1 - t);
        canvas.text(ImVec2(x, axis_y + font * 0.1f), label, font, ink.dim,
                    k == 0       ? 0.f
                    : k == parts ? 1.f
                                 : 0.5f);
    }
    draw_key(canvas, ImVec2(g.lanes_min.x, axis_y + font * 1.4f), g.lanes_max.x, font, ink);
}

// Shapes, then the colour ramp of the wait from 0 to the oldest shown.
void MessageTimelineDrawing::draw_key(plot::Canvas& canvas, ImVec2 at, float right, float font,
                                      const DiagramInk& ink) const {
    const float r = font * 0.3f, mid = at.y + font * 0.5f;
    const plot::Rgba swatch = plot::colormap_color(plot::Colormap::Viridis, 0.5f, 0.f, 1.f);
    float x = at.x + r;
    canvas.disc(ImVec2(x, mid), r, swatch, ink.frame, ink.unit * 0.5f);
    canvas.text(ImVec2(x + r + font * 0.3f, at.y), "Spike", font, ink.text, 0.f);
    x += r + font * 0.6f + canvas.text_width("Spike", font) + font;
    canvas.box(ImVec2(x - r, mid - r), ImVec2(x + r, mid + r), 0.f, swatch, ink.frame, ink.unit * 0.5f);
    canvas.text(ImVec2(x + r + font * 0.3f, at.y), "Grad", font, ink.text, 0.f);
    x += r + font * 0.6f + canvas.text_width("Grad", font) + font;
    canvas.text(ImVec2(x, at.y), "waited 0", font, ink.dim, 0.f);
    x += canvas.text_width("waited 0", font) + font * 0.3f;
    char label[32];
    std::snprintf(label, sizeof label, "%.3g s", static_cast<double>(age_scale()));
    const float ramp = std::min(font * 8.f, right - x - canvas.text_width(label, font) - font * 0.3f);
    if (ramp < font) return;
    constexpr int kSteps = 24;
    for (int i = 0; i < kSteps; ++i) {
        const float x0 = x + ramp * static_cast<float>(i) / kSteps,
                    x1 = x + ramp * static_cast<float>(i + 1) / kSteps;
        canvas.fill_rect(
            ImVec2(x0, mid - r), ImVec2(x1 + 0.5f, mid + r),
            plot::colormap_color(plot::Colormap::Viridis, (static_cast<float>(i) + 0.5f) / kSteps, 0.f, 1.f));
    }
    canvas.rect(ImVec2(x, mid - r), ImVec2(x + ramp, mid + r), ink.frame, ink.unit);
    canvas.text(ImVec2(x + ramp + font * 0.3f, at.y), label, font, ink.dim, 0.f);
}

void MessageTimelineDrawing::write_csv(std::string& out) const {
    if (view_ == nullptr) return;
    out += "component,from,kind,time,age,delay\n";
    for (const MachMark& m : view_->marks)
        if (shown(m))
            fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{}\n", m.component, m.from,
                           m.grad ? "grad" : "spike", m.time, m.age, m.delay);
}

} // namespace phasor::ui
