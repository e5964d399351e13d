// Neurons in space drawing (neurons_drawing.hpp).
#include "ui/panels/spiking/neurons_drawing.hpp"

#include "ui/panels/spiking/spiking_look.hpp"
#include "ui/plot/wrapped_text.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <iterator>

namespace phasor::ui {

namespace {

// How long a neuron glows after a spike, as the time constant of its fade (s).
constexpr float kGlow = 0.03f;

} // namespace

ImVec2 Projection::at(Vec3 p) const {
    const float x = p.x - middle.x, y = p.y - middle.y, z = p.z - middle.z;
    const float sx = r[0][0] * x + r[0][1] * y + r[0][2] * z;
    const float sy = r[1][0] * x + r[1][1] * y + r[1][2] * z;
    const float sz = (r[2][0] * x + r[2][1] * y + r[2][2] * z) / half;
    const float f = depth / (depth - sz);
    return ImVec2(centre.x + sx * scale * f, centre.y - sy * scale * f);
}

float Projection::toward(Vec3 p) const {
    return (r[2][0] * (p.x - middle.x) + r[2][1] * (p.y - middle.y) + r[2][2] * (p.z - middle.z)) / half;
}

// z is up in space; yaw turns about it, pitch tilts the camera above the horizon.
Projection project_box(const SpikingView& view, const Orbit& orbit, ImVec2 min, ImVec2 max) {
    Projection p;
    p.centre = ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
    p.middle = {(view.lo.x + view.hi.x) * 0.5f, (view.lo.y + view.hi.y) * 0.5f,
                (view.lo.z + view.hi.z) * 0.5f};
    const float dx = view.hi.x - view.lo.x, dy = view.hi.y - view.lo.y, dz = view.hi.z - view.lo.z;
    p.half = std::max(0.5f * std::sqrt(dx * dx + dy * dy + dz * dz), 1e-9f);
    // The whole box fits at zoom 1 whatever the turn: its half diagonal to the nearer edge of the area, with
    // room for the perspective's enlargement of its near corners.
    const float room = 0.5f * std::min(max.x - min.x, max.y - min.y);
    p.scale = orbit.zoom * room / p.half * (p.depth - 1.f) / p.depth;
    const float cy = std::cos(orbit.yaw), sy = std::sin(orbit.yaw);
    const float cp = std::cos(orbit.pitch), sp = std::sin(orbit.pitch);
    // Screen x: the horizontal direction across the view; up: tilted z; depth: towards the camera.
    const float rows[3][3] = {{cy, sy, 0.f}, {-sy * sp, cy * sp, cp}, {-sy * cp, cy * cp, -sp}};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) p.r[i][j] = rows[i][j];
    // Depth should point at the camera: the camera sits at -y turned by yaw and above by pitch.
    for (int j = 0; j < 3; ++j) p.r[2][j] = -p.r[2][j];
    return p;
}

Projection project_drawing(const SpikingView& view, const Orbit& orbit, ImVec2 min, ImVec2 max, float font) {
    return project_box(view, orbit, ImVec2(min.x + font * 0.5f, min.y + font * 0.5f),
                       ImVec2(max.x - font * 0.5f, max.y - font * 1.6f));
}

std::optional<Vec3> NeuronsDrawing::picked_position() const {
    if (view_->picked < 0) return std::nullopt;
    const auto picked = static_cast<std::uint64_t>(view_->picked);
    const std::uint64_t stride = std::max<std::uint32_t>(view_->stride, 1);
    if (picked % stride == 0 && picked / stride < view_->points.size()) return view_->points[picked / stride];
    // Not among the points shown: its local targets' centre stands in for it.
    if (view_->picked_target_points.empty()) return std::nullopt;
    Vec3 sum;
    for (const Vec3& t : view_->picked_target_points) sum.x += t.x, sum.y += t.y, sum.z += t.z;
    const float n = static_cast<float>(view_->picked_target_points.size());
    return Vec3{sum.x / n, sum.y / n, sum.z / n};
}

void NeuronsDrawing::draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const {
    points_ = 0;
    if (view_ == nullptr || view_->populations.empty()) return;
    const DiagramInk ink = diagram_ink(style);
    const plot::Theme& theme = style.colors();
    const float font = style.font_size;
    projection_ = project_drawing(*view_, orbit_, min, max, font);
    const Projection& p = projection_;
    // The box, so the turn reads.
    const Vec3 lo = view_->lo, hi = view_->hi;
    const auto corner = [&](int i) {
        return p.at({i & 1 ? hi.x : lo.x, i & 2 ? hi.y : lo.y, i & 4 ? hi.z : lo.z});
    };
    for (int i = 0; i < 8; ++i)
        for (int bit : {1, 2, 4})
            if ((i & bit) == 0) canvas.line(corner(i), corner(i | bit), theme.grid, ink.unit);

    population_palette(*view_, palette_);
    const plot::Rgba background = theme.transparent() ? plot::rgba(255, 255, 255) : theme.background;
    const plot::Rgba flare =
        theme.kind == plot::ThemeKind::Dark ? plot::rgba(255, 255, 255) : plot::rgba(0, 0, 0);
    quiet_.resize(palette_.size());
    lit_.resize(palette_.size());
    for (std::size_t i = 0; i < palette_.size(); ++i) {
        const plot::Rgba color = palette_color(palette_[i], theme);
        quiet_[i] = plot::mix(background, color, 0.45f);
        lit_[i] = plot::mix(color, flare, 0.5f);
    }
    population_.resize(view_->points.size());
    std::size_t population = 0;
    const std::uint64_t stride = std::max<std::uint32_t>(view_->stride, 1);
    for (std::size_t i = 0; i < view_->points.size(); ++i) {
        const std::uint64_t neuron = i * stride;
        while (population + 1 < view_->populations.size() &&
               neuron >= view_->populations[population].first + view_->populations[population].size)
            ++population;
        population_[i] = static_cast<int>(population);
    }
    // Quiet neurons first, the ones firing over them; each pass far to near is not worth a sort per frame.
    const float size = std::max(1.2f * ink.unit, font * 0.12f);
    for (int pass = 0; pass < 2; ++pass)
        for (std::size_t i = 0; i < view_->points.size(); ++i) {
            const float since = i < view_->since_spike.size() ? view_->since_spike[i] : INFINITY;
            const float glow = std::isfinite(since) && since >= 0.f ? std::exp(-since / kGlow) : 0.f;
            if ((glow > 0.05f) != (pass == 1)) continue;
            const auto k = static_cast<std::size_t>(population_[i]);
            const ImVec2 at = p.at(view_->points[i]);
            const float s = size * (pass == 1 ? 1.f + glow : 1.f);
            canvas.fill_rect(ImVec2(at.x - s, at.y - s), ImVec2(at.x + s, at.y + s),
                             pass == 1 ? plot::mix(quiet_[k], lit_[k], glow) : quiet_[k]);
            ++points_;
        }
    if (const auto picked = picked_position()) {
        const ImVec2 from = p.at(*picked);
        const plot::Rgba line = plot::with_alpha(ink.text, 140);
        for (const Vec3& t : view_->picked_target_points) canvas.line(from, p.at(t), line, ink.unit);
        canvas.disc(from, font * 0.45f, 0, ink.text, 2.f * ink.unit);
    }
    char label[96];
    const auto end =
        fmt::format_to_n(label, sizeof label - 1, "{} of {} neurons shown; drag to turn, wheel to zoom",
                         view_->points.size(), view_->neurons)
            .out;
    *end = '\0';
    // Wrapped from the bottom up, so a narrow panel keeps the whole caption.
    const float caption_width = max.x - min.x - font;
    const int lines = plot::wrapped_lines(canvas, label, font * 0.9f, caption_width);
    plot::draw_wrapped(canvas, ImVec2(min.x + font * 0.5f, max.y - font * (0.3f + static_cast<float>(lines))),
                       label, font * 0.9f, ink.dim, caption_width, font);
}

void NeuronsDrawing::write_csv(std::string& out) const {
    if (view_ == nullptr) return;
    auto it = std::back_inserter(out);
    out += "neuron,population,x,y,z,since_spike_s\n";
    const std::uint64_t stride = std::max<std::uint32_t>(view_->stride, 1);
    std::size_t population = 0;
    for (std::size_t i = 0; i < view_->points.size(); ++i) {
        const std::uint64_t neuron = i * stride;
        while (population + 1 < view_->populations.size() &&
               neuron >= view_->populations[population].first + view_->populations[population].size)
            ++population;
        const Vec3& q = view_->points[i];
        fmt::format_to(it, "{},{},{},{},{},{}\n", neuron, view_->populations[population].name, q.x, q.y, q.z,
                       i < view_->since_spike.size() ? view_->since_spike[i] : INFINITY);
    }
    out += "picked,target,x,y,z\n";
    for (std::size_t i = 0; i < view_->picked_targets.size() && i < view_->picked_target_points.size(); ++i) {
        const Vec3& q = view_->picked_target_points[i];
        fmt::format_to(it, "{},{},{},{},{}\n", view_->picked, view_->picked_targets[i], q.x, q.y, q.z);
    }
}

std::optional<std::uint32_t> neuron_at(const SpikingView& view, const Projection& projection, ImVec2 mouse,
                                       float reach) {
    std::optional<std::uint32_t> best;
    float nearest = reach * reach, nearest_depth = -INFINITY;
    const std::uint32_t stride = std::max<std::uint32_t>(view.stride, 1);
    for (std::size_t i = 0; i < view.points.size(); ++i) {
        const ImVec2 at = projection.at(view.points[i]);
        const float d = (at.x - mouse.x) * (at.x - mouse.x) + (at.y - mouse.y) * (at.y - mouse.y);
        // Of points under the cursor, the one in front.
        const float depth = projection.toward(view.points[i]);
        if (d < nearest || (d <= nearest + 1.f && depth > nearest_depth)) {
            nearest = std::max(d, 0.f), nearest_depth = depth;
            best = static_cast<std::uint32_t>(i) * stride;
        }
    }
    return best;
}

} // namespace phasor::ui
