// Resolving an export request to a figure (see figure.hpp).
#include "ui/plot/figure.hpp"

#include <algorithm>
#include <cmath>

namespace phasor::plot {
namespace {

constexpr float mm_per_inch = 25.4f;
constexpr float points_per_inch = 72.f;
constexpr float svg_font_on_screen = 13.f; // what to_svg has always used for an on-screen-sized SVG
// A pixel-sized figure up to this large looks like the plot on screen; beyond it, everything grows.
constexpr float reference_width = 750.f, reference_height = 500.f;

float whole(float pixels) {
    return std::max(1.f, std::round(pixels));
}

} // namespace

Figure resolve_figure(const ExportRequest& request, ImVec2 on_screen, float screen_font) {
    Figure f;
    f.theme = &theme_of(request.theme);
    f.transparent = request.transparent || f.theme->transparent();
    const FigureSize& size = request.size;
    if (size.on_screen()) {
        const bool png = request.format == ExportRequest::Format::Png;
        const float scale = png ? static_cast<float>(std::max(request.scale, 1)) : 1.f;
        f.width = on_screen.x * scale; // rounded by the PNG renderer as it always has been
        f.height = on_screen.y * scale;
        f.scale = scale;
        f.font_size = png ? screen_font * scale : svg_font_on_screen;
        return f;
    }
    float dpi = size.dpi;
    float to_pixels = 1.f; // pixels per unit of `size`
    if (size.unit != FigureSize::Unit::Pixels) {
        if (!(dpi > 0)) dpi = 300.f;
        to_pixels = size.unit == FigureSize::Unit::Inches ? dpi : dpi / mm_per_inch;
    }
    const float height = size.height > 0 ? size.height : size.width * 2.f / 3.f;
    f.width = whole(size.width * to_pixels);
    f.height = whole(height * to_pixels);
    if (dpi > 0) {
        const float points = request.font_pt > 0 ? request.font_pt : kDefaultFontPoints;
        f.font_size = points * dpi / points_per_inch;
        f.scale = f.font_size / kScreenFontPixels;
        f.width_mm = f.width / dpi * mm_per_inch;
        f.height_mm = f.height / dpi * mm_per_inch;
    } else {
        f.scale = std::max(1.f, std::min(f.width / reference_width, f.height / reference_height));
        f.font_size = kScreenFontPixels * f.scale;
    }
    return f;
}

} // namespace phasor::plot
