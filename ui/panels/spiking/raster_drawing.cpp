// Spike raster drawing (raster_drawing.hpp).
#include "ui/panels/spiking/raster_drawing.hpp"

#include "ui/panels/spiking/spiking_look.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <fmt/format.h>
#include <iterator>
#include <limits>

namespace phasor::ui {

namespace {

constexpr int kColumns = SpikeRasterView::kColumns;

// The absolute column at the left edge: the ring's oldest, which is negative until the ring has filled.
std::int64_t first_column(const SpikeRasterView& raster) {
    return static_cast<std::int64_t>(raster.newest) + 1 - kColumns;
}

// The first set bit at or after `from` in `words` (below `end`), or `end`.
int next_set(const std::vector<std::uint64_t>& words, int from, int end) {
    while (from < end) {
        const std::uint64_t word = words[static_cast<std::size_t>(from / 64)] >> (from % 64);
        if (word != 0) return std::min(end, from + std::countr_zero(word));
        from = (from / 64 + 1) * 64;
    }
    return end;
}

int population_of_neuron(const SpikingView& view, std::uint32_t neuron) {
    for (std::size_t p = 0; p < view.populations.size(); ++p)
        if (neuron < view.populations[p].first + view.populations[p].size) return static_cast<int>(p);
    return static_cast<int>(view.populations.size()) - 1;
}

int row_of_neuron(const SpikingView& view, std::uint32_t neuron) {
    if (view.neurons == 0) return 0;
    return static_cast<int>(static_cast<std::uint64_t>(neuron) *
                            static_cast<std::uint64_t>(view.raster.rows) / view.neurons);
}

} // namespace

int RasterLayout::row_at(float y) const {
    if (rows <= 0 || y < data_min.y || y >= data_max.y) return -1;
    return std::min(
        rows - 1, static_cast<int>((y - data_min.y) / (data_max.y - data_min.y) * static_cast<float>(rows)));
}

float RasterLayout::row_y(int row) const {
    return data_min.y + (data_max.y - data_min.y) * static_cast<float>(row) / static_cast<float>(rows);
}

RasterLayout lay_out_raster(const SpikingView& view, ImVec2 min, ImVec2 max, float font,
                            const TextMeasure& measure) {
    float names = 0.f;
    for (const PopulationView& p : view.populations) names = std::max(names, measure.width(p.name, font));
    const float gutter = std::min(names, font * 9.f) + font * 0.8f;
    const float right = view.followed.empty() ? font * 0.6f : font * 3.2f;
    RasterLayout layout;
    layout.data_min = ImVec2(std::round(min.x + gutter), std::round(min.y + font * 0.5f));
    layout.data_max = ImVec2(std::round(std::max(layout.data_min.x + 1.f, max.x - right)),
                             std::round(std::max(layout.data_min.y + 1.f, max.y - font * 2.8f)));
    layout.rows = view.raster.rows;
    const SpikeRasterView& r = view.raster;
    layout.t1 = static_cast<double>(r.newest + 1) * r.column_seconds;
    layout.t0 = layout.t1 - kColumns * r.column_seconds;
    if (!(layout.t1 > layout.t0)) layout.t0 = view.time - 1.0, layout.t1 = view.time;
    return layout;
}

std::uint32_t first_neuron_of_row(const SpikingView& view, int row) {
    const std::uint64_t rows = static_cast<std::uint64_t>(std::max(view.raster.rows, 1));
    // Neuron k is on row k · rows / neurons: the first on `row` is the smallest k with k · rows ≥ row ·
    // neurons.
    const std::uint64_t k = (static_cast<std::uint64_t>(row) * view.neurons + rows - 1) / rows;
    return static_cast<std::uint32_t>(std::min<std::uint64_t>(k, view.neurons ? view.neurons - 1 : 0));
}

// One pixel column at a time: its raster columns OR-ed into one column of words, then each pixel row is lit
// when any of its raster rows has a bit, found by skipping to the next set bit from the row after the
// previous pixel row: a column costs its words plus the pixel rows lit, never its spikes.
void RasterDrawing::reduce(const RasterLayout& layout, int width, int height) const {
    const SpikeRasterView& r = view_->raster;
    const int rows = r.rows, words = r.words_per_column;
    cells_.cols = width;
    cells_.rows = height;
    cells_.colormap = plot::Colormap::Classes;
    cells_.values.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height),
                         std::numeric_limits<float>::quiet_NaN());
    cells_.x0 = layout.t0, cells_.x1 = layout.t1, cells_.y0 = 0, cells_.y1 = rows;
    grid_row_.resize(static_cast<std::size_t>(rows));
    grid_first_.resize(static_cast<std::size_t>(height) + 1);
    row_class_.resize(static_cast<std::size_t>(height));
    for (int g = 0; g <= height; ++g)
        grid_first_[static_cast<std::size_t>(g)] =
            static_cast<int>(static_cast<std::int64_t>(g) * rows / height);
    for (int g = 0; g < height; ++g) {
        for (int row = grid_first_[static_cast<std::size_t>(g)];
             row < grid_first_[static_cast<std::size_t>(g) + 1]; ++row)
            grid_row_[static_cast<std::size_t>(row)] = g;
        const int p = population_of_neuron(
            *view_, first_neuron_of_row(*view_, grid_first_[static_cast<std::size_t>(g)]));
        row_class_[static_cast<std::size_t>(g)] = static_cast<float>(palette_[static_cast<std::size_t>(p)]);
    }
    merged_.resize(static_cast<std::size_t>(words));
    const std::int64_t first = first_column(r);
    for (int x = 0; x < width; ++x) {
        std::fill(merged_.begin(), merged_.end(), 0);
        const int c0 = static_cast<int>(static_cast<std::int64_t>(x) * kColumns / width);
        const int c1 = static_cast<int>(static_cast<std::int64_t>(x + 1) * kColumns / width);
        for (int c = c0; c < c1; ++c) {
            if (first + c < 0) continue; // before the run began
            const std::size_t at =
                static_cast<std::size_t>((first + c) % kColumns) * static_cast<std::size_t>(words);
            for (int w = 0; w < words; ++w)
                merged_[static_cast<std::size_t>(w)] |= r.bits[at + static_cast<std::size_t>(w)];
        }
        for (int row = next_set(merged_, 0, rows); row < rows;) {
            const int g = grid_row_[static_cast<std::size_t>(row)];
            cells_.values[static_cast<std::size_t>(g) * static_cast<std::size_t>(width) +
                          static_cast<std::size_t>(x)] = row_class_[static_cast<std::size_t>(g)];
            row = next_set(merged_, grid_first_[static_cast<std::size_t>(g) + 1], rows);
        }
    }
}

void RasterDrawing::draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const {
    if (view_ == nullptr || view_->populations.empty()) return;
    const DiagramInk ink = diagram_ink(style);
    const plot::Theme& theme = style.colors();
    const float font = style.font_size;
    const RasterLayout layout = lay_out_raster(*view_, min, max, font, CanvasMeasure(canvas));
    population_palette(*view_, palette_);
    // Bands: every other population faintly shaded, its name beside it, a line between populations.
    // Opaque, so it reads the same in the app and in a PNG; none on a transparent figure.
    const plot::Rgba band = theme.transparent() ? 0 : plot::mix(theme.background, theme.text, 0.07f);
    for (std::size_t p = 0; p < view_->populations.size(); ++p) {
        const PopulationView& pop = view_->populations[p];
        const float top = layout.row_y(row_of_neuron(*view_, pop.first));
        const float bottom = pop.first + pop.size >= view_->neurons
                                 ? layout.data_max.y
                                 : layout.row_y(row_of_neuron(*view_, pop.first + pop.size));
        if (p % 2 == 1)
            canvas.fill_rect(ImVec2(layout.data_min.x, top), ImVec2(layout.data_max.x, bottom), band);
        if (p > 0)
            canvas.line(ImVec2(layout.data_min.x, top), ImVec2(layout.data_max.x, top), theme.frame,
                        ink.unit);
        if (bottom - top >= font)
            canvas.text(ImVec2(layout.data_min.x - font * 0.4f, (top + bottom) * 0.5f - font * 0.5f),
                        pop.name, font, palette_color(palette_[p], theme), 1.f);
    }
    if (view_->raster.rows > 0 &&
        view_->raster.bits.size() >=
            static_cast<std::size_t>(kColumns) * static_cast<std::size_t>(view_->raster.words_per_column)) {
        // No more cells than pixels (times the export's scale), nor than the bitmap has.
        const int width = std::clamp(static_cast<int>(layout.data_max.x - layout.data_min.x), 1, kColumns);
        const int height =
            std::clamp(static_cast<int>(layout.data_max.y - layout.data_min.y), 1, view_->raster.rows);
        reduce(layout, width, height);
        canvas.heatmap(layout.data_min, layout.data_max, cells_, 0.f, 1.f);
    }
    draw_followed(canvas, layout, style, ink);
    canvas.rect(layout.data_min, layout.data_max, theme.frame, ink.unit);
    draw_x_axis(canvas, layout.data_min, layout.data_max, layout.t0, layout.t1, "simulated time (s)", style,
                ink);
}

// A tick per exact spike over the neuron's row (at least half a line tall, so one row of a thousand still
// shows), and the neuron's number at the right.
void RasterDrawing::draw_followed(plot::Canvas& canvas, const RasterLayout& layout,
                                  const plot::DrawStyle& style, const DiagramInk& ink) const {
    const float font = style.font_size;
    for (const FollowedNeuron& f : view_->followed) {
        const int row = row_of_neuron(*view_, f.neuron);
        const float top = layout.row_y(row), bottom = layout.row_y(row + 1);
        const float mid = (top + bottom) * 0.5f, half = std::max((bottom - top) * 0.5f, font * 0.3f);
        for (float t : f.spikes) {
            if (t < layout.t0 || t > layout.t1) continue;
            const float x = x_of(t, layout.t0, layout.t1, layout.data_min.x, layout.data_max.x);
            canvas.line(ImVec2(x, mid - half), ImVec2(x, mid + half), ink.text, 1.5f * ink.unit);
        }
        canvas.line(ImVec2(layout.data_max.x, mid), ImVec2(layout.data_max.x + font * 0.4f, mid), ink.text,
                    ink.unit);
        char label[16];
        const auto end = fmt::format_to_n(label, sizeof label - 1, "{}", f.neuron).out;
        *end = '\0';
        canvas.text(ImVec2(layout.data_max.x + font * 0.5f, mid - font * 0.5f), label, font * 0.85f, ink.text,
                    0.f);
    }
}

void RasterDrawing::write_csv(std::string& out) const {
    if (view_ == nullptr) return;
    const SpikeRasterView& r = view_->raster;
    auto it = std::back_inserter(out);
    out += "row,first_neuron,population,column,time_s\n";
    const std::int64_t first = first_column(r);
    if (r.rows > 0 &&
        r.bits.size() >= static_cast<std::size_t>(kColumns) * static_cast<std::size_t>(r.words_per_column))
        for (int row = 0; row < r.rows; ++row) {
            const std::uint32_t neuron = first_neuron_of_row(*view_, row);
            const std::string& population =
                view_->populations[static_cast<std::size_t>(population_of_neuron(*view_, neuron))].name;
            for (std::int64_t c = std::max<std::int64_t>(first, 0); c <= static_cast<std::int64_t>(r.newest);
                 ++c)
                if (r.test(static_cast<std::uint64_t>(c), row))
                    fmt::format_to(it, "{},{},{},{},{}\n", row, neuron, population, c,
                                   static_cast<double>(c) * r.column_seconds);
        }
    out += "neuron,spike_time_s\n";
    for (const FollowedNeuron& f : view_->followed)
        for (float t : f.spikes) fmt::format_to(it, "{},{}\n", f.neuron, t);
}

} // namespace phasor::ui
