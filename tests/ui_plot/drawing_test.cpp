// Custom drawings (Plot::drawing) exported like any plot: one description drawn on screen, into SVG in the
// export's theme and size, and into CSV through its own rows; the widget shows it without pan or zoom and
// leaves the item for the panel's own hover readout.
#include "support/allocation_counter.hpp"
#include "ui/plot/drawing.hpp"
#include "ui/plot/plot_shelf.hpp"
#include "ui/plot/text_export.hpp"
#include "ui_plot/headless_imgui.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace phasor::plot {
namespace {

using phasor::testing::HeadlessImGui;

// A small diagram: a disc, a rounded box, a needle and a caption, sized by the font and coloured by the
// theme, as a panel's network or queue would be.
class Dial final : public Drawing {
  public:
    mutable int draws = 0;
    mutable ImVec2 min, max;
    mutable float font = 0;

    void draw(Canvas& canvas, ImVec2 a, ImVec2 b, const DrawStyle& style) const override {
        ++draws;
        min = a, max = b, font = style.font_size;
        const Theme& theme = style.colors();
        const float fs = style.font_size;
        const ImVec2 centre{(a.x + b.x) / 2, (a.y + b.y) / 2};
        const float r = std::min(b.x - a.x, b.y - a.y) * 0.3f;
        canvas.disc(centre, r, theme.series(0, 0), theme.frame, style.scale);
        canvas.box({a.x + fs, a.y + fs}, {a.x + 6 * fs, a.y + 3 * fs}, 0.2f * fs, theme.series(0, 1),
                   theme.text, style.scale);
        canvas.line(centre, {centre.x + r * 0.7f, centre.y - r * 0.7f}, theme.text, 2 * style.scale);
        canvas.text({centre.x, b.y - 1.5f * fs}, "value 0.70", fs, theme.text, 0.5f);
    }
    void write_csv(std::string& out) const override { out += "name,value\nvalue,0.7\n"; }
};

std::string hex(Rgba c) {
    char out[8];
    std::snprintf(out, sizeof out, "#%02x%02x%02x", c & 0xFF, c >> 8 & 0xFF, c >> 16 & 0xFF);
    return out;
}

struct Drawings : ::testing::Test {
    HeadlessImGui imgui;
    Dial dial;
    Plot plot;
    PlotView view;
    void SetUp() override {
        plot.id = "network";
        plot.title = "Network";
        plot.drawing = &dial;
    }
};

TEST_F(Drawings, DrawOnScreenBelowTheTitle) {
    ImGui::NewFrame();
    ImDrawList draw(ImGui::GetDrawListSharedData());
    imgui.reset(draw);
    PlotLayout layout = render(plot, view, draw, {10, 20}, {410, 320});
    EXPECT_EQ(dial.draws, 1);
    EXPECT_EQ(dial.min.x, 10);
    EXPECT_GT(dial.min.y, 20 + ImGui::GetFontSize()); // below the title
    EXPECT_EQ(dial.max.x, 410);
    EXPECT_EQ(dial.max.y, 320);
    EXPECT_EQ(layout.data_min.y, dial.min.y); // what the panel's hover readout maps the mouse with
    EXPECT_GT(draw.VtxBuffer.Size, 100);
    ImGui::EndFrame();
}

TEST_F(Drawings, ExportToSvgInTheThemeAndSizeOfTheExport) {
    ExportRequest request(ExportRequest::Format::Svg, 1, false, ThemeKind::Light,
                          FigureSize::pixels(1200, 800));
    const Figure figure = resolve_figure(request, {300, 200}, 15);
    std::string svg = to_svg(plot, view, figure);
    const Theme& light = theme_of(ThemeKind::Light);
    EXPECT_NE(svg.find("width=\"1200\" height=\"800\""), std::string::npos);
    EXPECT_NE(svg.find("fill=\"#ffffff\"/>"), std::string::npos); // the light background
    EXPECT_NE(svg.find("<circle"), std::string::npos);
    EXPECT_NE(svg.find("fill=\"" + hex(light.series(0, 0)) + "\""), std::string::npos);
    EXPECT_NE(svg.find("rx=\"4.80\" fill=\"" + hex(light.series(0, 1)) + "\""), std::string::npos) << svg;
    EXPECT_NE(svg.find(">value 0.70</text>"), std::string::npos);
    EXPECT_NE(svg.find(">Network</text>"), std::string::npos);
    EXPECT_NE(svg.find("font-size=\"24.00\" text-anchor=\"middle\" fill=\"" + hex(light.text) + "\">value"),
              std::string::npos);
    EXPECT_EQ(dial.font, 24);
    EXPECT_EQ(svg.find("<line x1=\"0"), std::string::npos); // no axes, no grid
    // The dark theme draws the same marks in its colours.
    std::string dark = to_svg(plot, view, resolve_figure({ExportRequest::Format::Svg, 1}, {400, 300}, 15));
    EXPECT_NE(dark.find("fill=\"" + hex(series_color(0)) + "\""), std::string::npos);
    EXPECT_NE(dark.find(">value 0.70</text>"), std::string::npos);
}

TEST_F(Drawings, CsvIsTheDrawingsOwnRowsThenItsMarkers) {
    EXPECT_EQ(to_csv(plot), "name,value\nvalue,0.7\n");
    std::vector<Marker> events{{5, "reset", 0}};
    plot.markers = &events;
    EXPECT_EQ(to_csv(plot, view), "name,value\nvalue,0.7\n\nmarker_x,marker_label\n5,reset\n");
}

TEST_F(Drawings, TheWidgetShowsThemAndLeavesTheItemForAReadout) {
    PlotShelf shelf;
    bool hovered = false;
    ImVec2 origin;
    auto frame = [&] {
        imgui.frame([&] {
            shelf.begin_frame();
            origin = ImGui::GetCursorScreenPos();
            shelf.show(plot, view, {400, 300});
            hovered = ImGui::IsItemHovered();
        });
    };
    imgui.io().MousePos = {5, 5};
    frame();
    frame();
    imgui.io().MousePos = {origin.x + 200, origin.y + 150};
    frame();
    EXPECT_TRUE(hovered);
    imgui.io().MouseWheel = 2;
    frame();
    EXPECT_TRUE(view.auto_x); // nothing to zoom
    ASSERT_EQ(shelf.drawn().size(), 1u);
    EXPECT_EQ(shelf.drawn()[0].plot.drawing, &dial); // exports draw the same drawing
    EXPECT_GE(dial.draws, 4);
}

#ifdef PHASOR_COUNT_MALLOC
TEST_F(Drawings, DrawWithoutAllocatingOnceWarm) {
    ImGui::NewFrame();
    ImDrawList draw(ImGui::GetDrawListSharedData());
    PlotLayout layout;
    auto once = [&] {
        imgui.reset(draw);
        render(plot, view, draw, {0, 0}, {400, 300}, {}, layout);
    };
    once();
    EXPECT_EQ(phasor::testing::count_mallocs(once), 0);
    ImGui::EndFrame();
}
#endif

} // namespace
} // namespace phasor::plot
