// Where the Neurons picture puts its thumbnails: a band per layer, first hidden layer on top and the output
// at the bottom, each a caption line over a grid of square thumbnails, one per pictured neuron, all of one
// size, as large as the box allows. One function computes it for the drawing (screen, PNG, SVG) and for the
// panel's hover readout, so the readout names the thumbnail drawn under the mouse.
#pragma once
#include "engine/stepnet/stepnet_view.hpp"

#include <imgui.h>
#include <optional>
#include <span>
#include <vector>

namespace phasor::ui {

struct NeuronGrid {
    struct Band {
        float caption_y = 0; // the top of its caption line
        float top = 0;       // the top of its first row of thumbnails
        std::size_t count = 0, per_row = 1;
    };
    std::vector<Band> bands; // one per layer of DecisionMap::neuron_maps
    ImVec2 min, max;         // the box
    float side = 0, gap = 0; // a thumbnail's side and the space between two

    // The top left corner of thumbnail i of band b.
    ImVec2 at(std::size_t b, std::size_t i) const {
        const Band& band = bands[b];
        return {min.x + static_cast<float>(i % band.per_row) * (side + gap),
                band.top + static_cast<float>(i / band.per_row) * (side + gap)};
    }
};

// "hidden 1 (tanh, 32 neurons)", "output (softmax, 2 neurons)", "hidden 1 (relu, 64 of 200 neurons)".
void neuron_band_caption(const StepNetView& view, std::size_t layer, std::span<char> out);

// The smallest thumbnail that still reads (its 16 × 16 cells about a pixel and a half each at UI scale 1), in
// font sizes: a box too small for it scrolls rather than shrinking the thumbnails further.
inline constexpr float kSmallestThumbnail = 1.4f;
// The height the bands need with thumbnails of `side` pixels in a box `width` wide, padding included.
float neuron_grid_height(const StepNetView& view, float side, float width, float font);

// Lays out `view`'s neuron pictures in [min, max] with captions of `font` pixels; `grid` keeps its storage.
void lay_out_neuron_grid(const StepNetView& view, ImVec2 min, ImVec2 max, float font, NeuronGrid& grid);

struct ThumbnailAt {
    std::size_t layer = 0, index = 0; // index into NeuronMaps::neurons
};
std::optional<ThumbnailAt> thumbnail_at(const NeuronGrid& grid, ImVec2 point);

} // namespace phasor::ui
