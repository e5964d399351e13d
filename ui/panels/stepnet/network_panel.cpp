// Network panel (network_panel.hpp): a draw-list picture, not a plot, because it is a diagram of the model
// rather than data over axes. Every size derives from the font size so it scales on a projector.
#include "ui/panels/stepnet/network_panel.hpp"

#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <span>

namespace phasor::ui {

namespace {

std::span<const float> column_values(const StepNetView& snap, std::size_t column) {
    if (column == 0) return snap.input;
    return snap.layers[column - 1].act;
}

std::string_view column_activation(const StepNetView& snap, std::size_t column) {
    return column == 0 ? std::string_view("identity") : std::string_view(snap.layers[column - 1].activation);
}

std::size_t column_size(const StepNetView& snap, std::size_t column) {
    if (column == 0) return static_cast<std::size_t>(std::max(snap.layers[0].in, 0));
    return static_cast<std::size_t>(std::max(snap.layers[column - 1].out, 0));
}

int predicted_class(const StepNetView& snap) {
    const auto& out = snap.layers.back().act;
    if (out.empty()) return -1;
    return static_cast<int>(std::max_element(out.begin(), out.end()) - out.begin());
}

ImU32 with_alpha(plot::Rgba color, float alpha) {
    const auto a = static_cast<plot::Rgba>(std::clamp(alpha, 0.f, 1.f) * 255.f);
    return (color & 0x00FFFFFFu) | (a << 24);
}

} // namespace

void NetworkPanel::draw(PanelContext& context) {
    const StepNetView* view = context.snapshot.payload_as<StepNetView>();
    if (!view || view->layers.empty()) {
        ImGui::TextDisabled("No network yet: waiting for the first snapshot.");
        return;
    }
    const StepNetView& snap = *view;
    class_names_ = &context.snapshot.class_names;
    tick_ = context.snapshot.tick;
    const float font = ImGui::GetFontSize();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const ImVec2 size(std::max(avail.x, font * 16.f), std::max(avail.y, font * 12.f));
    const ImVec2 p1(p0.x + size.x, p0.y + size.y);
    ImGui::InvisibleButton("network_canvas", size);
    const bool hovered = ImGui::IsItemHovered();

    layout(snap, p0, p1);
    ImDrawList& draw = *ImGui::GetWindowDrawList();
    draw.PushClipRect(p0, p1, true);
    draw_connections(snap, draw);
    draw_neurons(snap, draw);
    draw_labels(snap, draw, p0, p1);
    draw.PopClipRect();
    if (hovered) hover_readout(snap);
}

void NetworkPanel::layout(const StepNetView& snap, ImVec2 p0, ImVec2 p1) {
    const float font = ImGui::GetFontSize();
    const std::size_t columns = snap.layers.size() + 1;
    // Room for two caption lines above, the prediction line below and the class names right of the output
    // (the target's marker, a triangle, sits in front of its name).
    float label_width = ImGui::CalcTextSize(" 0.00").x;
    char name[64];
    for (int c = 0; c < snap.layers.back().out && c < 32; ++c)
        label_width = std::max(label_width, ImGui::CalcTextSize(class_name(*class_names_, c, name)).x +
                                                ImGui::CalcTextSize(" 0.00").x + font);
    const float left = p0.x + font * 2.5f, right = p1.x - font * 1.5f - label_width;
    top_ = p0.y + font * 3.f;
    const float bottom = p1.y - font * 2.5f;
    const float height = std::max(bottom - top_, font);

    column_x_.resize(columns);
    radius_.resize(columns);
    first_.resize(columns + 1);
    std::size_t total = 0;
    for (std::size_t k = 0; k < columns; ++k) {
        first_[k] = total;
        total += column_size(snap, k);
    }
    first_[columns] = total;
    positions_.resize(total);

    // Neighbouring captions each take half the gap on either side of their column: the names go when they do
    // not fit, then the sizes alternate between two rows, and the ages ("t-1") show only where they fit.
    short_captions_ = false;
    stagger_ = false;
    char caption_text[96];
    const float column_gap =
        columns > 1 ? std::max(right - left, font) / static_cast<float>(columns - 1) : 1e9f;
    float widest = 0.f;
    for (std::size_t k = 0; k < columns; ++k) {
        caption(snap, k, caption_text, sizeof caption_text);
        widest = std::max(widest, ImGui::CalcTextSize(caption_text).x);
    }
    if (widest > column_gap - font * 0.5f) {
        short_captions_ = true;
        widest = 0.f;
        for (std::size_t k = 0; k < columns; ++k) {
            caption(snap, k, caption_text, sizeof caption_text);
            widest = std::max(widest, ImGui::CalcTextSize(caption_text).x);
        }
        stagger_ = widest > column_gap - font * 0.5f;
    }
    std::snprintf(caption_text, sizeof caption_text, "t-%zu", columns);
    ages_ = ImGui::CalcTextSize(caption_text).x <= column_gap - font * 0.5f;
    for (std::size_t k = 0; k < columns; ++k) {
        const float t = columns > 1 ? static_cast<float>(k) / static_cast<float>(columns - 1) : 0.5f;
        column_x_[k] = left + t * std::max(right - left, font);
        const std::size_t n = column_size(snap, k);
        const float spacing = n > 0 ? std::min(height / static_cast<float>(n), font * 2.2f) : font;
        radius_[k] = std::clamp(spacing * 0.38f, 1.5f, font * 0.7f);
        const float y0 = top_ + (height - spacing * static_cast<float>(n)) * 0.5f;
        for (std::size_t i = 0; i < n; ++i)
            positions_[first_[k] + i] = ImVec2(column_x_[k], y0 + (static_cast<float>(i) + 0.5f) * spacing);
    }
}

// The engine sends the connections worth a line (the strongest, weakest first so the strong ones end on top).
void NetworkPanel::draw_connections(const StepNetView& snap, ImDrawList& draw) const {
    const float scale = ImGui::GetFontSize() / 13.f;
    const plot::Rgba positive = plot::colormap_color(plot::Colormap::Diverging, 1.f, -1.f, 1.f);
    const plot::Rgba negative = plot::colormap_color(plot::Colormap::Diverging, -1.f, -1.f, 1.f);
    for (std::size_t l = 0; l < snap.layers.size(); ++l) {
        const LayerView& layer = snap.layers[l];
        const auto in = static_cast<std::size_t>(layer.in), out = static_cast<std::size_t>(layer.out);
        if (in != first_[l + 1] - first_[l] || out != first_[l + 2] - first_[l + 1] ||
            !(layer.largest_weight > 0.f))
            continue;
        for (const Connection& c : layer.connections) {
            const auto from = static_cast<std::size_t>(c.from), to = static_cast<std::size_t>(c.to);
            if (from >= in || to >= out) continue;
            const float size = std::abs(c.weight) / layer.largest_weight;
            const ImU32 color = with_alpha(c.weight > 0.f ? positive : negative, 0.12f + 0.78f * size);
            draw.AddLine(positions_[first_[l] + from], positions_[first_[l + 1] + to], color,
                         (0.5f + 2.5f * size) * scale);
        }
    }
}

void NetworkPanel::draw_neurons(const StepNetView& snap, ImDrawList& draw) const {
    const float scale = ImGui::GetFontSize() / 13.f;
    const ImU32 outline = ImGui::GetColorU32(ImGuiCol_Border, 1.f);
    const std::size_t columns = column_x_.size();
    const int predicted = predicted_class(snap);
    for (std::size_t k = 0; k < columns; ++k) {
        const std::span<const float> values = column_values(snap, k);
        const ActivationScale colors = activation_scale(column_activation(snap, k), values);
        const std::size_t n = first_[k + 1] - first_[k];
        for (std::size_t i = 0; i < n; ++i) {
            const float v = i < values.size() ? values[i] : 0.f;
            const ImVec2 c = positions_[first_[k] + i];
            draw.AddCircleFilled(c, radius_[k],
                                 plot::colormap_color(colors.colormap, v, colors.lo, colors.hi));
            if (radius_[k] > 3.f) draw.AddCircle(c, radius_[k], outline, 0, scale);
        }
    }
    if (predicted >= 0 && static_cast<std::size_t>(predicted) < first_[columns] - first_[columns - 1])
        draw.AddCircle(positions_[first_[columns - 1] + static_cast<std::size_t>(predicted)],
                       radius_[columns - 1] + 3.f * scale, IM_COL32(255, 255, 255, 230), 0, 2.f * scale);
}

// "relu 32" above each column; only the size when the columns are too close for the names (a narrow panel, a
// large UI scale): the hover readout still names the layer.
void NetworkPanel::caption(const StepNetView& snap, std::size_t column, char* out, std::size_t size) const {
    const int neurons = static_cast<int>(column_size(snap, column));
    if (short_captions_)
        std::snprintf(out, size, "%d", neurons);
    else if (column == 0)
        std::snprintf(out, size, "input %d", neurons);
    else
        std::snprintf(out, size, "%s %d", snap.layers[column - 1].activation.c_str(), neurons);
}

void NetworkPanel::draw_labels(const StepNetView& snap, ImDrawList& draw, ImVec2 p0, ImVec2 p1) const {
    const float font = ImGui::GetFontSize();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const std::size_t columns = column_x_.size();
    char line[96], name[64];
    auto centred = [&](float x, float y, ImU32 color, const char* s) {
        const float w = ImGui::CalcTextSize(s).x;
        draw.AddText(ImVec2(x - w * 0.5f, y), color, s);
    };

    std::snprintf(line, sizeof line, "tick %llu", static_cast<unsigned long long>(tick_));
    draw.AddText(ImVec2(p0.x, p0.y), text, line);
    for (std::size_t k = 0; k < columns; ++k) {
        caption(snap, k, line, sizeof line);
        // Staggered captions take the age line's row on every other column.
        centred(column_x_[k], p0.y + font * (stagger_ && k % 2 == 1 ? 2.f : 1.1f), text, line);
        if (!ages_ || stagger_) continue;
        // Layer l holds the signal of the input from l ticks ago.
        const std::size_t age = k == 0 ? 0 : k - 1;
        if (age == 0)
            std::snprintf(line, sizeof line, "t");
        else
            std::snprintf(line, sizeof line, "t-%zu", age);
        centred(column_x_[k], p0.y + font * 2.f, dim, line);
    }

    // Output neurons: class name and probability; the scored target is marked.
    const LayerView& output = snap.layers.back();
    const std::size_t n = first_[columns] - first_[columns - 1];
    const bool labelled = n > 0 && n <= 32 && radius_[columns - 1] * 2.6f >= font * 0.9f;
    for (std::size_t i = 0; labelled && i < n; ++i) {
        const ImVec2 c = positions_[first_[columns - 1] + i];
        const float p = i < output.act.size() ? output.act[i] : 0.f;
        const bool target = snap.scored_label == static_cast<int>(i);
        std::snprintf(line, sizeof line, "%s %.2f", class_name(*class_names_, static_cast<int>(i), name), p);
        const float x = c.x + radius_[columns - 1] + font * 0.4f;
        if (target) // a triangle pointing at the scored target's neuron
            draw.AddTriangleFilled(ImVec2(x + font * 0.55f, c.y - font * 0.3f),
                                   ImVec2(x + font * 0.55f, c.y + font * 0.3f), ImVec2(x + font * 0.1f, c.y),
                                   ImGui::GetColorU32(kGoodColor));
        draw.AddText(ImVec2(x + font * 0.8f, c.y - font * 0.5f), target ? text : dim, line);
    }

    const int predicted = predicted_class(snap);
    char target_name[64];
    ImU32 verdict = dim;
    if (snap.scored_label >= 0) {
        std::snprintf(line, sizeof line, "predicted %s, scored target %s (input of tick %llu)",
                      class_name(*class_names_, predicted, name),
                      class_name(*class_names_, snap.scored_label, target_name),
                      static_cast<unsigned long long>(snap.scored_from_tick));
        verdict = ImGui::GetColorU32(predicted == snap.scored_label ? kGoodColor : kErrorColor);
    } else {
        std::snprintf(line, sizeof line, "predicted %s, no target scored yet",
                      class_name(*class_names_, predicted, name));
    }
    draw.AddText(ImVec2(p0.x, p1.y - font * 1.2f), verdict, line);
    std::snprintf(line, sizeof line, "input: %s", class_name(*class_names_, snap.input_label, name));
    draw.AddText(ImVec2(p0.x, p1.y - font * 2.3f), dim, line);
}

void NetworkPanel::hover_readout(const StepNetView& snap) const {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (std::size_t k = 0; k + 1 < first_.size(); ++k) {
        if (std::abs(mouse.x - column_x_[k]) > radius_[k] + 2.f) continue;
        for (std::size_t i = first_[k]; i < first_[k + 1]; ++i) {
            const ImVec2 c = positions_[i];
            const float dx = mouse.x - c.x, dy = mouse.y - c.y, r = radius_[k] + 2.f;
            if (dx * dx + dy * dy > r * r) continue;
            const std::size_t neuron = i - first_[k];
            const std::span<const float> values = column_values(snap, k);
            const float a = neuron < values.size() ? values[neuron] : 0.f;
            if (k == 0) {
                ImGui::SetTooltip("input %zu: %.4g", neuron, a);
            } else {
                const LayerView& layer = snap.layers[k - 1];
                const float z = neuron < layer.pre.size() ? layer.pre[neuron] : 0.f;
                ImGui::SetTooltip("layer %zu (%s), neuron %zu\na = %.4g   z = %.4g", k - 1,
                                  layer.activation.c_str(), neuron, a, z);
            }
            return;
        }
    }
}

} // namespace phasor::ui
