// Network layout (network_layout.hpp). Every size derives from the font, so the diagram keeps its proportions
// on a projector and in an export of any size.
#include "ui/panels/stepnet/network_layout.hpp"

#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace phasor::ui {

std::span<const float> column_values(const StepNetView& view, std::size_t column) {
    if (column == 0) return view.input;
    return view.layers[column - 1].act;
}

std::string_view column_activation(const StepNetView& view, std::size_t column) {
    return column == 0 ? std::string_view("identity") : std::string_view(view.layers[column - 1].activation);
}

std::size_t column_size(const StepNetView& view, std::size_t column) {
    if (column == 0) return static_cast<std::size_t>(std::max(view.layers[0].in, 0));
    return static_cast<std::size_t>(std::max(view.layers[column - 1].out, 0));
}

bool connection_drawn(const StepNetView& view, std::size_t l, const Connection& c) {
    const LayerView& layer = view.layers[l];
    return (l == 0 || layer.in == view.layers[l - 1].out) && layer.largest_weight > 0.f && c.from >= 0 &&
           c.to >= 0 && c.from < layer.in && c.to < layer.out;
}

int predicted_class(const StepNetView& view) {
    if (view.layers.empty()) return -1;
    const auto& out = view.layers.back().act;
    if (out.empty()) return -1;
    return static_cast<int>(std::max_element(out.begin(), out.end()) - out.begin());
}

// Only the size when the columns are too close for the names (a narrow panel, a large UI scale): the hover
// readout still names the layer.
void network_caption(const StepNetView& view, std::size_t column, bool short_caption, std::span<char> out) {
    const int neurons = static_cast<int>(column_size(view, column));
    if (short_caption)
        std::snprintf(out.data(), out.size(), "%d", neurons);
    else if (column == 0)
        std::snprintf(out.data(), out.size(), "input %d", neurons);
    else
        std::snprintf(out.data(), out.size(), "%s %d", view.layers[column - 1].activation.c_str(), neurons);
}

void lay_out_network(const StepNetView& view, std::span<const std::string> class_names, ImVec2 min,
                     ImVec2 max, float font, float unit, const TextMeasure& measure, NetworkLayout& layout) {
    const float pad = 6.f * unit;
    layout.min = ImVec2(min.x + pad, min.y + pad);
    layout.max = ImVec2(std::max(max.x - pad, layout.min.x + 1.f), std::max(max.y - pad, layout.min.y + 1.f));
    layout.font = font;
    const std::size_t columns = view.layers.size() + 1;
    // Room for two caption lines above, the prediction line below and the class names right of the output
    // (the target's marker, a triangle, sits in front of its name).
    const float number_width = measure.width(" 0.00", font);
    float label_width = number_width;
    char name[64];
    for (int c = 0; c < view.layers.back().out && c < 32; ++c)
        label_width = std::max(label_width,
                               measure.width(class_name(class_names, c, name), font) + number_width + font);
    const float left = layout.min.x + font * 2.5f, right = layout.max.x - font * 1.5f - label_width;
    bool any_summarised = false;
    for (std::size_t k = 0; k < columns; ++k) any_summarised |= column_size(view, k) > kMaxNeuronsDrawn;
    // A summarised column says so on a line of its own under the neurons.
    const float top = layout.min.y + font * 3.f,
                bottom = layout.max.y - font * (any_summarised ? 3.6f : 2.5f);
    const float height = std::max(bottom - top, font);

    layout.column_x.resize(columns);
    layout.shown.resize(columns);
    layout.radius.resize(columns);
    layout.first.resize(columns + 1);
    std::size_t total = 0;
    for (std::size_t k = 0; k < columns; ++k) {
        layout.first[k] = total;
        total += column_size(view, k);
    }
    layout.first[columns] = total;
    layout.positions.resize(total);

    // Neighbouring captions each take half the gap on either side of their column: the names go when they do
    // not fit, then the sizes alternate between two rows, and the ages ("t-1") show only where they fit.
    char caption[96];
    const float column_gap =
        columns > 1 ? std::max(right - left, font) / static_cast<float>(columns - 1) : 1e9f;
    auto widest_caption = [&](bool short_caption) {
        float widest = 0.f;
        for (std::size_t k = 0; k < columns; ++k) {
            network_caption(view, k, short_caption, caption);
            widest = std::max(widest, measure.width(caption, font));
        }
        return widest;
    };
    layout.short_captions = widest_caption(false) > column_gap - font * 0.5f;
    layout.stagger = layout.short_captions && widest_caption(true) > column_gap - font * 0.5f;
    std::snprintf(caption, sizeof caption, "t-%zu", columns);
    layout.ages = measure.width(caption, font) <= column_gap - font * 0.5f;

    for (std::size_t k = 0; k < columns; ++k) {
        const float t = columns > 1 ? static_cast<float>(k) / static_cast<float>(columns - 1) : 0.5f;
        layout.column_x[k] = left + t * std::max(right - left, font);
        const std::size_t n = column_size(view, k);
        // Bands of at least four pixels' line units each: what the column's height can show apart.
        const auto room = static_cast<std::size_t>(std::max(height / (4.f * unit), 2.f));
        const std::size_t shown = n > kMaxNeuronsDrawn ? std::min(kMaxNeuronsDrawn, room) : n;
        layout.shown[k] = shown;
        const float spacing = shown > 0 ? std::min(height / static_cast<float>(shown), font * 2.2f) : font;
        layout.radius[k] = std::clamp(spacing * 0.38f, 1.5f * unit, font * 0.7f);
        const float y0 = top + (height - spacing * static_cast<float>(shown)) * 0.5f;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t band = shown == n ? i : i * shown / n;
            layout.positions[layout.first[k] + i] =
                ImVec2(layout.column_x[k], y0 + (static_cast<float>(band) + 0.5f) * spacing);
        }
    }
    const std::size_t outputs = column_size(view, columns - 1);
    layout.labelled_outputs =
        outputs > 0 && outputs <= 32 && layout.radius[columns - 1] * 2.6f >= font * 0.9f;
}

std::optional<NeuronAt> neuron_at(const NetworkLayout& layout, ImVec2 point) {
    // A little slack around each disc, so a neuron a few pixels wide can still be hovered.
    const float slack = std::max(2.f, layout.font * 0.15f);
    for (std::size_t k = 0; k < layout.columns(); ++k) {
        const float r = layout.radius[k] + slack;
        if (std::abs(point.x - layout.column_x[k]) > r) continue;
        // Only the drawn discs: in a summarised column each stands for its band's first neuron.
        for (std::size_t j = 0; j < layout.shown[k]; ++j) {
            const std::size_t i = layout.drawn_neuron(k, j);
            const ImVec2 p = layout.positions[layout.first[k] + i];
            const float dx = point.x - p.x, dy = point.y - p.y;
            if (dx * dx + dy * dy <= r * r) return NeuronAt{k, i};
        }
    }
    return std::nullopt;
}

} // namespace phasor::ui
