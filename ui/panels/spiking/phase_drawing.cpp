// Spike phase drawing (phase_drawing.hpp).
#include "ui/panels/spiking/phase_drawing.hpp"

#include "ui/panels/spiking/spiking_look.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <iterator>
#include <numbers>

namespace phasor::ui {

namespace {

constexpr double kDegrees = 180.0 / std::numbers::pi;
constexpr std::array<double, 5> kPhaseTicks{0, 90, 180, 270, 360};
constexpr std::array<const char*, 5> kPhaseLabels{"0°", "90°", "180°", "270°", "360°"};

} // namespace

void PhaseDrawing::draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const {
    dots_ = 0;
    if (view_ == nullptr) return;
    const DiagramInk ink = diagram_ink(style);
    const plot::Theme& theme = style.colors();
    const float font = style.font_size;
    population_palette(*view_, palette_);
    // The rhythm traces span the window; without them, the points' own span.
    t1_ = view_->time;
    t0_ = t1_ - std::max(view_->raster.window, 1e-3);
    if (view_->rhythm_time.size() > 1) t0_ = view_->rhythm_time.front(), t1_ = view_->rhythm_time.back();
    if (!(t1_ > t0_)) t0_ = t1_ - 1.0;
    const float left = std::round(min.x + canvas.text_width("360°", font) + font * 1.6f);
    const float right = std::round(max.x - font * 0.8f);
    const float top = std::round(min.y + font * 0.6f), bottom = std::round(max.y - font * 4.0f);
    const float split = std::round(top + (bottom - top) * 0.72f);
    phase_min_ = ImVec2(left, top);
    phase_max_ = ImVec2(right, split - font * 0.6f);
    const ImVec2 rhythm_min(left, split + font * 0.2f), rhythm_max(right, bottom);

    draw_y_ticks(canvas, phase_min_, phase_max_, 0, 360, kPhaseTicks, kPhaseLabels, style, ink);
    canvas.text_vertical(ImVec2(min.x + font * 0.6f, (phase_min_.y + phase_max_.y) * 0.5f), "theta phase",
                         font, theme.text);
    canvas.push_clip(phase_min_, phase_max_);
    const float radius = std::max(1.8f * ink.unit, font * 0.14f);
    const float height = phase_max_.y - phase_min_.y;
    for (const PhasePoint& p : view_->phase_points) {
        if (p.time < t0_ || p.time > t1_ || !std::isfinite(p.phase)) continue;
        const double degrees = std::fmod(std::fmod(p.phase * kDegrees, 360.0) + 360.0, 360.0);
        const ImVec2 at(x_of(p.time, t0_, t1_, left, right),
                        phase_max_.y - static_cast<float>(degrees / 360.0) * height);
        const std::size_t population = std::min<std::size_t>(p.population, palette_.size() - 1);
        canvas.disc(at, radius, palette_color(palette_[population], theme), 0, 0.f);
        ++dots_;
    }
    canvas.pop_clip();
    canvas.rect(phase_min_, phase_max_, theme.frame, ink.unit);

    // The rhythms: theta bold, gamma thin, both as cos of their phase (peaks at phase 0).
    canvas.line(ImVec2(left, (rhythm_min.y + rhythm_max.y) * 0.5f),
                ImVec2(right, (rhythm_min.y + rhythm_max.y) * 0.5f), theme.grid, ink.unit);
    draw_rhythm(canvas, rhythm_min, rhythm_max, view_->gamma, palette_color(3, theme), ink.unit);
    draw_rhythm(canvas, rhythm_min, rhythm_max, view_->theta, ink.text, 2.f * ink.unit);
    char label[48];
    auto end = fmt::format_to_n(label, sizeof label - 1, "theta {:.1f} Hz", view_->theta_hz).out;
    *end = '\0';
    // On a line of its own under the axis and its label (beside the label it ran into it on a narrow panel).
    const float key_y = rhythm_max.y + font * 2.55f;
    canvas.text(ImVec2(left, key_y), label, font, ink.text, 0.f);
    const float gamma_x = left + canvas.text_width(label, font) + font;
    end = fmt::format_to_n(label, sizeof label - 1, "gamma ×{}", view_->gamma_per_theta).out;
    *end = '\0';
    canvas.text(ImVec2(gamma_x, key_y), label, font, palette_color(3, theme), 0.f);
    draw_x_axis(canvas, rhythm_min, rhythm_max, t0_, t1_, "simulated time (s)", style, ink);
}

void PhaseDrawing::draw_rhythm(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const std::vector<float>& trace,
                               plot::Rgba color, float width) const {
    const std::size_t n = std::min(trace.size(), view_->rhythm_time.size());
    line_.clear();
    const float mid = (min.y + max.y) * 0.5f, half = (max.y - min.y) * 0.45f;
    for (std::size_t i = 0; i < n; ++i)
        if (std::isfinite(trace[i]))
            line_.push_back(
                ImVec2(x_of(view_->rhythm_time[i], t0_, t1_, min.x, max.x), mid - trace[i] * half));
    if (line_.size() > 1) canvas.polyline(line_, color, width);
}

void PhaseDrawing::write_csv(std::string& out) const {
    if (view_ == nullptr) return;
    auto it = std::back_inserter(out);
    out += "time_s,phase_deg,population\n";
    for (const PhasePoint& p : view_->phase_points) {
        const std::size_t population = std::min<std::size_t>(p.population, view_->populations.size() - 1);
        fmt::format_to(it, "{},{},{}\n", p.time, p.phase * kDegrees, view_->populations[population].name);
    }
    out += "time_s,theta,gamma\n";
    const std::size_t n = std::min({view_->rhythm_time.size(), view_->theta.size(), view_->gamma.size()});
    for (std::size_t i = 0; i < n; ++i)
        fmt::format_to(it, "{},{},{}\n", view_->rhythm_time[i], view_->theta[i], view_->gamma[i]);
}

} // namespace phasor::ui
