// Update raster drawing (update_raster_drawing.hpp).
#include "ui/panels/rules/update_raster_drawing.hpp"

#include "ui/panels/rules/rules_ui.hpp"
#include "ui/panels/spiking/spiking_look.hpp" // draw_x_axis: the same time axis as the spike raster's

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <iterator>
#include <limits>

namespace phasor::ui {

namespace {

constexpr int kColumns = UpdateRasterView::kColumns;

// The tick at the left edge: the ring's oldest, negative until the run has made kColumns ticks.
std::int64_t first_tick(const UpdateRasterView& raster) {
    return static_cast<std::int64_t>(raster.newest) + 1 - kColumns;
}

bool has_cells(const UpdateRasterView& r) {
    return r.rows > 0 && r.cells.size() >= static_cast<std::size_t>(r.rows) * kColumns;
}

} // namespace

int UpdateRasterLayout::layer_of_row(int row) const {
    const auto it = std::upper_bound(first_row.begin(), first_row.end(), row);
    return std::max(0, static_cast<int>(it - first_row.begin()) - 1);
}

float UpdateRasterLayout::row_y(int row) const {
    if (rows <= 0 || first_row.empty()) return data_min.y;
    if (row >= rows) return band_top.back();
    const int l = layer_of_row(row);
    const int first = first_row[static_cast<std::size_t>(l)];
    const int next = l + 1 < layers() ? first_row[static_cast<std::size_t>(l) + 1] : rows;
    const float top = band_top[static_cast<std::size_t>(l)],
                bottom = band_top[static_cast<std::size_t>(l) + 1];
    return top +
           (bottom - top) * static_cast<float>(row - first) / static_cast<float>(std::max(next - first, 1));
}

int UpdateRasterLayout::row_at(float y) const {
    if (rows <= 0 || first_row.empty() || y < data_min.y || y >= data_max.y) return -1;
    int l =
        static_cast<int>(std::upper_bound(band_top.begin(), band_top.end() - 1, y) - band_top.begin()) - 1;
    l = std::clamp(l, 0, layers() - 1);
    const int first = first_row[static_cast<std::size_t>(l)];
    const int next = l + 1 < layers() ? first_row[static_cast<std::size_t>(l) + 1] : rows;
    const float top = band_top[static_cast<std::size_t>(l)],
                bottom = band_top[static_cast<std::size_t>(l) + 1];
    if (!(bottom > top)) return first;
    const int in = static_cast<int>((y - top) / (bottom - top) * static_cast<float>(next - first));
    return std::clamp(first + in, first, std::max(first, next - 1));
}

void lay_out_update_raster(const RulesView& view, ImVec2 min, ImVec2 max, float font,
                           const TextMeasure& measure, UpdateRasterLayout& out) {
    float names = 0.f;
    for (const std::string& name : view.layer_names) names = std::max(names, measure.width(name, font));
    const float gutter = std::min(names, font * 9.f) + font * 0.8f;
    // A line above for the colour scale's caption, the time axis below.
    out.data_min = ImVec2(std::round(min.x + gutter), std::round(min.y + font * 1.6f));
    out.data_max = ImVec2(std::round(std::max(out.data_min.x + 1.f, max.x - font * 0.6f)),
                          std::round(std::max(out.data_min.y + 1.f, max.y - font * 2.8f)));
    const UpdateRasterView& r = view.raster;
    out.rows = std::max(r.rows, 0);
    out.t1 = static_cast<double>(r.newest) + 1.0;
    out.t0 = out.t1 - kColumns;
    // The layers' first rows as given, keeping only those that start a non-empty band inside the raster.
    out.first_row.clear();
    for (int first : r.layer_first_row)
        if (first >= 0 && first < out.rows && (out.first_row.empty() || first > out.first_row.back()))
            out.first_row.push_back(first);
    if (out.first_row.empty() || out.first_row.front() != 0) out.first_row.insert(out.first_row.begin(), 0);
    const int layers = out.layers();
    const float height = out.data_max.y - out.data_min.y;
    // Bands in proportion to their rows, but none thinner than a label (while the area has room for that):
    // the small bands take the least, the rest share what is left by their rows.
    const float least = std::min(font * 1.4f, height / static_cast<float>(layers));
    const auto count = [&](int l) {
        const int next = l + 1 < layers ? out.first_row[static_cast<std::size_t>(l) + 1] : out.rows;
        return next - out.first_row[static_cast<std::size_t>(l)];
    };
    float fixed = 0.f;
    int rest_rows = 0;
    for (int l = 0; l < layers; ++l) {
        const float share =
            out.rows > 0 ? height * static_cast<float>(count(l)) / static_cast<float>(out.rows) : 0;
        if (share < least)
            fixed += least;
        else
            rest_rows += count(l);
    }
    out.band_top.resize(static_cast<std::size_t>(layers) + 1);
    float y = out.data_min.y;
    for (int l = 0; l < layers; ++l) {
        out.band_top[static_cast<std::size_t>(l)] = y;
        const float share =
            out.rows > 0 ? height * static_cast<float>(count(l)) / static_cast<float>(out.rows) : 0;
        y += share < least || rest_rows == 0
                 ? least
                 : (height - fixed) * static_cast<float>(count(l)) / static_cast<float>(rest_rows);
    }
    out.band_top[static_cast<std::size_t>(layers)] = out.data_max.y;
}

// One pixel row at a time: the raster rows it covers (at least one), their cells folded into the pixel
// columns by the largest fraction, so a frame costs the rows times the ticks, never more.
void UpdateRasterDrawing::reduce(int width, int height) const {
    const UpdateRasterView& r = view_->raster;
    const UpdateRasterLayout& layout = layout_;
    cells_.cols = width;
    cells_.rows = height;
    cells_.colormap = plot::Colormap::Classes;
    constexpr float nan = std::numeric_limits<float>::quiet_NaN();
    cells_.values.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), nan);
    cells_.strength.assign(cells_.values.size(), 0.f);
    cells_.x0 = layout.t0, cells_.x1 = layout.t1, cells_.y0 = 0, cells_.y1 = r.rows;
    pixel_first_.resize(static_cast<std::size_t>(height) + 1);
    pixel_class_.resize(static_cast<std::size_t>(height));
    const float top = layout.data_min.y, span = layout.data_max.y - layout.data_min.y;
    for (int g = 0; g < height; ++g) {
        const float y = top + span * (static_cast<float>(g) + 0.5f) / static_cast<float>(height);
        const int row = std::max(layout.row_at(y), 0);
        pixel_first_[static_cast<std::size_t>(g)] = row;
        pixel_class_[static_cast<std::size_t>(g)] =
            static_cast<float>(layer_palette_index(static_cast<std::size_t>(layout.layer_of_row(row))));
    }
    pixel_first_[static_cast<std::size_t>(height)] = r.rows;
    peak_ = 0.f;
    for (float f : r.cells) peak_ = std::max(peak_, f);
    if (!(peak_ > 0.f)) return;
    const std::int64_t first = first_tick(r);
    for (int g = 0; g < height; ++g) {
        const int row0 = pixel_first_[static_cast<std::size_t>(g)];
        const int row1 = std::max(row0 + 1, pixel_first_[static_cast<std::size_t>(g) + 1]);
        float* values = cells_.values.data() + static_cast<std::size_t>(g) * static_cast<std::size_t>(width);
        float* strength =
            cells_.strength.data() + static_cast<std::size_t>(g) * static_cast<std::size_t>(width);
        for (int x = 0; x < width; ++x) {
            const int c0 = static_cast<int>(static_cast<std::int64_t>(x) * kColumns / width);
            const int c1 =
                std::max(c0 + 1, static_cast<int>(static_cast<std::int64_t>(x + 1) * kColumns / width));
            float most = 0.f;
            for (int row = row0; row < row1 && row < r.rows; ++row)
                for (int c = c0; c < c1; ++c)
                    if (first + c >= 0)
                        most = std::max(most, r.at(row, static_cast<std::uint64_t>(first + c)));
            if (most > 0.f) {
                values[x] = pixel_class_[static_cast<std::size_t>(g)];
                // Faintest at 30 %: one connection of a thousand firing is an event worth seeing.
                strength[x] = 0.3f + 0.7f * std::min(most / peak_, 1.f);
            }
        }
    }
}

void UpdateRasterDrawing::draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max,
                               const plot::DrawStyle& style) const {
    if (view_ == nullptr) return;
    const DiagramInk ink = diagram_ink(style);
    const plot::Theme& theme = style.colors();
    const float font = style.font_size;
    lay_out_update_raster(*view_, min, max, font, CanvasMeasure(canvas), layout_);
    const UpdateRasterLayout& layout = layout_;
    const UpdateRasterView& r = view_->raster;
    if (!has_cells(r)) {
        canvas.text(ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f - font * 0.5f),
                    "No update raster for this variant yet", font, ink.dim, 0.5f);
        return;
    }
    // Bands: every other layer faintly shaded, its name beside it in its colour, a line between layers.
    // Opaque, so it reads the same in the app and in a PNG; none on a transparent figure.
    const plot::Rgba band = theme.transparent() ? 0 : plot::mix(theme.background, theme.text, 0.07f);
    for (int l = 0; l < layout.layers(); ++l) {
        const float band_top = layout.band_top[static_cast<std::size_t>(l)];
        const float band_bottom = layout.band_top[static_cast<std::size_t>(l) + 1];
        if (l % 2 == 1)
            canvas.fill_rect(ImVec2(layout.data_min.x, band_top), ImVec2(layout.data_max.x, band_bottom),
                             band);
        if (l > 0)
            canvas.line(ImVec2(layout.data_min.x, band_top), ImVec2(layout.data_max.x, band_top), theme.frame,
                        ink.unit);
        if (static_cast<std::size_t>(l) < view_->layer_names.size() &&
            band_bottom - band_top >= font * 0.9f) {
            const int index = layer_palette_index(static_cast<std::size_t>(l));
            canvas.text(
                ImVec2(layout.data_min.x - font * 0.4f, (band_top + band_bottom) * 0.5f - font * 0.5f),
                view_->layer_names[static_cast<std::size_t>(l)], font,
                theme.series(plot::series_color(index), index), 1.f);
        }
    }
    // No more cells than pixels (times the export's scale), nor columns than ticks.
    const int width = std::clamp(static_cast<int>(layout.data_max.x - layout.data_min.x), 1, kColumns);
    const int height = std::clamp(static_cast<int>(layout.data_max.y - layout.data_min.y), 1, 4096);
    reduce(width, height);
    if (peak_ > 0.f) canvas.heatmap(layout.data_min, layout.data_max, cells_, 0.f, 1.f);
    canvas.rect(layout.data_min, layout.data_max, theme.frame, ink.unit);
    // The scale in words above the area: what full colour means in this window.
    char caption[96];
    const auto end =
        peak_ > 0.f
            ? fmt::format_to_n(caption, sizeof caption - 1,
                               "full colour: {:.3g}% of a neuron's inputs on one tick",
                               static_cast<double>(peak_) * 100.0)
                  .out
            : fmt::format_to_n(caption, sizeof caption - 1, "no connection changed in this window").out;
    *end = '\0';
    canvas.text(ImVec2(layout.data_max.x, min.y + font * 0.2f), caption, font, ink.dim, 1.f);
    draw_x_axis(canvas, layout.data_min, layout.data_max, layout.t0, layout.t1, "tick (training step)", style,
                ink);
}

void UpdateRasterDrawing::write_csv(std::string& out) const {
    if (view_ == nullptr) return;
    const UpdateRasterView& r = view_->raster;
    out += "layer,row,neuron_in_layer,tick,fraction\n";
    if (!has_cells(r)) return;
    auto it = std::back_inserter(out);
    const std::vector<int>& firsts = r.layer_first_row;
    for (int row = 0; row < r.rows; ++row) {
        int layer = 0;
        while (static_cast<std::size_t>(layer) + 1 < firsts.size() &&
               firsts[static_cast<std::size_t>(layer) + 1] <= row)
            ++layer;
        const int neuron = row - (firsts.empty() ? 0 : firsts[static_cast<std::size_t>(layer)]);
        const std::string_view name =
            static_cast<std::size_t>(layer) < view_->layer_names.size()
                ? std::string_view(view_->layer_names[static_cast<std::size_t>(layer)])
                : std::string_view();
        for (std::int64_t t = std::max<std::int64_t>(first_tick(r), 0);
             t <= static_cast<std::int64_t>(r.newest); ++t) {
            const float f = r.at(row, static_cast<std::uint64_t>(t));
            if (f > 0.f) fmt::format_to(it, "{},{},{},{},{}\n", name, row, neuron, t, f);
        }
    }
}

} // namespace phasor::ui
