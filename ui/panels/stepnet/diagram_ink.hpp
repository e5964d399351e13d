// The colours and line unit the stepped network's diagrams (network, delay queue) draw with, taken from the
// export's theme and size, so a light export reads as well as the dark screen does.
#pragma once
#include "ui/panels/panel_style.hpp"
#include "ui/plot/canvas.hpp"
#include "ui/plot/figure.hpp"

#include <algorithm>
#include <cfloat>
#include <imgui.h>
#include <string_view>

namespace phasor::ui {

struct DiagramInk {
    plot::Rgba text, dim, frame;
    plot::Rgba good, bad; // a right and a wrong prediction
    // Line widths and paddings. Exports scale style.scale with their size; on screen it stays 1 and the font
    // grows with the UI scale instead, and the diagram's lines have always grown with it (a projector).
    float unit;
};

inline DiagramInk diagram_ink(const plot::DrawStyle& style) {
    const plot::Theme& theme = style.colors();
    const bool dark = theme.kind == plot::ThemeKind::Dark;
    return {.text = theme.text,
            // Between the tick labels and the hidden legend entries: still 4.5:1 on white.
            .dim = plot::mix(theme.tick_text, theme.hidden, 0.5f),
            .frame = theme.frame,
            // The screen's status colours are too light on white: darker ones of the same hues there.
            .good = dark ? ImGui::ColorConvertFloat4ToU32(kGoodColor) : plot::rgba(24, 128, 56),
            .bad = dark ? ImGui::ColorConvertFloat4ToU32(kErrorColor) : plot::rgba(192, 40, 40),
            .unit = std::max(style.scale, style.font_size / plot::kScreenFontPixels)};
}

// Measures text for a layout: the canvas's measure while drawing, the screen font's for a hover readout that
// has to find the marks where the screen put them.
class TextMeasure {
  public:
    virtual ~TextMeasure() = default;
    virtual float width(std::string_view text, float size) const = 0;
};

class CanvasMeasure final : public TextMeasure {
  public:
    explicit CanvasMeasure(plot::Canvas& canvas) : canvas_(canvas) {}
    float width(std::string_view text, float size) const override { return canvas_.text_width(text, size); }

  private:
    plot::Canvas& canvas_;
};

// The plot layer draws on screen with ImGui's current font at its own size (render()); a readout or a panel
// sizing its item measures with the same, or its layout would drift from the picture.
class FontMeasure final : public TextMeasure {
  public:
    explicit FontMeasure(const ImFont& font) : font_(font) {}
    float width(std::string_view text, float size) const override {
        return font_.CalcTextSizeA(size, FLT_MAX, 0, text.data(), text.data() + text.size()).x;
    }

  private:
    const ImFont& font_;
};

} // namespace phasor::ui
