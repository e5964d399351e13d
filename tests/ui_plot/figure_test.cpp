// Export sizes: an export is as large as asked (pixels, or millimetres and inches at a dpi), not as large as
// the plot is on screen, and its text and lines grow with it: a paper figure at 300 dpi has 8.5 pt text.
#include "ui/plot/text_export.hpp"

#include <cmath>
#include <cstdlib>
#include <gtest/gtest.h>

namespace phasor::plot {
namespace {

using Format = ExportRequest::Format;
const ImVec2 small{187, 165}; // a 1× loss plot on screen

double attribute(const std::string& svg, const std::string& name) {
    std::size_t at = svg.find(" " + name + "=\"");
    return at == std::string::npos ? NAN : std::strtod(svg.c_str() + at + name.size() + 3, nullptr);
}

TEST(Figure, OnScreenSizeIsAsExportsHaveAlwaysBeen) {
    Figure png = resolve_figure({Format::Png, 2}, small, 15);
    EXPECT_EQ(png.width, 374);
    EXPECT_EQ(png.height, 330);
    EXPECT_EQ(png.scale, 2);
    EXPECT_EQ(png.font_size, 30);
    EXPECT_FALSE(png.transparent);
    Figure svg = resolve_figure({Format::Svg, 4}, small, 15);
    EXPECT_EQ(svg.width, 187); // an SVG has no scale
    EXPECT_EQ(svg.font_size, 13);
    EXPECT_EQ(svg.width_mm, 0);
    EXPECT_TRUE(resolve_figure({Format::Png, 2, true}, small, 15).transparent);
}

TEST(Figure, PixelSizesAreExactAndGrowTheirText) {
    Figure f =
        resolve_figure({Format::Png, 1, false, ThemeKind::Light, FigureSize::pixels(1200, 800)}, small, 15);
    EXPECT_EQ(f.width, 1200);
    EXPECT_EQ(f.height, 800);
    EXPECT_NEAR(f.font_size, 24, 0.01); // 1.6 × the screen's 15
    EXPECT_NEAR(f.scale, 1.6, 1e-4);
    EXPECT_EQ(f.theme, &theme_of(ThemeKind::Light));
    // The same figure whatever its size on screen, and as an SVG.
    Figure big_screen = resolve_figure(
        {Format::Svg, 1, false, ThemeKind::Light, FigureSize::pixels(1200, 800)}, {900, 700}, 22);
    EXPECT_EQ(big_screen.width, f.width);
    EXPECT_EQ(big_screen.font_size, f.font_size);
    // Small figures keep the screen's proportions; a height of 0 is two thirds of the width.
    Figure tiny =
        resolve_figure({Format::Png, 1, false, ThemeKind::Dark, FigureSize::pixels(300, 0)}, small, 15);
    EXPECT_EQ(tiny.height, 200);
    EXPECT_EQ(tiny.font_size, 15);
    EXPECT_EQ(tiny.scale, 1);
    EXPECT_TRUE(
        resolve_figure({Format::Png, 1, false, ThemeKind::LightTransparent, FigureSize::pixels(10, 10)},
                       small, 15)
            .transparent);
}

TEST(Figure, PaperSizesHavePrintSizedText) {
    Figure f = resolve_figure({Format::Png, 1, false, ThemeKind::Light, FigureSize::millimetres(85, 0, 300)},
                              small, 15);
    EXPECT_EQ(f.width, 1004); // 85 mm at 300 dpi
    EXPECT_EQ(f.height, 669); // two thirds of it
    const double points = f.font_size / 300.0 * 72.0;
    EXPECT_GE(points, 8.0);
    EXPECT_LE(points, 9.0);
    EXPECT_NEAR(f.width_mm, 85, 0.05);
    // Lines keep the screen's proportion to the text: a 1.5-pixel line by 15-pixel text.
    EXPECT_NEAR(f.scale * 15, f.font_size, 1e-3);
    Figure inches = resolve_figure(
        {Format::Svg, 1, false, ThemeKind::Light, FigureSize::inches(3.5, 2.5, 600)}, small, 15);
    EXPECT_EQ(inches.width, 2100);
    EXPECT_EQ(inches.height, 1500);
    EXPECT_NEAR(inches.font_size, 8.5 / 72 * 600, 1e-3);
    ExportRequest bigger(Format::Png, 1, false, ThemeKind::Light, FigureSize::millimetres(85, 60, 300), 10);
    EXPECT_NEAR(resolve_figure(bigger, small, 15).font_size, 10.0 / 72 * 300, 1e-3);
    EXPECT_EQ(resolve_figure(bigger, small, 15).height, 709);
    // No dpi given: 300.
    EXPECT_EQ(
        resolve_figure({Format::Png, 1, false, ThemeKind::Dark, FigureSize::millimetres(85, 0, 0)}, small, 15)
            .width,
        1004);
}

TEST(Figure, SvgDeclaresItsPhysicalSizeAndTextInPoints) {
    SeriesHistory h;
    for (int i = 0; i < 100; ++i) h.push(i, static_cast<float>(i));
    Plot plot;
    plot.title = "Loss";
    plot.lines = {{"loss", 0, &h}};
    PlotView view;
    fit(plot, view);
    Figure f = resolve_figure({Format::Svg, 1, false, ThemeKind::Light, FigureSize::millimetres(85, 0, 300)},
                              small, 15);
    std::string svg = to_svg(plot, view, f);
    EXPECT_NE(svg.find("width=\"85.01mm\" height=\"56.64mm\" viewBox=\"0 0 1004 669\""), std::string::npos)
        << svg.substr(0, 300);
    // The title's size in the viewBox, placed at 85 mm across 1004 units: 8.5 points.
    double size = attribute(svg.substr(svg.find("<text")), "font-size");
    EXPECT_NEAR(size * 85.01 / 1004 / 25.4 * 72, 8.5, 0.05);
    Figure px =
        resolve_figure({Format::Svg, 1, false, ThemeKind::Light, FigureSize::pixels(1200, 800)}, small, 15);
    EXPECT_NE(to_svg(plot, view, px).find("width=\"1200\" height=\"800\" viewBox=\"0 0 1200 800\""),
              std::string::npos);
}

} // namespace
} // namespace phasor::plot
