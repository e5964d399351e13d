// What an export asks for (format, theme, size) and the figure it resolves to: pixels, text and line sizes,
// and for sizes given in millimetres or inches the physical size an SVG declares. The size of an export is
// its own, not the plot's size on screen, and text and lines grow with it the way they would in a figure
// made at that size.
#pragma once
#include "ui/plot/theme.hpp"

#include <imgui.h>

namespace phasor::plot {

struct FigureSize {
    enum class Unit { Pixels, Millimetres, Inches };
    // 0 × 0: the plot's size on screen (times ExportRequest::scale for a PNG). A height of 0 with a width:
    // two thirds of the width.
    float width = 0, height = 0;
    Unit unit = Unit::Pixels;
    // Pixels per inch. Needed for millimetres and inches (0 there: 300); with pixels it is optional and only
    // says how large the figure will be printed, so text is sized in points for it.
    float dpi = 0;

    static FigureSize pixels(float width, float height, float dpi = 0) {
        return {width, height, Unit::Pixels, dpi};
    }
    static FigureSize millimetres(float width, float height = 0, float dpi = 300) {
        return {width, height, Unit::Millimetres, dpi};
    }
    static FigureSize inches(float width, float height = 0, float dpi = 300) {
        return {width, height, Unit::Inches, dpi};
    }
    bool on_screen() const { return !(width > 0); }
};

struct ExportRequest {
    enum class Format { Png, Svg, Csv };
    ExportRequest() = default;
    // Positional, as {Format::Png, 2, false} has always been written; the rest may follow.
    ExportRequest(Format format, int scale, bool transparent = false, ThemeKind theme = ThemeKind::Dark,
                  FigureSize size = {}, float font_pt = 0)
        : format(format), scale(scale), transparent(transparent), theme(theme), size(size), font_pt(font_pt) {
    }

    Format format = Format::Png;
    int scale = 1;            // PNG at the on-screen size: 1, 2 or 4 pixels per screen pixel
    bool transparent = false; // no background, whatever the theme (ThemeKind::LightTransparent has none)
    ThemeKind theme = ThemeKind::Dark;
    FigureSize size;   // unset: the plot's size on screen, as exports have always been
    float font_pt = 0; // text size in points when the size has a dpi; 0: 8.5 pt, what journals ask for
};

// The look exports take unless a request says otherwise: what the plot menu offers first and what "Export
// every plot" and export bundles use. A fixed size rather than the on-screen one, so a figure does not
// depend on how the window happened to be laid out.
struct ExportLook {
    ThemeKind theme = ThemeKind::Dark;
    FigureSize size = FigureSize::pixels(1200, 800);
    int png_scale = 2; // when `size` is the on-screen size
};

// One export, resolved: what the renderers (render_plot_image, to_svg) draw.
struct Figure {
    float width = 0, height = 0; // pixels (a PNG rounds them); the SVG's viewBox
    float scale = 1.f;           // line widths, paddings and markers, in pixels per screen pixel
    float font_size = 13.f;      // pixels
    const Theme* theme = nullptr;
    bool transparent = false; // no background (the request's, or the theme's)
    // For sizes given physically (or in pixels with a dpi): the size an SVG declares, so it is placed at
    // that size in a document. 0: none, the SVG is sized in pixels.
    float width_mm = 0, height_mm = 0;
};

inline constexpr float kDefaultFontPoints = 8.5f;
// The screen's plot font at UI scale 1, in pixels: the unit of a pixel-sized figure's text.
inline constexpr float kScreenFontPixels = 15.f;

// Resolves `request` for a plot drawn `on_screen` pixels large with a `screen_font` pixel font.
// - On-screen size (the request's size unset): a PNG is on_screen × scale with the screen font × scale, an
//   SVG on_screen with a 13-pixel font, as exports have always been.
// - With a dpi (millimetres, inches, or pixels with a dpi): text is font_pt points (8.5 by default: about
//   35 pixels at 300 dpi), lines in proportion to it as on screen.
// - Pixels alone: text and lines as on screen up to a 750 × 500 figure, in proportion beyond (1200 × 800:
//   24-pixel text), so a larger figure is the same figure sharper, not more of it.
Figure resolve_figure(const ExportRequest& request, ImVec2 on_screen, float screen_font);

} // namespace phasor::plot
