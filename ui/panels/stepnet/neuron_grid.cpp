// Neuron grid layout (neuron_grid.hpp). Sizes derive from the font, so the picture keeps its proportions on a
// projector and in an export of any size.
#include "ui/panels/stepnet/neuron_grid.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace phasor::ui {

namespace {

constexpr float kCaptionLine = 1.3f; // a caption's line, in font sizes
constexpr float kBandGap = 0.5f;     // between one band's thumbnails and the next caption, in font sizes
// A thumbnail of a 16 × 16 picture reads from about 2 font sizes; larger than 7 it only takes room from the
// other panels' share of the screen.
constexpr float kLargest = 7.f;

float gap_for(float side) {
    return std::max(2.f, std::round(side * 0.1f));
}

// The height the bands take with thumbnails of `side` pixels in a box `width` wide.
float height_for(const StepNetView& view, float side, float width, float font) {
    const float gap = gap_for(side);
    const auto per_row = static_cast<std::size_t>(std::max(1.f, std::floor((width + gap) / (side + gap))));
    float height = 0;
    for (const NeuronMaps& maps : view.decision.neuron_maps) {
        const std::size_t rows = (maps.neurons.size() + per_row - 1) / per_row;
        height += font * (kCaptionLine + kBandGap) + static_cast<float>(rows) * (side + gap) - gap;
    }
    return height;
}

float padding(float font) {
    return std::round(font * 0.4f);
}

} // namespace

float neuron_grid_height(const StepNetView& view, float side, float width, float font) {
    return height_for(view, side, width - 2 * padding(font), font) + 2 * padding(font);
}

void neuron_band_caption(const StepNetView& view, std::size_t layer, std::span<char> out) {
    const bool output = layer + 1 == view.decision.neuron_maps.size();
    const std::size_t shown = view.decision.neuron_maps[layer].neurons.size();
    const LayerView* info = layer < view.layers.size() ? &view.layers[layer] : nullptr;
    const std::size_t size = info ? static_cast<std::size_t>(std::max(info->out, 0)) : shown;
    const char* activation = info ? info->activation.c_str() : "?";
    char name[32];
    if (output)
        std::snprintf(name, sizeof name, "output");
    else
        std::snprintf(name, sizeof name, "hidden %zu", layer + 1);
    if (shown < size)
        std::snprintf(out.data(), out.size(), "%s (%s, %zu of %zu neurons)", name, activation, shown, size);
    else
        std::snprintf(out.data(), out.size(), "%s (%s, %zu %s)", name, activation, shown,
                      shown == 1 ? "neuron" : "neurons");
}

void lay_out_neuron_grid(const StepNetView& view, ImVec2 min, ImVec2 max, float font, NeuronGrid& grid) {
    const float pad = padding(font);
    grid.min = {min.x + pad, min.y + pad};
    grid.max = {max.x - pad, max.y - pad};
    const float width = std::max(grid.max.x - grid.min.x, 1.f), height = grid.max.y - grid.min.y;
    // The largest whole-pixel side whose bands fit the height (the height only grows with the side).
    float lo = 3.f, hi = std::max(lo, std::min(width, font * kLargest));
    if (height_for(view, hi, width, font) <= height) {
        lo = hi;
    } else {
        while (hi - lo > 1.f) {
            const float mid = std::floor((lo + hi) / 2);
            (height_for(view, mid, width, font) <= height ? lo : hi) = mid;
        }
    }
    grid.side = lo;
    grid.gap = gap_for(lo);
    const auto per_row =
        static_cast<std::size_t>(std::max(1.f, std::floor((width + grid.gap) / (grid.side + grid.gap))));
    grid.bands.resize(view.decision.neuron_maps.size());
    float y = grid.min.y;
    for (std::size_t l = 0; l < grid.bands.size(); ++l) {
        NeuronGrid::Band& band = grid.bands[l];
        band.count = view.decision.neuron_maps[l].neurons.size();
        band.per_row = per_row;
        band.caption_y = y;
        band.top = std::round(y + font * kCaptionLine);
        const std::size_t rows = (band.count + per_row - 1) / per_row;
        y = band.top + static_cast<float>(rows) * (grid.side + grid.gap) - grid.gap + font * kBandGap;
    }
}

std::optional<ThumbnailAt> thumbnail_at(const NeuronGrid& grid, ImVec2 point) {
    if (grid.side <= 0) return std::nullopt;
    const float step = grid.side + grid.gap;
    for (std::size_t b = 0; b < grid.bands.size(); ++b) {
        const NeuronGrid::Band& band = grid.bands[b];
        const float dx = point.x - grid.min.x, dy = point.y - band.top;
        if (dx < 0 || dy < 0) continue;
        const auto col = static_cast<std::size_t>(dx / step), row = static_cast<std::size_t>(dy / step);
        if (col >= band.per_row || dx - static_cast<float>(col) * step > grid.side ||
            dy - static_cast<float>(row) * step > grid.side)
            continue;
        const std::size_t i = row * band.per_row + col;
        if (i < band.count) return ThumbnailAt{b, i};
    }
    return std::nullopt;
}

} // namespace phasor::ui
