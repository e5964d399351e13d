// Credit-assignment lens bars (lens_drawing.hpp).
#include "ui/panels/rules/lens_drawing.hpp"

#include "ui/panels/rules/variant_colours.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <iterator>

namespace phasor::ui {

namespace {

// A key entry: a swatch, a gap and the name, then room before the next.
float entry_width(const TextMeasure& measure, const std::string& name, float font) {
    return font * 1.3f + measure.width(name, font) + font * 1.2f;
}

} // namespace

float LensBarsLayout::y_of(double degrees) const {
    return data_max.y - static_cast<float>(std::clamp(degrees / top, 0.0, 1.0)) * (data_max.y - data_min.y);
}

float LensBarsLayout::bar_width() const {
    const float group = (data_max.x - data_min.x) / static_cast<float>(std::max(layers, 1));
    return group * 0.8f / static_cast<float>(std::max(variants, 1)) * 0.9f;
}

float LensBarsLayout::bar_left(int layer, int variant) const {
    const float group = (data_max.x - data_min.x) / static_cast<float>(std::max(layers, 1));
    const float slot = group * 0.8f / static_cast<float>(std::max(variants, 1));
    return data_min.x + group * (static_cast<float>(layer) + 0.1f) +
           slot * (static_cast<float>(variant) + 0.05f);
}

void lay_out_lens_bars(const RulesView& view, ImVec2 min, ImVec2 max, float font, const TextMeasure& measure,
                       LensBarsLayout& out) {
    out.variants = static_cast<int>(view.variants.size());
    out.layers = static_cast<int>(view.layer_names.size());
    for (const VariantView& v : view.variants)
        out.layers = std::max(out.layers, static_cast<int>(v.lens_degrees.size()));
    // Up to 90° at least, so the line that means "orthogonal" is always on the chart; past it in steps of
    // 30°.
    double largest = 0;
    for (const VariantView& v : view.variants)
        for (float d : v.lens_degrees)
            if (std::isfinite(d)) largest = std::max(largest, static_cast<double>(d));
    out.top = std::clamp(std::ceil(largest / 30.0) * 30.0, 90.0, 180.0);
    const float gutter = font * 1.5f + measure.width("180°", font) + font * 0.6f;
    // The key, from the bars' left edge, wraps onto as many rows as the width needs.
    const float width = max.x - std::round(min.x + gutter) - font * 0.5f;
    float x = 0.f;
    int rows = out.variants > 1 ? 1 : 0;
    for (const VariantView& v : view.variants) {
        const float w = entry_width(measure, v.name, font);
        if (x > 0.f && x + w > width) ++rows, x = 0.f;
        x += w;
    }
    out.legend_row = font * 1.4f;
    out.legend_top = min.y + font * 0.3f;
    out.data_min.x = std::round(min.x + gutter);
    out.data_max.x = std::round(std::max(out.data_min.x + 1.f, max.x - font * 0.8f));
    // The layers' names: one row, two staggered rows, or short names, whichever first leaves a gap of half a
    // font size between neighbours on the same row.
    out.label_font = font;
    const float group = (out.data_max.x - out.data_min.x) / static_cast<float>(std::max(out.layers, 1));
    const float air = font * 0.5f;
    float widest = 0.f;
    for (int l = 0; l < out.layers && static_cast<std::size_t>(l) < view.layer_names.size(); ++l)
        widest = std::max(widest, measure.width(view.layer_names[static_cast<std::size_t>(l)], font));
    out.short_labels = false;
    out.label_rows = 1;
    if (widest + air > group) {
        if (widest + air <= 2.f * group && out.layers > 1) {
            out.label_rows = 2;
        } else {
            out.short_labels = true;
            char last[16];
            const auto end = fmt::format_to_n(last, sizeof last - 1, "L{}", std::max(out.layers, 1)).out;
            *end = '\0';
            if (measure.width(last, font) + air > group && out.layers > 1) out.label_rows = 2;
        }
    }
    out.data_min.y = std::round(out.legend_top + out.legend_row * static_cast<float>(rows) + font * 0.8f);
    out.data_max.y = std::round(
        std::max(out.data_min.y + 1.f, max.y - font * (0.65f + 1.15f * static_cast<float>(out.label_rows))));
    // Ticks every 30°, or every 60° or 90° where 30° would put the labels closer than a line and a bit.
    const float height = out.data_max.y - out.data_min.y;
    out.tick_step = 0;
    for (double step : {30.0, 60.0, 90.0}) {
        if (std::fmod(out.top, step) != 0.0 && step != 90.0) continue;
        if (height * static_cast<float>(step / out.top) >= font * 1.25f) {
            out.tick_step = step;
            break;
        }
    }
}

ImVec2 LensBarsLayout::label_anchor(int layer) const {
    const float group = (data_max.x - data_min.x) / static_cast<float>(std::max(layers, 1));
    const float row = label_rows > 1 && layer % 2 == 1 ? 1.f : 0.f;
    return {data_min.x + group * (static_cast<float>(layer) + 0.5f),
            data_max.y + label_font * (0.35f + 1.15f * row)};
}

std::string_view lens_layer_label(const RulesView& view, const LensBarsLayout& layout, int layer,
                                  std::span<char> buffer) {
    if (!layout.short_labels && layer >= 0 && static_cast<std::size_t>(layer) < view.layer_names.size())
        return view.layer_names[static_cast<std::size_t>(layer)];
    const auto end = fmt::format_to_n(buffer.data(), buffer.size() - 1, "L{}", layer + 1).out;
    *end = '\0';
    return {buffer.data(), static_cast<std::size_t>(end - buffer.data())};
}

void LensBarsDrawing::draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const {
    bars_.clear();
    if (view_ == nullptr) return;
    const DiagramInk ink = diagram_ink(style);
    const plot::Theme& theme = style.colors();
    const float font = style.font_size;
    lay_out_lens_bars(*view_, min, max, font, CanvasMeasure(canvas), layout_);
    const LensBarsLayout& layout = layout_;
    // The key: every variant's swatch and name, wrapping, when there is more than one.
    if (layout.variants > 1) {
        // From the bars' left edge, clear of the axis's name.
        const float x0 = layout.data_min.x;
        float x = x0, y = layout.legend_top;
        const CanvasMeasure measure(canvas);
        for (int v = 0; v < layout.variants; ++v) {
            const std::string& name = view_->variants[static_cast<std::size_t>(v)].name;
            const float w = entry_width(measure, name, font);
            if (x > min.x + font * 0.5f && x + w > max.x - font * 0.5f)
                x = min.x + font * 0.5f, y += layout.legend_row;
            const plot::Rgba colour = theme.series(variant_colour(static_cast<std::size_t>(v)), v);
            canvas.fill_rect(ImVec2(x, y + font * 0.15f), ImVec2(x + font * 0.8f, y + font * 0.95f), colour);
            canvas.text(ImVec2(x + font * 1.2f, y), name, font, theme.text, 0.f);
            x += w;
        }
    }
    // Grid every 30°, labelled every tick_step (lay_out_lens_bars()), the axis named up the left.
    for (double d = 0; d <= layout.top + 1e-9; d += 30) {
        const float y = layout.y_of(d);
        canvas.line(ImVec2(layout.data_min.x, y), ImVec2(layout.data_max.x, y), theme.grid, ink.unit);
        if (layout.tick_step <= 0 || std::fmod(d, layout.tick_step) != 0.0) continue;
        char label[16];
        const auto end = fmt::format_to_n(label, sizeof label - 1, "{:.0f}°", d).out;
        *end = '\0';
        canvas.text(ImVec2(layout.data_min.x - font * 0.4f, y - font * 0.5f), label, font, theme.tick_text,
                    1.f);
    }
    // The axis's name up the left, shortened where the chart is too short for it.
    const char* axis = "angle to the gradient";
    if (canvas.text_width(axis, font) > layout.data_max.y - layout.data_min.y) axis = "angle";
    canvas.text_vertical(ImVec2(min.x + font * 0.7f, (layout.data_min.y + layout.data_max.y) * 0.5f), axis,
                         font, theme.text);
    // The bars, each with its angle over it where the bar is wide enough to carry it.
    bool any = false;
    const float width = layout.bar_width();
    for (int l = 0; l < layout.layers; ++l)
        for (int v = 0; v < layout.variants; ++v) {
            const std::vector<float>& lens = view_->variants[static_cast<std::size_t>(v)].lens_degrees;
            const float degrees =
                static_cast<std::size_t>(l) < lens.size() ? lens[static_cast<std::size_t>(l)] : NAN;
            if (!std::isfinite(degrees)) continue; // not measured: nothing, which 0° would not say
            any = true;
            const float left = layout.bar_left(l, v);
            const ImVec2 a(left, layout.y_of(degrees)), b(left + width, layout.data_max.y);
            canvas.fill_rect(a, b, theme.series(variant_colour(static_cast<std::size_t>(v)), v));
            bars_.push_back({l, v, degrees, a, b});
            char label[16];
            const auto end = fmt::format_to_n(label, sizeof label - 1, "{:.0f}°", degrees).out;
            *end = '\0';
            // No wider than its bar: neighbouring bars touch, and their labels must not.
            if (canvas.text_width(label, font * 0.85f) <= width)
                canvas.text(ImVec2(left + width * 0.5f, a.y - font * 1.0f), label, font * 0.85f,
                            theme.tick_text, 0.5f);
        }
    // Orthogonal: no better than a random direction.
    const float y90 = layout.y_of(90);
    canvas.line(ImVec2(layout.data_min.x, y90), ImVec2(layout.data_max.x, y90), theme.text, 1.5f * ink.unit);
    // Its label where no bar or bar's angle is: along the line from the right end, above it, else below it,
    // else shortened; on the right end above the line where the bars leave no room anywhere.
    const auto clear = [&](float x0, float y0, float w) {
        for (const Bar& bar : bars_)
            if (bar.max.x > x0 && bar.min.x < x0 + w && bar.min.y - font < y0 + font && bar.max.y > y0)
                return false;
        return true;
    };
    const char* orthogonal = "90°: orthogonal";
    ImVec2 at(layout.data_max.x - font * 0.3f - canvas.text_width(orthogonal, font * 0.85f),
              y90 - font * 1.1f);
    [&] {
        for (const char* label : {"90°: orthogonal", "orthogonal"}) {
            const float w = canvas.text_width(label, font * 0.85f);
            for (const float y : {y90 - font * 1.1f, y90 + font * 0.2f})
                for (float x = layout.data_max.x - font * 0.3f - w; x >= layout.data_min.x + font * 0.3f;
                     x -= font * 0.5f)
                    if (clear(x, y, w)) {
                        orthogonal = label, at = ImVec2(x, y);
                        return;
                    }
        }
    }();
    canvas.text(at, orthogonal, font * 0.85f, theme.text, 0.f);
    canvas.line(ImVec2(layout.data_min.x, layout.data_max.y), ImVec2(layout.data_max.x, layout.data_max.y),
                theme.frame, ink.unit);
    // The layers under their groups, as the layout fitted them (staggered or shortened where needed).
    for (int l = 0; l < layout.layers && static_cast<std::size_t>(l) < view_->layer_names.size(); ++l) {
        char buffer[16];
        canvas.text(layout.label_anchor(l), lens_layer_label(*view_, layout, l, buffer), font,
                    theme.tick_text, 0.5f);
    }
    if (!any)
        canvas.text(ImVec2((layout.data_min.x + layout.data_max.x) * 0.5f,
                           (layout.data_min.y + layout.data_max.y) * 0.5f - font * 0.5f),
                    "Not measured yet", font, ink.dim, 0.5f);
}

void LensBarsDrawing::write_csv(std::string& out) const {
    if (view_ == nullptr) return;
    out += "layer,variant,degrees\n";
    auto it = std::back_inserter(out);
    for (const VariantView& v : view_->variants)
        for (std::size_t l = 0; l < v.lens_degrees.size(); ++l) {
            const std::string_view layer =
                l < view_->layer_names.size() ? std::string_view(view_->layer_names[l]) : std::string_view();
            if (std::isfinite(v.lens_degrees[l]))
                fmt::format_to(it, "{},{},{}\n", layer, v.name, v.lens_degrees[l]);
            else
                fmt::format_to(it, "{},{},\n", layer, v.name);
        }
}

} // namespace phasor::ui
