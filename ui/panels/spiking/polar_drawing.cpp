// Phase histogram drawing (polar_drawing.hpp).
#include "ui/panels/spiking/polar_drawing.hpp"

#include "ui/panels/spiking/spiking_look.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <iterator>
#include <numbers>

namespace phasor::ui {

namespace {

constexpr float kTau = 2.f * std::numbers::pi_v<float>;
constexpr int kBins = PopulationView::kPhaseBins;

// A point at `angle` (radians, counter-clockwise from the right) and `r` pixels from `c`; screen y is down.
ImVec2 polar(ImVec2 c, float angle, float r) {
    return ImVec2(c.x + r * std::cos(angle), c.y - r * std::sin(angle));
}

} // namespace

ImVec2 RoseGrid::centre(int index) const {
    const float w = (max.x - min.x) / static_cast<float>(columns),
                h = (max.y - min.y) / static_cast<float>(rows);
    const int col = index % columns, row = index / columns;
    // The name takes a line above the rose and the figures a line below, so the middle sits in between.
    return ImVec2(min.x + w * (static_cast<float>(col) + 0.5f), min.y + h * (static_cast<float>(row) + 0.5f));
}

RoseGrid lay_out_roses(int count, ImVec2 min, ImVec2 max, float font) {
    RoseGrid best;
    best.min = min, best.max = max;
    count = std::max(count, 1);
    for (int columns = 1; columns <= count; ++columns) {
        const int rows = (count + columns - 1) / columns;
        const float w = (max.x - min.x) / static_cast<float>(columns),
                    h = (max.y - min.y) / static_cast<float>(rows);
        // Labels at the four quarters take a little beside the rim, a line above for the name and up to two
        // below for the figures.
        const float radius = std::min(w * 0.5f - font * 2.8f, h * 0.5f - font * 3.6f);
        if (radius > best.radius) best.columns = columns, best.rows = rows, best.radius = radius;
    }
    best.radius = std::max(best.radius, font);
    return best;
}

void PolarDrawing::draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const {
    if (view_ == nullptr || view_->populations.empty()) return;
    population_palette(*view_, palette_);
    grid_ = lay_out_roses(static_cast<int>(view_->populations.size()), min, max, style.font_size);
    for (std::size_t p = 0; p < view_->populations.size(); ++p) draw_rose(canvas, p, style);
}

void PolarDrawing::draw_rose(plot::Canvas& canvas, std::size_t p, const plot::DrawStyle& style) const {
    const PopulationView& pop = view_->populations[p];
    const DiagramInk ink = diagram_ink(style);
    const plot::Theme& theme = style.colors();
    const float font = style.font_size, r = grid_.radius;
    const ImVec2 c = grid_.centre(static_cast<int>(p));
    const plot::Rgba color = palette_color(palette_[p], theme);
    canvas.text(ImVec2(c.x, c.y - r - font * 2.6f), pop.name, font, color, 0.5f);
    // Rings at half and full count, spokes at the quarters with their angles.
    for (float f : {0.5f, 1.f}) {
        ring_.clear();
        for (int i = 0; i <= 72; ++i) ring_.push_back(polar(c, kTau * static_cast<float>(i) / 72.f, r * f));
        canvas.polyline(ring_, f == 1.f ? theme.frame : theme.grid, ink.unit);
    }
    constexpr const char* quarter[] = {"0°", "90°", "180°", "270°"};
    for (int q = 0; q < 4; ++q) {
        const float angle = kTau * static_cast<float>(q) / 4.f;
        canvas.line(c, polar(c, angle, r), theme.grid, ink.unit);
        const ImVec2 at = polar(c, angle, r + font * 0.35f);
        const float align = q == 0 ? 0.f : q == 2 ? 1.f : 0.5f;
        const float dy = q == 1 ? -font * 1.05f : q == 3 ? font * 0.05f : -font * 0.5f;
        canvas.text(ImVec2(at.x, at.y + dy), quarter[q], font * 0.85f, theme.tick_text, align);
    }
    std::uint32_t most = 0;
    for (std::uint32_t count : pop.phase_histogram) most = std::max(most, count);
    if (most == 0 || !std::isfinite(pop.plv)) {
        canvas.text(ImVec2(c.x, c.y + r + font * 0.6f), "no spikes with a phase", font, ink.dim, 0.5f);
        return;
    }
    // A bar per bin, as wide as its wedge is halfway out.
    const float bar = std::max(ink.unit, kTau * r * 0.5f / kBins * 0.9f);
    for (int b = 0; b < kBins; ++b) {
        const std::uint32_t count = pop.phase_histogram[static_cast<std::size_t>(b)];
        if (count == 0) continue;
        const float angle = kTau * (static_cast<float>(b) + 0.5f) / kBins;
        canvas.line(c, polar(c, angle, r * static_cast<float>(count) / static_cast<float>(most)),
                    plot::with_alpha(color, 200), bar);
    }
    // The mean phase, as long as the locking: an arrow with a head.
    const float length = r * std::clamp(pop.plv, 0.f, 1.f), angle = pop.mean_phase;
    const ImVec2 tip = polar(c, angle, length);
    canvas.line(c, tip, ink.text, 2.5f * ink.unit);
    const float head = std::min(font * 0.7f, length * 0.5f);
    canvas.line(tip, polar(tip, angle + 2.6f, head), ink.text, 2.5f * ink.unit);
    canvas.line(tip, polar(tip, angle - 2.6f, head), ink.text, 2.5f * ink.unit);
    canvas.disc(c, 2.f * ink.unit, ink.text, 0, 0.f);
    char label[64];
    const double degrees = std::fmod(std::fmod(angle * 180.0 / std::numbers::pi, 360.0) + 360.0, 360.0);
    auto end = fmt::format_to_n(label, sizeof label - 1, "PLV {:.2f}, mean {:.0f}°", pop.plv, degrees).out;
    *end = '\0';
    // On two lines when one would run into the next rose (large text, many populations).
    const float column = (grid_.max.x - grid_.min.x) / static_cast<float>(grid_.columns);
    if (canvas.text_width(label, font) <= column - font) {
        canvas.text(ImVec2(c.x, c.y + r + font * 1.15f), label, font, ink.text, 0.5f);
        return;
    }
    end = fmt::format_to_n(label, sizeof label - 1, "PLV {:.2f}", pop.plv).out;
    *end = '\0';
    canvas.text(ImVec2(c.x, c.y + r + font * 1.15f), label, font, ink.text, 0.5f);
    end = fmt::format_to_n(label, sizeof label - 1, "mean {:.0f}°", degrees).out;
    *end = '\0';
    canvas.text(ImVec2(c.x, c.y + r + font * 2.25f), label, font, ink.text, 0.5f);
}

void PolarDrawing::write_csv(std::string& out) const {
    if (view_ == nullptr) return;
    auto it = std::back_inserter(out);
    out += "population,bin_start_deg,bin_end_deg,count\n";
    for (const PopulationView& pop : view_->populations)
        for (int b = 0; b < kBins; ++b)
            fmt::format_to(it, "{},{},{},{}\n", pop.name, b * 360 / kBins, (b + 1) * 360 / kBins,
                           pop.phase_histogram[static_cast<std::size_t>(b)]);
    out += "population,plv,mean_phase_deg\n";
    for (const PopulationView& pop : view_->populations)
        fmt::format_to(it, "{},{},{}\n", pop.name, pop.plv, pop.mean_phase * 180.0 / std::numbers::pi);
}

} // namespace phasor::ui
