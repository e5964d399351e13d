// Network diagram (network_drawing.hpp): drawn onto a plot::Canvas, so the panel, the PNG and the SVG share
// one picture; sizes come from the style's font and colours from its theme.
#include "ui/panels/stepnet/network_drawing.hpp"

#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fmt/format.h>
#include <iterator>

namespace phasor::ui {

namespace {

float distance(ImVec2 a, ImVec2 b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

// The canvas has no filled polygon: a triangle half the size around the same incentre, stroked as wide as
// the whole one's inradius, covers exactly the whole one (its corners rounded in SVG, whose joins are).
void filled_triangle(plot::Canvas& canvas, ImVec2 a, ImVec2 b, ImVec2 c, plot::Rgba color) {
    const float la = distance(b, c), lb = distance(a, c), lc = distance(a, b), perimeter = la + lb + lc;
    if (!(perimeter > 0.f)) return;
    const ImVec2 centre((la * a.x + lb * b.x + lc * c.x) / perimeter,
                        (la * a.y + lb * b.y + lc * c.y) / perimeter);
    const float area = std::abs((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)) * 0.5f;
    const float inradius = 2.f * area / perimeter;
    auto half = [&](ImVec2 p) {
        return ImVec2(centre.x + (p.x - centre.x) * 0.5f, centre.y + (p.y - centre.y) * 0.5f);
    };
    // Round once more to the second corner, so the first one is joined like the others.
    const ImVec2 path[] = {half(a), half(b), half(c), half(a), half(b)};
    canvas.polyline(path, color, inradius);
}

} // namespace

void NetworkDrawing::draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const {
    if (view_ == nullptr || view_->layers.empty()) return;
    const DiagramInk ink = diagram_ink(style);
    lay_out_network(*view_, class_names_, min, max, style.font_size, ink.unit, CanvasMeasure(canvas),
                    layout_);
    draw_connections(canvas, ink);
    draw_neurons(canvas, ink);
    draw_labels(canvas, ink);
}

// The engine sends the connections worth a line (the strongest, weakest first so the strong ones end on top).
void NetworkDrawing::draw_connections(plot::Canvas& canvas, const DiagramInk& ink) const {
    const StepNetView& view = *view_;
    const NetworkLayout& at = layout_;
    const plot::Rgba positive = plot::colormap_color(plot::Colormap::Diverging, 1.f, -1.f, 1.f);
    const plot::Rgba negative = plot::colormap_color(plot::Colormap::Diverging, -1.f, -1.f, 1.f);
    for (std::size_t l = 0; l < view.layers.size(); ++l) {
        const LayerView& layer = view.layers[l];
        for (const Connection& c : layer.connections) {
            if (!connection_drawn(view, l, c)) continue;
            const auto from = static_cast<std::size_t>(c.from), to = static_cast<std::size_t>(c.to);
            const float size = std::min(std::abs(c.weight) / layer.largest_weight, 1.f);
            const int alpha = static_cast<int>((0.12f + 0.78f * size) * 255.f);
            canvas.line(at.positions[at.first[l] + from], at.positions[at.first[l + 1] + to],
                        plot::with_alpha(c.weight > 0.f ? positive : negative, alpha),
                        (0.5f + 2.5f * size) * ink.unit);
        }
    }
}

// Neuron colours are the activation heatmaps' in every theme: the colour scale means the same everywhere.
void NetworkDrawing::draw_neurons(plot::Canvas& canvas, const DiagramInk& ink) const {
    const StepNetView& view = *view_;
    const NetworkLayout& at = layout_;
    const std::size_t columns = at.columns();
    for (std::size_t k = 0; k < columns; ++k) {
        const std::span<const float> values = column_values(view, k);
        const ActivationScale colors = activation_scale(column_activation(view, k), values);
        const bool outlined = at.radius[k] > 3.f * ink.unit;
        for (std::size_t j = 0; j < at.shown[k]; ++j) {
            const std::size_t i = at.drawn_neuron(k, j);
            const float v = i < values.size() ? values[i] : 0.f;
            canvas.disc(at.positions[at.first[k] + i], at.radius[k],
                        plot::colormap_color(colors.colormap, v, colors.lo, colors.hi),
                        outlined ? ink.frame : 0, ink.unit);
        }
    }
    const int predicted = predicted_class(view);
    const std::size_t outputs = at.first[columns] - at.first[columns - 1];
    if (predicted >= 0 && static_cast<std::size_t>(predicted) < outputs && !at.summarised(columns - 1))
        canvas.disc(at.positions[at.first[columns - 1] + static_cast<std::size_t>(predicted)],
                    at.radius[columns - 1] + 3.f * ink.unit, 0, plot::with_alpha(ink.text, 230),
                    2.f * ink.unit);
}

void NetworkDrawing::draw_labels(plot::Canvas& canvas, const DiagramInk& ink) const {
    const StepNetView& view = *view_;
    const NetworkLayout& at = layout_;
    const float font = at.font;
    const std::size_t columns = at.columns();
    char line[160], name[64], target_name[64];

    std::snprintf(line, sizeof line, "tick %llu", static_cast<unsigned long long>(tick_));
    canvas.text(at.min, line, font, ink.text, 0.f);
    for (std::size_t k = 0; k < columns; ++k) {
        network_caption(view, k, at.short_captions, line);
        // Staggered captions take the age line's row on every other column.
        const float row = at.stagger && k % 2 == 1 ? 2.f : 1.1f;
        canvas.text(ImVec2(at.column_x[k], at.min.y + font * row), line, font, ink.text, 0.5f);
        if (at.summarised(k)) {
            std::snprintf(line, sizeof line, "showing %zu of %zu", at.shown[k], at.size(k));
            canvas.text(ImVec2(at.column_x[k], at.max.y - font * 3.4f), line, font, ink.dim, 0.5f);
        }
        if (!at.ages || at.stagger) continue;
        // Layer l holds the signal of the input from l ticks ago.
        const std::size_t age = k == 0 ? 0 : k - 1;
        if (age == 0)
            std::snprintf(line, sizeof line, "t");
        else
            std::snprintf(line, sizeof line, "t-%zu", age);
        canvas.text(ImVec2(at.column_x[k], at.min.y + font * 2.f), line, font, ink.dim, 0.5f);
    }

    // Output neurons: class name and probability; the scored target is pointed at.
    const LayerView& output = view.layers.back();
    const std::size_t n = at.first[columns] - at.first[columns - 1];
    for (std::size_t i = 0; at.labelled_outputs && i < n; ++i) {
        const ImVec2 c = at.positions[at.first[columns - 1] + i];
        const float p = i < output.act.size() ? output.act[i] : 0.f;
        const bool target = view.scored_label == static_cast<int>(i);
        std::snprintf(line, sizeof line, "%s %.2f", class_name(class_names_, static_cast<int>(i), name), p);
        const float x = c.x + at.radius[columns - 1] + font * 0.4f;
        if (target)
            filled_triangle(canvas, ImVec2(x + font * 0.1f, c.y), ImVec2(x + font * 0.55f, c.y - font * 0.3f),
                            ImVec2(x + font * 0.55f, c.y + font * 0.3f), ink.good);
        canvas.text(ImVec2(x + font * 0.8f, c.y - font * 0.5f), line, font, target ? ink.text : ink.dim, 0.f);
    }

    const int predicted = predicted_class(view);
    plot::Rgba verdict = ink.dim;
    if (view.scored_label >= 0) {
        std::snprintf(line, sizeof line, "predicted %s, scored target %s (input of tick %llu)",
                      class_name(class_names_, predicted, name),
                      class_name(class_names_, view.scored_label, target_name),
                      static_cast<unsigned long long>(view.scored_from_tick));
        // The short form where the long one would run past the picture's edge.
        if (canvas.text_width(line, font) > at.max.x - at.min.x)
            std::snprintf(line, sizeof line, "predicted %s, target %s",
                          class_name(class_names_, predicted, name),
                          class_name(class_names_, view.scored_label, target_name));
        verdict = predicted == view.scored_label ? ink.good : ink.bad;
    } else {
        std::snprintf(line, sizeof line, "predicted %s, no target scored yet",
                      class_name(class_names_, predicted, name));
    }
    canvas.text(ImVec2(at.min.x, at.max.y - font * 1.1f), line, font, verdict, 0.f);
    std::snprintf(line, sizeof line, "input: %s", class_name(class_names_, view.input_label, name));
    canvas.text(ImVec2(at.min.x, at.max.y - font * 2.2f), line, font, ink.dim, 0.f);
}

void NetworkDrawing::write_csv(std::string& out) const {
    if (view_ == nullptr || view_->layers.empty()) return;
    const StepNetView& view = *view_;
    out += "column,layer,neuron,activation\n";
    for (std::size_t k = 0; k <= view.layers.size(); ++k) {
        const std::span<const float> values = column_values(view, k);
        for (std::size_t i = 0; i < column_size(view, k); ++i) {
            const float v = i < values.size() ? values[i] : 0.f;
            // The input is no layer: its field stays empty rather than a made-up index.
            if (k == 0)
                fmt::format_to(std::back_inserter(out), "0,,{},{}\n", i, v);
            else
                fmt::format_to(std::back_inserter(out), "{},{},{},{}\n", k, k - 1, i, v);
        }
    }
    out += "\nlayer,from,to,weight\n";
    for (std::size_t l = 0; l < view.layers.size(); ++l) {
        for (const Connection& c : view.layers[l].connections)
            if (connection_drawn(view, l, c))
                fmt::format_to(std::back_inserter(out), "{},{},{},{}\n", l, c.from, c.to, c.weight);
    }
}

} // namespace phasor::ui
