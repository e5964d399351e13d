// Neurons picture (neuron_maps_drawing.hpp): drawn onto a plot::Canvas, so the panel, the PNG and the SVG
// share one picture; sizes come from the style's font and colours from its theme.
#include "ui/panels/stepnet/neuron_maps_drawing.hpp"

#include "ui/panels/stepnet/diagram_ink.hpp"

#include <fmt/format.h>
#include <iterator>

namespace phasor::ui {

void NeuronMapsDrawing::set(const StepNetView& view) {
    view_ = &view;
    const DecisionMap& decision = view.decision;
    const auto cells = static_cast<std::size_t>(decision.neuron_resolution * decision.neuron_resolution);
    first_.clear();
    scales_.clear();
    std::size_t used = 0;
    for (std::size_t l = 0; l < decision.neuron_maps.size(); ++l) {
        const NeuronMaps& maps = decision.neuron_maps[l];
        const std::size_t count = cells > 0 ? std::min(maps.neurons.size(), maps.values.size() / cells) : 0;
        const std::string_view activation =
            l < view.layers.size() ? std::string_view(view.layers[l].activation) : std::string_view();
        // One scale for the whole layer, so its neurons compare at a glance.
        scales_.push_back(activation_scale(activation, std::span(maps.values.data(), count * cells)));
        first_.push_back(used);
        if (maps_.size() < used + count) maps_.resize(used + count);
        for (std::size_t i = 0; i < count; ++i) {
            plot::Heatmap& map = maps_[used + i];
            map.rows = map.cols = decision.neuron_resolution;
            map.values.assign(maps.values.begin() + static_cast<std::ptrdiff_t>(i * cells),
                              maps.values.begin() + static_cast<std::ptrdiff_t>((i + 1) * cells));
            map.colormap = scales_.back().colormap;
            map.lo = scales_.back().lo;
            map.hi = scales_.back().hi;
            map.x0 = decision.x0, map.x1 = decision.x1, map.y0 = decision.y0, map.y1 = decision.y1;
        }
        used += count;
    }
    first_.push_back(used);
}

void NeuronMapsDrawing::draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max,
                             const plot::DrawStyle& style) const {
    if (view_ == nullptr || first_.size() < 2) return;
    const DiagramInk ink = diagram_ink(style);
    lay_out_neuron_grid(*view_, min, max, style.font_size, grid_);
    for (std::size_t l = 0; l + 1 < first_.size() && l < grid_.bands.size(); ++l) {
        draw_caption(canvas, l, style);
        for (std::size_t i = 0; i < first_[l + 1] - first_[l]; ++i) {
            const ImVec2 a = grid_.at(l, i), b(a.x + grid_.side, a.y + grid_.side);
            const plot::Heatmap& map = maps_[first_[l] + i];
            canvas.heatmap(a, b, map, map.lo, map.hi);
            canvas.rect(a, b, ink.frame, ink.unit * 0.5f);
        }
    }
}

// The layer's name at the left; its colour scale at the right, a strip from the low end to the high end
// between their values, where the line has room for it.
void NeuronMapsDrawing::draw_caption(plot::Canvas& canvas, std::size_t layer,
                                     const plot::DrawStyle& style) const {
    const DiagramInk ink = diagram_ink(style);
    const float font = style.font_size, y = grid_.bands[layer].caption_y;
    char caption[96], lo[24], hi[24];
    neuron_band_caption(*view_, layer, caption);
    canvas.text({grid_.min.x, y}, caption, font, ink.text, 0.f);
    const ActivationScale& scale = scales_[layer];
    plot::format_number(scale.lo, 0, lo, sizeof lo);
    plot::format_number(scale.hi, 0, hi, sizeof hi);
    const float strip = font * 3.f, gap = font * 0.3f;
    const float hi_w = canvas.text_width(hi, font), lo_w = canvas.text_width(lo, font);
    const float right = grid_.max.x, strip_x = right - hi_w - gap - strip;
    if (strip_x - gap - lo_w < grid_.min.x + canvas.text_width(caption, font) + font) return;
    canvas.text({right, y}, hi, font, ink.dim, 1.f);
    canvas.text({strip_x - gap, y}, lo, font, ink.dim, 1.f);
    constexpr int slices = 12;
    for (int k = 0; k < slices; ++k) {
        const float t = (static_cast<float>(k) + 0.5f) / slices;
        const float x0 = strip_x + strip * static_cast<float>(k) / slices;
        canvas.fill_rect(
            {x0, y + font * 0.2f}, {x0 + strip / slices + 0.5f, y + font * 0.9f},
            plot::colormap_color(scale.colormap, scale.lo + t * (scale.hi - scale.lo), scale.lo, scale.hi));
    }
    canvas.rect({strip_x, y + font * 0.2f}, {strip_x + strip, y + font * 0.9f}, ink.frame, ink.unit * 0.5f);
}

void NeuronMapsDrawing::write_csv(std::string& out) const {
    if (view_ == nullptr || first_.size() < 2) return;
    out += "layer,neuron,row,col,x,y,activation\n";
    const DecisionMap& decision = view_->decision;
    for (std::size_t l = 0; l + 1 < first_.size(); ++l)
        for (std::size_t i = 0; i < first_[l + 1] - first_[l]; ++i) {
            const plot::Heatmap& map = maps_[first_[l] + i];
            const double cw = (map.x1 - map.x0) / map.cols, ch = (map.y1 - map.y0) / map.rows;
            for (int r = 0; r < map.rows; ++r)
                for (int c = 0; c < map.cols; ++c)
                    fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{}\n", l,
                                   decision.neuron_maps[l].neurons[i], r, c, map.x0 + (c + 0.5) * cw,
                                   map.y1 - (r + 0.5) * ch,
                                   map.values[static_cast<std::size_t>(r) * map.cols + c]);
        }
}

} // namespace phasor::ui
