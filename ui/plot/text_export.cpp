// The SVG export (draw_plot onto a canvas that writes SVG elements) and the CSV export of the numbers behind
// a plot.
#include "ui/plot/text_export.hpp"

#include "ui/plot/canvas.hpp"
#include "ui/plot/drawing.hpp"
#include "ui/plot/smoothing.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <iterator>

namespace phasor::plot {
namespace {

// Where SVG text sits relative to the top of its line: the baseline of a typical sans-serif face, so text
// lines up with the ImGui rendering whose anchor is the top of the line.
constexpr float baseline = 0.82f;

void append_escaped(std::string& out, std::string_view text) {
    for (char ch : text) {
        switch (ch) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&apos;";
            break;
        default:
            // XML 1.0 forbids most control characters even when escaped.
            out += static_cast<unsigned char>(ch) < 0x20 && ch != '\t' ? ' ' : ch;
        }
    }
}

class SvgCanvas final : public Canvas {
  public:
    explicit SvgCanvas(std::string& out) : out_(out) {}

    // The viewer's font decides the real width; this only sizes margins, and text is placed by anchor, so an
    // estimate from an average sans-serif advance is enough.
    float text_width(std::string_view text, float size) override {
        auto glyphs = std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; });
        return 0.56f * size * static_cast<float>(glyphs);
    }
    void text(ImVec2 anchor, std::string_view text, float size, Rgba color, float align) override {
        const char* anchor_name = align < 0.25f ? "start" : align > 0.75f ? "end" : "middle";
        emit("<text x=\"{:.2f}\" y=\"{:.2f}\" font-size=\"{:.2f}\" text-anchor=\"{}\"", anchor.x,
             anchor.y + size * baseline, size, anchor_name);
        paint("fill", color);
        out_ += '>';
        append_escaped(out_, text);
        out_ += "</text>\n";
    }
    void text_vertical(ImVec2 center, std::string_view text, float size, Rgba color) override {
        emit("<text transform=\"translate({:.2f} {:.2f}) rotate(-90)\" y=\"{:.2f}\" font-size=\"{:.2f}\" "
             "text-anchor=\"middle\"",
             center.x, center.y, size * (baseline - 0.5f), size);
        paint("fill", color);
        out_ += '>';
        append_escaped(out_, text);
        out_ += "</text>\n";
    }
    void line(ImVec2 a, ImVec2 b, Rgba color, float width) override {
        emit("<line x1=\"{:.2f}\" y1=\"{:.2f}\" x2=\"{:.2f}\" y2=\"{:.2f}\" stroke-width=\"{:.2f}\"", a.x,
             a.y, b.x, b.y, width);
        paint("stroke", color);
        out_ += "/>\n";
    }
    void polyline(std::span<const ImVec2> points, Rgba color, float width) override {
        out_ += "<polyline points=\"";
        for (const ImVec2& p : points) emit("{:.2f},{:.2f} ", p.x, p.y);
        emit("\" fill=\"none\" stroke-width=\"{:.2f}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"",
             width);
        paint("stroke", color);
        out_ += "/>\n";
    }
    void rect(ImVec2 min, ImVec2 max, Rgba color, float width) override {
        box(min, max);
        emit(" fill=\"none\" stroke-width=\"{:.2f}\"", width);
        paint("stroke", color);
        out_ += "/>\n";
    }
    void fill_rect(ImVec2 min, ImVec2 max, Rgba color) override {
        box(min, max);
        paint("fill", color);
        out_ += "/>\n";
    }
    void disc(ImVec2 center, float radius, Rgba fill, Rgba outline, float outline_width) override {
        emit("<circle cx=\"{:.2f}\" cy=\"{:.2f}\" r=\"{:.2f}\"", center.x, center.y, radius);
        fill_and_outline(fill, outline, outline_width);
    }
    void box(ImVec2 min, ImVec2 max, float rounding, Rgba fill, Rgba outline, float outline_width) override {
        this->box(min, max);
        if (rounding > 0) emit(" rx=\"{:.2f}\"", rounding);
        fill_and_outline(fill, outline, outline_width);
    }
    void heatmap(ImVec2 min, ImVec2 max, const Heatmap& map, float lo, float hi) override {
        // Cells meet exactly; crisp edges keep renderers from anti-aliasing seams between them.
        out_ += "<g shape-rendering=\"crispEdges\">\n";
        float w = (max.x - min.x) / static_cast<float>(map.cols),
              h = (max.y - min.y) / static_cast<float>(map.rows);
        for (int r = 0; r < map.rows; ++r) {
            float y0 = min.y + h * static_cast<float>(r), y1 = min.y + h * static_cast<float>(r + 1);
            if (y0 > clip_max_.y || y1 < clip_min_.y) continue;
            for (int c = 0; c < map.cols; ++c) {
                float x0 = min.x + w * static_cast<float>(c), x1 = min.x + w * static_cast<float>(c + 1);
                if (x0 > clip_max_.x || x1 < clip_min_.x) continue;
                Rgba color = cell_color(map,
                                        static_cast<std::size_t>(r) * static_cast<std::size_t>(map.cols) +
                                            static_cast<std::size_t>(c),
                                        lo, hi);
                if ((color >> 24) != 0) fill_rect({x0, y0}, {x1, y1}, color);
            }
        }
        out_ += "</g>\n";
    }
    void push_clip(ImVec2 min, ImVec2 max) override {
        int id = clips_++;
        emit("<clipPath id=\"clip{}\">", id);
        box(min, max);
        emit("/></clipPath>\n<g clip-path=\"url(#clip{})\">\n", id);
        clip_min_ = min, clip_max_ = max;
    }
    void pop_clip() override {
        out_ += "</g>\n";
        clip_min_ = {-1e9f, -1e9f}, clip_max_ = {1e9f, 1e9f};
    }

  private:
    template <class... Args> void emit(fmt::format_string<Args...> format, Args&&... args) {
        fmt::format_to(std::back_inserter(out_), format, std::forward<Args>(args)...);
    }
    void box(ImVec2 a, ImVec2 b) {
        emit("<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\"", std::min(a.x, b.x),
             std::min(a.y, b.y), std::fabs(b.x - a.x), std::fabs(b.y - a.y));
    }
    void fill_and_outline(Rgba fill, Rgba outline, float outline_width) {
        if ((fill >> 24) != 0)
            paint("fill", fill);
        else
            out_ += " fill=\"none\"";
        if ((outline >> 24) != 0 && outline_width > 0) {
            emit(" stroke-width=\"{:.2f}\"", outline_width);
            paint("stroke", outline);
        }
        out_ += "/>\n";
    }
    void paint(const char* property, Rgba c) {
        emit(" {}=\"#{:02x}{:02x}{:02x}\"", property, c & 0xFF, c >> 8 & 0xFF, c >> 16 & 0xFF);
        unsigned alpha = c >> 24;
        if (alpha != 255) emit(" {}-opacity=\"{:.3f}\"", property, alpha / 255.0);
    }

    std::string& out_;
    int clips_ = 0;
    ImVec2 clip_min_{-1e9f, -1e9f}, clip_max_{1e9f, 1e9f};
};

// RFC 4180: a field with a separator, quote or line break is quoted, its quotes doubled.
void append_field(std::string& out, std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += field;
        return;
    }
    out += '"';
    for (char ch : field) {
        if (ch == '"') out += '"';
        out += ch;
    }
    out += '"';
}

// Shortest text that reads back to the same value (never fewer digits than %.9g needs for a float).
template <class T> void append_number(std::string& out, T v) {
    fmt::format_to(std::back_inserter(out), "{}", v);
}

// Last, with a header of its own, so a reader that only wants the data can stop at it.
std::string markers_block(const Plot& plot, std::string& out) {
    if (plot.markers != nullptr && !plot.markers->empty()) {
        if (!out.empty()) out += '\n';
        out += "marker_x,marker_label\n";
        for (const Marker& marker : *plot.markers) {
            append_number(out, marker.x);
            out += ',';
            append_field(out, marker.label);
            out += '\n';
        }
    }
    return std::move(out);
}

} // namespace

std::string to_svg(const Plot& plot, const PlotView& view, float width, float height) {
    Figure figure;
    figure.width = width;
    figure.height = height;
    return to_svg(plot, view, figure);
}

std::string to_svg(const Plot& plot, const PlotView& view, const Figure& figure) {
    std::string out;
    const float width = figure.width, height = figure.height;
    out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" ";
    // Physically sized: a document places it at that size, and everything inside is in the viewBox's pixels.
    if (figure.width_mm > 0 && figure.height_mm > 0)
        fmt::format_to(std::back_inserter(out), "width=\"{:.2f}mm\" height=\"{:.2f}mm\" ", figure.width_mm,
                       figure.height_mm);
    else
        fmt::format_to(std::back_inserter(out), "width=\"{:.0f}\" height=\"{:.0f}\" ", width, height);
    fmt::format_to(
        std::back_inserter(out),
        "viewBox=\"0 0 {:.0f} {:.0f}\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n", width,
        height);
    out += "<title>";
    append_escaped(out, plot.title.empty() ? plot.id : plot.title);
    out += "</title>\n";
    SvgCanvas canvas(out);
    PlotLayout layout;
    DrawStyle style;
    style.scale = figure.scale;
    style.font_size = figure.font_size;
    style.transparent = figure.transparent;
    style.theme = figure.theme;
    draw_plot(plot, view, canvas, {0, 0}, {width, height}, style, layout);
    out += "</svg>\n";
    return out;
}

std::string to_csv(const Plot& plot) {
    return to_csv(plot, PlotView{});
}

std::string to_csv(const Plot& plot, const PlotView& view) {
    std::string out;
    auto block = [&](const char* header) {
        if (!out.empty()) out += '\n';
        out += header;
        out += '\n';
    };
    if (plot.drawing != nullptr) plot.drawing->write_csv(out);
    if (!plot.lines.empty() && plot.drawing == nullptr) {
        const bool smooth = smoothing_on(view);
        block(smooth ? "series,x,y,y_smoothed" : "series,x,y");
        for (const auto& line : plot.lines) {
            if (line.data == nullptr) continue;
            Ema ema(view.smoothing); // the same average the plot draws, over every stored point
            for (const Point& p : line.data->points()) {
                append_field(out, line.name);
                out += ',';
                append_number(out, p.x);
                out += ',';
                append_number(out, p.y);
                if (smooth) {
                    out += ',';
                    append_number(out, ema.next(p.y));
                }
                out += '\n';
            }
        }
    }
    if (plot.drawing != nullptr) return markers_block(plot, out);
    for (const auto& h : plot.heatmaps) {
        const std::size_t cells = static_cast<std::size_t>(std::max(h.rows, 0)) * std::max(h.cols, 0);
        const bool strength = !h.strength.empty() && h.strength.size() >= cells;
        block(strength ? "row,col,x,y,value,strength" : "row,col,x,y,value");
        if (cells == 0 || h.values.size() < cells) continue;
        double ch = (h.y1 - h.y0) / h.rows;
        for (int r = 0; r < h.rows; ++r)
            for (int c = 0; c < h.cols; ++c) {
                const std::size_t cell = static_cast<std::size_t>(r) * h.cols + c;
                fmt::format_to(std::back_inserter(out), "{},{},{},{},{}", r, c,
                               (column_edge(h, c) + column_edge(h, c + 1)) / 2, h.y1 - (r + 0.5) * ch,
                               h.values[cell]);
                if (strength) fmt::format_to(std::back_inserter(out), ",{}", h.strength[cell]);
                out += '\n';
            }
    }
    for (const auto& bars : plot.bars) {
        block("label,value");
        for (std::size_t i = 0; i < bars.values.size(); ++i) {
            append_field(out, i < bars.labels.size() ? bars.labels[i] : std::string_view{});
            out += ',';
            append_number(out, bars.values[i]);
            out += '\n';
        }
    }
    for (const auto& h : plot.histograms) {
        block("lo,hi,count");
        for (std::size_t i = 0; i + 1 < h.edges.size() && i < h.counts.size(); ++i)
            fmt::format_to(std::back_inserter(out), "{},{},{}\n", h.edges[i], h.edges[i + 1], h.counts[i]);
    }
    if (!plot.scatters.empty()) {
        const bool groups = std::any_of(plot.scatters.begin(), plot.scatters.end(),
                                        [](const Scatter& sc) { return !sc.groups.empty(); });
        block(groups ? "series,x,y,group" : "series,x,y");
        for (const auto& sc : plot.scatters)
            for (std::size_t k = 0; k < std::min(sc.x.size(), sc.y.size()); ++k) {
                append_field(out, sc.name);
                fmt::format_to(std::back_inserter(out), ",{},{}", sc.x[k], sc.y[k]);
                if (groups && k < sc.groups.size())
                    fmt::format_to(std::back_inserter(out), ",{}", sc.groups[k]);
                else if (groups)
                    out += ',';
                out += '\n';
            }
    }
    return markers_block(plot, out);
}

} // namespace phasor::plot
