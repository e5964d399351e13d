// Class maps as a decision map draws them: shading by strength keeps each class's hue and fades it into the
// background, a map without strength is flat class colours, an equal-aspect map fills its axes with no empty
// bands, the key of classes and legend sits outside the map, and points can be coloured by class and drawn
// hollow.
#include "ui/plot/canvas.hpp"
#include "ui/plot/text_export.hpp"
#include "ui_plot/headless_imgui.hpp"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <set>
#include <string>

namespace phasor::plot {
namespace {

using phasor::testing::HeadlessImGui;

// HSV hue in degrees.
float hue(Rgba c) {
    const float r = static_cast<float>(c & 0xFF), g = static_cast<float>(c >> 8 & 0xFF),
                b = static_cast<float>(c >> 16 & 0xFF);
    const float hi = std::max({r, g, b}), lo = std::min({r, g, b}), d = hi - lo;
    if (d <= 0) return 0;
    float h = hi == r ? std::fmod((g - b) / d, 6.f) : hi == g ? (b - r) / d + 2 : (r - g) / d + 4;
    return h < 0 ? h * 60 + 360 : h * 60;
}

// `top` painted over the opaque `bottom` with top's alpha.
Rgba over(Rgba top, Rgba bottom) {
    return with_alpha(mix(bottom, top, static_cast<float>(top >> 24) / 255.f), 255);
}

// A 2 × 2 map of classes 0, 1 / 1, 0 over [-1, 1]², with a strength per cell when `strengths` is given.
Heatmap class_map(std::vector<float> strengths = {}) {
    Heatmap map;
    map.rows = map.cols = 2;
    map.values = {0, 1, 1, 0};
    map.strength = std::move(strengths);
    map.colormap = Colormap::Classes;
    map.lo = 0, map.hi = 1;
    map.x0 = map.y0 = -1, map.x1 = map.y1 = 1;
    map.class_names = {"class A", "class B"};
    return map;
}

TEST(ClassMap, ShadingKeepsEachClasssHueAndFadesIntoTheBackground) {
    const Heatmap map = class_map({1.f, 0.7f, 0.4f, 0.1f});
    for (std::size_t cell = 0; cell < 4; ++cell) {
        SCOPED_TRACE(cell);
        const Rgba full = colormap_color(Colormap::Classes, map.values[cell], 0, 1);
        const Rgba shaded = cell_color(map, cell, 0, 1);
        EXPECT_EQ(shaded & 0xFFFFFFu, full & 0xFFFFFFu) << "the class's own colour";
        EXPECT_NEAR(static_cast<float>(shaded >> 24), 255.f * map.strength[cell], 0.5f);
        // Over either theme's background the cell is the class's hue, fainter the weaker it is.
        for (ThemeKind kind : {ThemeKind::Dark, ThemeKind::Light}) {
            const Rgba paper = theme_of(kind).background;
            EXPECT_NEAR(hue(over(shaded, paper)), hue(full), 6.f);
        }
    }
    const Rgba paper = theme_of(ThemeKind::Light).background;
    auto distance = [&](std::size_t cell) {
        const Rgba c = over(cell_color(map, cell, 0, 1), paper);
        return std::abs(static_cast<int>(c & 0xFF) - static_cast<int>(paper & 0xFF)) +
               std::abs(static_cast<int>(c >> 16 & 0xFF) - static_cast<int>(paper >> 16 & 0xFF));
    };
    EXPECT_GT(distance(0), distance(2)); // class A at strength 1 stands out more than at 0.4 ...
    EXPECT_GT(distance(2), 0);
    EXPECT_GT(distance(1), distance(3)); // ... and class B at 0.7 more than at 0.1
}

// The cells' group of an SVG: every <rect> between the crisp-edged group's tags.
std::string cells_of(const std::string& svg) {
    const std::size_t at = svg.find("<g shape-rendering=\"crispEdges\">");
    if (at == std::string::npos) return {};
    return svg.substr(at, svg.find("</g>", at) - at);
}

std::set<std::string> fills(const std::string& cells) {
    std::set<std::string> out;
    for (std::size_t at = cells.find("fill=\""); at != std::string::npos; at = cells.find("fill=\"", at + 1))
        out.insert(cells.substr(at, 13));
    return out;
}

TEST(ClassMap, ShadedCellsAreTranslucentAndDiscretizedOnesFlat) {
    Plot plot;
    plot.heatmaps.push_back(class_map({1.f, 0.7f, 0.4f, 0.1f}));
    PlotView view;
    fit(plot, view);
    const std::string shaded = cells_of(to_svg(plot, view, 400, 300));
    ASSERT_FALSE(shaded.empty());
    EXPECT_EQ(fills(shaded).size(), 2u) << "one colour per class, shaded by opacity";
    EXPECT_NE(shaded.find("fill-opacity=\"0.702\""), std::string::npos) << shaded;
    EXPECT_NE(shaded.find("fill-opacity=\"0.102\""), std::string::npos);

    plot.heatmaps.front().strength.clear();
    const std::string flat = cells_of(to_svg(plot, view, 400, 300));
    EXPECT_EQ(fills(flat).size(), 2u);
    EXPECT_EQ(flat.find("opacity"), std::string::npos) << "flat class colours: " << flat;
}

struct Drawn : ::testing::Test {
    HeadlessImGui imgui;
    ImDrawList draw{nullptr};
    Plot plot;
    PlotView view;

    void SetUp() override {
        ImGui::NewFrame();
        draw._Data = ImGui::GetDrawListSharedData();
        plot.equal_aspect = true;
        plot.x.label = "x1";
        plot.y.label = "x2";
        plot.heatmaps.push_back(class_map());
        plot.legend_place = LegendPlace::Outside;
        plot.scatters.push_back(
            {"training data", series_color(7), {-0.5f, 0.5f}, {-0.5f, 0.5f}, {0, 1}, false});
        plot.scatters.push_back({"test data", series_color(7), {0.4f, -0.3f}, {-0.6f, 0.2f}, {1, 0}, true});
        fit(plot, view);
    }
    void TearDown() override { ImGui::EndFrame(); }

    PlotLayout layout_in(ImVec2 size) {
        imgui.reset(draw);
        return render(plot, view, draw, {0, 0}, size);
    }
};

bool overlaps(ImVec2 a0, ImVec2 a1, ImVec2 b0, ImVec2 b1) {
    return a0.x < b1.x && b0.x < a1.x && a0.y < b1.y && b0.y < a1.y;
}

TEST_F(Drawn, AnEqualAspectMapFillsItsAxesWhateverTheBoxsShape) {
    for (ImVec2 size : {ImVec2{900, 400}, ImVec2{320, 700}, ImVec2{500, 500}}) {
        SCOPED_TRACE(::testing::Message() << size.x << "x" << size.y);
        const PlotLayout layout = layout_in(size);
        // The axes show exactly the map's extent: no band of empty plane beside it.
        EXPECT_DOUBLE_EQ(layout.x_lo, -1);
        EXPECT_DOUBLE_EQ(layout.x_hi, 1);
        EXPECT_DOUBLE_EQ(layout.y_lo, -1);
        EXPECT_DOUBLE_EQ(layout.y_hi, 1);
        const float w = layout.data_max.x - layout.data_min.x, h = layout.data_max.y - layout.data_min.y;
        EXPECT_NEAR(w, h, 1.f) << "a square plane is drawn square";
        EXPECT_GT(std::min(w, h), std::min(size.x, size.y) * 0.55f) << "and as large as the box allows";
    }
    // A plane twice as wide as high keeps that shape.
    plot.heatmaps.front().x0 = -2, plot.heatmaps.front().x1 = 2;
    fit(plot, view = {});
    const PlotLayout wide = layout_in({700, 600});
    EXPECT_NEAR((wide.data_max.x - wide.data_min.x) / (wide.data_max.y - wide.data_min.y), 2.f, 0.02f);
}

TEST_F(Drawn, TheKeyOfClassesAndPointsSitsOutsideTheMap) {
    for (ImVec2 size : {ImVec2{900, 400}, ImVec2{320, 700}}) {
        SCOPED_TRACE(::testing::Message() << size.x << "x" << size.y);
        const PlotLayout layout = layout_in(size);
        ASSERT_EQ(layout.legend.size(), 2u); // training and test data, clickable
        EXPECT_EQ(layout.legend[1].name, "test data");
        for (const auto& entry : layout.legend)
            EXPECT_FALSE(overlaps(entry.min, entry.max, layout.data_min, layout.data_max)) << entry.name;
        EXPECT_FALSE(overlaps(layout.key_min, layout.key_max, layout.data_min, layout.data_max));
        EXPECT_GT(layout.key_max.y, layout.key_min.y);
        EXPECT_LE(layout.key_max.x, size.x);
        EXPECT_LE(layout.key_max.y, size.y);
        if (size.x > size.y)
            EXPECT_GE(layout.key_min.x, layout.data_max.x) << "beside a wide box's map";
        else
            EXPECT_GE(layout.key_min.y, layout.data_max.y) << "below a tall box's map";
    }
    // The classes are listed in the key too: the SVG names them once each, outside the cells.
    const std::string svg = to_svg(plot, view, 320, 700);
    EXPECT_NE(svg.find(">class A</text>"), std::string::npos);
    EXPECT_NE(svg.find(">test data</text>"), std::string::npos);
}

TEST_F(Drawn, PointsTakeTheirClasssColourAndHeldOutOnesAreRings) {
    const std::string svg = to_svg(plot, view, 500, 500);
    auto hex = [](Rgba c) {
        char out[8];
        std::snprintf(out, sizeof out, "#%02x%02x%02x", c & 0xFF, c >> 8 & 0xFF, c >> 16 & 0xFF);
        return std::string(out);
    };
    const std::string a = hex(series_color(0)), b = hex(series_color(1));
    // Filled training points of both classes; rings for the test points: no fill, stroked in the class
    // colour.
    EXPECT_NE(svg.find("<circle cx=\"", 0), std::string::npos);
    EXPECT_NE(svg.find("fill=\"" + a + "\""), std::string::npos);
    EXPECT_NE(svg.find("fill=\"" + b + "\""), std::string::npos);
    EXPECT_NE(svg.find("fill=\"none\" stroke-width=\"1.60\" stroke=\"" + a + "\""), std::string::npos) << svg;
    EXPECT_NE(svg.find("fill=\"none\" stroke-width=\"1.60\" stroke=\"" + b + "\""), std::string::npos);

    const std::string csv = to_csv(plot);
    EXPECT_NE(csv.find("series,x,y,group\n"), std::string::npos);
    EXPECT_NE(csv.find("test data,0.4,-0.6,1\n"), std::string::npos) << csv;
}

TEST(ClassMap, CsvCarriesTheStrengthOfEveryCell) {
    Plot plot;
    plot.heatmaps.push_back(class_map({1.f, 0.5f, 0.25f, 0.f}));
    const std::string csv = to_csv(plot);
    EXPECT_NE(csv.find("row,col,x,y,value,strength\n"), std::string::npos);
    EXPECT_NE(csv.find("0,1,0.5,0.5,1,0.5\n"), std::string::npos) << csv;
    plot.heatmaps.front().strength.clear();
    EXPECT_NE(to_csv(plot).find("row,col,x,y,value\n"), std::string::npos);
}

} // namespace
} // namespace phasor::plot
