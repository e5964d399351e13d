// Event markers (Plot::markers): a thin line across the data area at each marker's x and its label in a
// small box along the top, laid out so that labels never overlap.
#include "ui/plot/canvas.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace phasor::plot {
namespace {

// Lengths in font sizes, so labels scale with the UI and the export scale the way the text in them does.
constexpr float pad_x = 0.3f, pad_y = 0.15f;    // inside a label's box
constexpr float row_gap = 0.2f, top_gap = 0.3f; // between rows, and above the first
constexpr float label_gap = 0.5f;               // the least space between two labels in a row
constexpr float widest_label = 16.f;            // a longer label is shortened (hovering shows all of it)
constexpr int most_rows = 3;
constexpr float label_band = 0.4f; // of the data area's height: the labels leave the rest to the data

struct Visible {
    float px;
    std::size_t index;
};

// `label`'s first line, shortened with "..." to at most `max_width`; empty when not even one character fits.
// The result views `label` or `scratch`.
std::string_view fit_label(Canvas& canvas, std::string_view label, float size, float max_width,
                           std::string& scratch) {
    label = label.substr(0, label.find_first_of("\r\n"));
    if (canvas.text_width(label, size) <= max_width) return label;
    constexpr std::string_view ellipsis = "..."; // the atlas fonts may lack U+2026
    const float room = max_width - canvas.text_width(ellipsis, size);
    // Character by character (no kerning in either canvas, so widths add up): linear in the label's length.
    float used = 0;
    std::size_t keep = 0;
    for (std::size_t at = 0; at < label.size();) {
        std::size_t next = at + 1;
        while (next < label.size() && (static_cast<unsigned char>(label[next]) & 0xC0) == 0x80) ++next;
        used += canvas.text_width(label.substr(at, next - at), size);
        if (used > room) break;
        keep = at = next;
    }
    while (keep > 0 && label[keep - 1] == ' ') --keep;
    if (keep == 0) return {};
    scratch.assign(label.substr(0, keep));
    scratch += ellipsis;
    return scratch;
}

} // namespace

// Labels are placed greedily from the rightmost marker leftwards (ties: the later marker in the list first),
// each into the topmost row where it keeps `label_gap` from the labels already there and from the legend; a
// label that fits in no row is dropped and only its line is drawn. Right to left so that, in a live run, the
// newest events keep their labels when the plot gets crowded. A label's box starts at its line and runs
// right, shifted left where it would cross the right edge of the data area.
void draw_markers(const Plot& plot, const Mapping& map, Canvas& canvas, const DrawStyle& style,
                  ImVec2 keep_clear_min, ImVec2 keep_clear_max,
                  std::vector<PlotLayout::MarkerLabel>& labels) {
    labels.clear();
    if (plot.markers == nullptr || plot.markers->empty()) return;
    thread_local std::vector<Visible> visible; // kept between frames so drawing allocates nothing
    thread_local std::string shortened;
    const std::vector<Marker>& markers = *plot.markers;
    visible.clear();
    for (std::size_t i = 0; i < markers.size(); ++i) {
        double x = markers[i].x;
        if (std::isfinite(x) && x >= map.x_lo && x <= map.x_hi) visible.push_back({map.px(x), i});
    }
    if (visible.empty()) return;
    std::sort(visible.begin(), visible.end(), [](const Visible& a, const Visible& b) {
        return a.px != b.px ? a.px > b.px : a.index > b.index;
    });

    const Theme& theme = style.colors();
    for (const Visible& v : visible) {
        Rgba c = theme.marker(markers[v.index]);
        int alpha = std::min(static_cast<int>(c >> 24), theme.event_line_alpha);
        canvas.line({v.px, map.min.y}, {v.px, map.max.y}, with_alpha(c, alpha), style.scale);
    }

    const float fs = style.font_size, width = map.max.x - map.min.x;
    const float box_h = fs * (1 + 2 * pad_y), pitch = box_h + fs * row_gap;
    const int rows = std::min(most_rows, static_cast<int>((map.max.y - map.min.y) * label_band / pitch));
    const float max_text = std::min(fs * widest_label, width - 2 * fs * pad_x);
    if (rows <= 0 || max_text <= 0) return;
    const bool keep_clear = keep_clear_max.x > keep_clear_min.x && keep_clear_max.y > keep_clear_min.y;
    float row_left[most_rows]; // the left end of the leftmost label in each row so far
    std::fill(std::begin(row_left), std::end(row_left), std::numeric_limits<float>::infinity());
    for (const Visible& v : visible) {
        const Marker& marker = markers[v.index];
        std::string_view text = fit_label(canvas, marker.label, fs, max_text, shortened);
        if (text.empty()) continue;
        float w = canvas.text_width(text, fs) + 2 * fs * pad_x;
        // Whole pixels: the box's left edge then falls on its line, which the screen draws on a pixel centre.
        float left = std::floor(std::max(map.min.x, std::min(v.px, map.max.x - w))), right = left + w;
        auto top_of = [&](int row) {
            return std::round(map.min.y + fs * top_gap + static_cast<float>(row) * pitch);
        };
        auto fits = [&](int row) {
            float top = top_of(row), gap = fs * label_gap;
            bool on_legend = keep_clear && left < keep_clear_max.x + gap && right + gap > keep_clear_min.x &&
                             top < keep_clear_max.y + gap && top + box_h + gap > keep_clear_min.y;
            return right + gap <= row_left[row] && !on_legend;
        };
        int row = 0;
        while (row < rows && !fits(row)) ++row;
        if (row == rows) continue;
        row_left[row] = left;
        float top = top_of(row);
        ImVec2 min{left, top}, max{right, top + box_h};
        canvas.fill_rect(min, max, theme.event_label_fill);
        canvas.rect(min, max, theme.marker(marker), style.scale);
        canvas.text({left + fs * pad_x, top + fs * pad_y}, text, fs, theme.text, 0);
        labels.push_back({v.index, row, min, max});
    }
}

} // namespace phasor::plot
