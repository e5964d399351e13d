// Component graph drawing (components_drawing.hpp): one layout for the boxes and arrows, sizes from the
// style's font and colours from its theme, so the screen, the PNG and the SVG show the same picture.
#include "ui/panels/mach/components_drawing.hpp"

#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <iterator>

namespace phasor::ui {

namespace {

// A fraction as a percentage, "-" where there is none (NaN: no loss to score).
const char* percent(float value, std::span<char> out) {
    if (std::isfinite(value))
        std::snprintf(out.data(), out.size(), "%.1f%%", static_cast<double>(value) * 100.0);
    else
        std::snprintf(out.data(), out.size(), "-");
    return out.data();
}

// A thin gauge: the frame, then `fraction` of it filled.
void gauge(plot::Canvas& canvas, ImVec2 min, ImVec2 max, float fraction, plot::Rgba fill,
           const DiagramInk& ink) {
    fraction = std::isfinite(fraction) ? std::clamp(fraction, 0.f, 1.f) : 0.f;
    if (fraction > 0.f) canvas.fill_rect(min, ImVec2(min.x + (max.x - min.x) * fraction, max.y), fill);
    canvas.rect(min, max, ink.dim, ink.unit);
}

} // namespace

const char* state_word(ComponentState state) {
    switch (state) {
    case ComponentState::Run:
        return "running";
    case ComponentState::Pause:
        return "paused";
    case ComponentState::Kill:
        return "killed";
    }
    return "?";
}

void ComponentsDrawing::draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max,
                             const plot::DrawStyle& style) const {
    nodes_drawn_ = edges_drawn_ = 0;
    if (view_ == nullptr || view_->nodes.empty()) return;
    const DiagramInk ink = diagram_ink(style);
    const float font = style.font_size;
    lay_out_components(*view_, min, max, font, layout_);
    // Arrows first, so their ends tuck under the boxes.
    for (std::size_t e = 0; e < view_->edges.size(); ++e)
        if (edge_valid(*view_, view_->edges[e])) draw_edge(canvas, e, font, ink);
    for (std::size_t i = 0; i < view_->nodes.size(); ++i) draw_node(canvas, i, font, ink, style);
}

// Spikes travel child → parent, so the arrow points at the parent; the gauges at its middle are the
// Spike queue (upper) and the Grad queue (lower), the label its Spike rate and the mean delay k.
void ComponentsDrawing::draw_edge(plot::Canvas& canvas, std::size_t edge, float font,
                                  const DiagramInk& ink) const {
    const MachEdgeView& e = view_->edges[edge];
    const auto child = static_cast<std::size_t>(e.child), parent = static_cast<std::size_t>(e.parent);
    const EdgeLine arrow = edge_line(*view_, layout_, edge);
    const ImVec2 from = arrow.from, to = arrow.to;
    const float length = std::hypot(to.x - from.x, to.y - from.y);
    const bool stalled =
        view_->nodes[child].state != ComponentState::Run || view_->nodes[parent].state != ComponentState::Run;
    const plot::Rgba line = stalled ? ink.dim : ink.text;
    canvas.line(from, to, line, 1.5f * ink.unit);
    if (length > 0.f) {
        const float ux = (to.x - from.x) / length, uy = (to.y - from.y) / length, head = font * 0.55f;
        canvas.line(to, ImVec2(to.x - head * (ux - uy * 0.6f), to.y - head * (uy + ux * 0.6f)), line,
                    1.5f * ink.unit);
        canvas.line(to, ImVec2(to.x - head * (ux + uy * 0.6f), to.y - head * (uy - ux * 0.6f)), line,
                    1.5f * ink.unit);
    }
    ++edges_drawn_;
    // On a crowded ring the figures would cover each other: the arrow alone, the readout has the rest.
    if (layout_.ring && view_->nodes.size() > 8) return;
    const ImVec2 m = edge_figures_at(*view_, layout_, edge);
    // On a ring the figures read away from their arrow: rightwards when its side is the right, leftwards when
    // the left, and centred above or below an arrow that runs across.
    const bool across = layout_.ring && std::abs(arrow.side.y) > 0.8f;
    const bool leftwards = layout_.ring && !across && arrow.side.x < 0.f;
    const float w = font * 2.4f, h = font * 0.35f;
    char rate[16], label[48];
    compact_number(e.spike_rate, rate);
    const int chars = std::snprintf(label, sizeof label, "%d/%d  %s/s  k %.1f", e.spikes_queued, e.capacity,
                                    rate, static_cast<double>(e.delay_mean));
    // Text is about 0.55 of the font wide a character, near enough to centre the whole.
    const float text_width = font * 0.55f * static_cast<float>(std::max(chars, 0));
    const float x = !layout_.ring ? m.x - w - font * 0.3f
                    : across      ? m.x - (w + font * 0.3f + text_width) * 0.5f
                    : leftwards   ? m.x - w
                                  : m.x;
    const float capacity = static_cast<float>(std::max(e.capacity, 1));
    gauge(canvas, ImVec2(x, m.y - h - font * 0.05f), ImVec2(x + w, m.y - font * 0.05f),
          static_cast<float>(e.spikes_queued) / capacity, plot::series_color(0), ink);
    gauge(canvas, ImVec2(x, m.y + font * 0.05f), ImVec2(x + w, m.y + h + font * 0.05f),
          static_cast<float>(e.grads_queued) / capacity, plot::series_color(1), ink);
    if (layout_.ring && view_->nodes.size() > 5) return; // labels would cross other arrows; gauges do not
    const float text_x = !layout_.ring ? m.x + font * 0.3f
                         : leftwards   ? x - font * 0.3f
                                       : x + w + font * 0.3f;
    canvas.text(ImVec2(text_x, m.y - font * 0.5f), label, font, ink.dim, leftwards ? 1.f : 0.f);
}

// Paused is greyed; killed is crossed out in red. The headline component's box is outlined thicker.
void ComponentsDrawing::draw_node(plot::Canvas& canvas, std::size_t node, float font, const DiagramInk& ink,
                                  const plot::DrawStyle& style) const {
    const MachNodeView& n = view_->nodes[node];
    const plot::Theme& theme = style.colors();
    const ImVec2 a = layout_.box_min(node), b = layout_.box_max(node);
    const bool run = n.state == ComponentState::Run, killed = n.state == ComponentState::Kill;
    const bool head = static_cast<int>(node) == view_->headline;
    const plot::Rgba background =
        (theme.background >> 24) == 0 ? plot::rgba(255, 255, 255) : theme.background;
    const plot::Rgba fill = run ? plot::mix(background, theme.series(plot::series_color(0), 0), 0.18f)
                                : plot::mix(background, theme.hidden, 0.35f);
    const plot::Rgba outline = killed ? ink.bad : run ? ink.text : ink.dim;
    canvas.box(a, b, font * 0.3f, fill, outline, (head ? 2.5f : 1.f) * ink.unit);
    const plot::Rgba text = run ? ink.text : ink.dim;
    const float x = a.x + font * 0.4f;
    canvas.push_clip(a, b);
    canvas.text(ImVec2(x, a.y + font * 0.2f), n.name, font, text, 0.f);
    if (layout_.detail >= ComponentGraphLayout::Rate) {
        char rate[16], line[48];
        compact_number(n.steps_per_second, rate);
        std::snprintf(line, sizeof line, "%s, %s steps/s", state_word(n.state), rate);
        canvas.text(ImVec2(x, a.y + font * 1.3f), line, font, killed ? ink.bad : ink.dim, 0.f);
    }
    if (layout_.detail >= ComponentGraphLayout::Accuracy) {
        char real[16], synthetic[16], line[64];
        if (n.has_loss)
            std::snprintf(line, sizeof line, "acc %s  syn %s", percent(n.accuracy, real),
                          percent(n.accuracy_synthetic, synthetic));
        else if (std::isfinite(n.gradient_cosine))
            std::snprintf(line, sizeof line, "grad cos %.2f", static_cast<double>(n.gradient_cosine));
        else
            std::snprintf(line, sizeof line, "no loss of its own");
        canvas.text(ImVec2(x, a.y + font * 2.4f), line, font, text, 0.f);
        if (n.has_loss) {
            // Real over synthetic: how much of the accuracy survives without its children.
            const float left = x, right = b.x - font * 0.4f, y = a.y + font * 3.5f;
            gauge(canvas, ImVec2(left, y), ImVec2(right, y + font * 0.2f), n.accuracy,
                  theme.series(plot::series_color(0), 0), ink);
            gauge(canvas, ImVec2(left, y + font * 0.28f), ImVec2(right, y + font * 0.48f),
                  n.accuracy_synthetic, theme.series(plot::series_color(1), 1), ink);
        }
    }
    canvas.pop_clip();
    if (killed) {
        canvas.line(a, b, ink.bad, 2.f * ink.unit);
        canvas.line(ImVec2(a.x, b.y), ImVec2(b.x, a.y), ink.bad, 2.f * ink.unit);
    }
    ++nodes_drawn_;
}

void ComponentsDrawing::write_csv(std::string& out) const {
    if (view_ == nullptr) return;
    auto it = std::back_inserter(out);
    out += "node,name,state,steps,steps_per_second,accuracy,accuracy_synthetic,loss,synthetic_error,"
           "gradient_cosine,delay_mean,delay_p95,delay_max\n";
    for (std::size_t i = 0; i < view_->nodes.size(); ++i) {
        const MachNodeView& n = view_->nodes[i];
        // Names are the engine's (letters, digits, "_"): no quoting needed.
        fmt::format_to(it, "{},{},{},{},{},{},{},{},{},{},{},{},{}\n", i, n.name, state_word(n.state),
                       n.steps, n.steps_per_second, n.accuracy, n.accuracy_synthetic, n.loss,
                       n.synthetic_error, n.gradient_cosine, n.delay_mean, n.delay_p95, n.delay_max);
    }
    out += "edge,child,parent,spikes_queued,grads_queued,capacity,spikes_sent,spikes_dropped,grads_sent,"
           "grads_dropped,spike_rate,grad_rate,delay_mean\n";
    for (std::size_t i = 0; i < view_->edges.size(); ++i) {
        const MachEdgeView& e = view_->edges[i];
        fmt::format_to(it, "{},{},{},{},{},{},{},{},{},{},{},{},{}\n", i, e.child, e.parent, e.spikes_queued,
                       e.grads_queued, e.capacity, e.spikes_sent, e.spikes_dropped, e.grads_sent,
                       e.grads_dropped, e.spike_rate, e.grad_rate, e.delay_mean);
    }
}

} // namespace phasor::ui
