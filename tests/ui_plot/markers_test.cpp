// Event markers (Plot::markers): a line and a label per marker at the right x in the SVG and on screen, none
// outside the x range, labels stacked and dropped rather than overlapping, sizes that follow the scale, a
// trailing CSV block, no effect on autoscale, and a plot without markers drawn exactly as before.
#include "support/allocation_counter.hpp"
#include "ui/plot/render.hpp"
#include "ui/plot/text_export.hpp"
#include "ui_plot/headless_imgui.hpp"

#include <cmath>
#include <cstdlib>
#include <gtest/gtest.h>
#include <string_view>

namespace phasor::plot {
namespace {

using phasor::testing::HeadlessImGui;

// The value of attribute `name` in the element starting at `element`.
double attribute(std::string_view element, std::string_view name) {
    std::string key = " " + std::string(name) + "=\"";
    std::size_t at = element.find(key);
    if (at == std::string_view::npos || at > element.find('>')) return NAN;
    return std::strtod(std::string(element.substr(at + key.size())).c_str(), nullptr);
}

struct Line {
    double x1, y1, x2, y2;
};

// Every <line> stroked with `stroke` ("#rrggbb").
std::vector<Line> lines_stroked(std::string_view svg, std::string_view stroke) {
    std::vector<Line> out;
    std::string paint = "stroke=\"" + std::string(stroke) + "\"";
    for (std::size_t at = svg.find("<line "); at != std::string_view::npos; at = svg.find("<line ", at + 1)) {
        std::string_view element = svg.substr(at, svg.find('>', at) - at);
        if (element.find(paint) == std::string_view::npos) continue;
        out.push_back({attribute(element, "x1"), attribute(element, "y1"), attribute(element, "x2"),
                       attribute(element, "y2")});
    }
    return out;
}

std::size_t count(std::string_view text, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

// The data area of an SVG export: the first clip path is the data area's.
struct Area {
    double x, y, w, h;
};
Area data_area(std::string_view svg) {
    std::size_t at = svg.find("<clipPath id=\"clip0\"><rect ");
    std::string_view rect = svg.substr(svg.find("<rect ", at));
    return {attribute(rect, "x"), attribute(rect, "y"), attribute(rect, "width"), attribute(rect, "height")};
}

bool overlap(const PlotLayout::MarkerLabel& a, const PlotLayout::MarkerLabel& b) {
    return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
}

constexpr std::string_view default_stroke = "#e2e2ea"; // theme::event_marker

struct Markers : ::testing::Test {
    HeadlessImGui imgui;
    ImDrawList draw{nullptr};
    SeriesHistory loss;
    std::vector<Marker> events;
    Plot plot;
    PlotView view;

    void SetUp() override {
        ImGui::NewFrame();
        draw._Data = ImGui::GetDrawListSharedData();
        for (int i = 0; i <= 1000; ++i) loss.push(i * 50.0, 2.f / (1.f + static_cast<float>(i) * 0.01f));
        plot.id = "metrics_loss";
        plot.title = "Loss";
        plot.x.label = "tick";
        plot.y.label = "loss";
        plot.lines = {{"loss", 0, &loss}};
        plot.legend = false;
        events = {{0, "reset", 0}, {20000, "train.lr = 0.05", 0}, {40000, "train.delay_depth = 0", 0}};
        plot.markers = &events;
        fit(plot, view); // x: 0 .. 50,000
    }
    void TearDown() override { ImGui::EndFrame(); }

    PlotLayout render_at(const Plot& p, const PlotView& v, float scale = 1) {
        RenderStyle style;
        style.scale = scale;
        imgui.reset(draw);
        return render(p, v, draw, {10, 10}, {10 + 640 * scale, 10 + 400 * scale}, style);
    }
};

TEST_F(Markers, SvgHasALineAcrossTheDataAndTheLabelAsTextPerMarker) {
    events.push_back({30000, "note <a & b>", rgba(255, 0, 0)});
    std::string svg = to_svg(plot, view, 640, 400);
    Area area = data_area(svg);
    ASSERT_GT(area.w, 100);
    auto x_of = [&](double x) { return area.x + (x - view.x_lo) / (view.x_hi - view.x_lo) * area.w; };
    std::vector<Line> lines = lines_stroked(svg, default_stroke);
    ASSERT_EQ(lines.size(), 3u);
    std::vector<double> xs;
    for (const Line& l : lines) {
        EXPECT_EQ(l.x1, l.x2); // vertical
        EXPECT_NEAR(l.y1, area.y, 0.01);
        EXPECT_NEAR(l.y2, area.y + area.h, 0.01);
        xs.push_back(l.x1);
    }
    std::sort(xs.begin(), xs.end());
    EXPECT_NEAR(xs[0], x_of(0), 0.01);
    EXPECT_NEAR(xs[1], x_of(20000), 0.01);
    EXPECT_NEAR(xs[2], x_of(40000), 0.01);
    // Semi-transparent, so the data shows through.
    EXPECT_NE(svg.find("stroke=\"#e2e2ea\" stroke-opacity=\"0.549\""), std::string::npos);
    std::vector<Line> red = lines_stroked(svg, "#ff0000");
    ASSERT_EQ(red.size(), 1u);
    EXPECT_NEAR(red[0].x1, x_of(30000), 0.01);

    EXPECT_EQ(count(svg, ">reset</text>"), 1u);
    EXPECT_EQ(count(svg, ">train.lr = 0.05</text>"), 1u);
    EXPECT_EQ(count(svg, ">train.delay_depth = 0</text>"), 1u);
    EXPECT_EQ(count(svg, ">note &lt;a &amp; b&gt;</text>"), 1u);
}

TEST_F(Markers, OutsideTheXRangeAreNotDrawn) {
    view.auto_x = false;
    view.x_lo = 10000, view.x_hi = 30000;
    std::string svg = to_svg(plot, view, 640, 400);
    EXPECT_EQ(lines_stroked(svg, default_stroke).size(), 1u);
    EXPECT_EQ(count(svg, ">train.lr = 0.05</text>"), 1u);
    EXPECT_EQ(count(svg, ">reset</text>"), 0u);
    EXPECT_EQ(count(svg, ">train.delay_depth = 0</text>"), 0u);
    PlotLayout layout = render_at(plot, view);
    ASSERT_EQ(layout.marker_labels.size(), 1u);
    EXPECT_EQ(layout.marker_labels[0].marker, 1u);
}

TEST_F(Markers, DoNotWidenTheAutoscaledRange) {
    events.push_back({90000, "far ahead", 0});
    events.push_back({-5000, "before the start", 0});
    PlotView fitted;
    fit(plot, fitted);
    EXPECT_EQ(fitted.x_lo, 0);
    EXPECT_EQ(fitted.x_hi, 50000);
    // Nor does a marker give an empty plot a range.
    Plot empty = plot;
    empty.lines.clear();
    PlotView untouched;
    untouched.x_lo = 3, untouched.x_hi = 7;
    fit(empty, untouched);
    EXPECT_EQ(untouched.x_lo, 3);
    EXPECT_EQ(untouched.x_hi, 7);
}

TEST_F(Markers, CloseLabelsStackOnRowsWithoutOverlapping) {
    events = {{20000, "train.lr = 0.05", 0}, {20100, "train.lr = 0.1", 0}, {20200, "attention on", 0}};
    PlotLayout layout = render_at(plot, view);
    ASSERT_EQ(layout.marker_labels.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = i + 1; j < 3; ++j)
            EXPECT_FALSE(overlap(layout.marker_labels[i], layout.marker_labels[j])) << i << " and " << j;
    // Right to left: the newest, rightmost event is on the top row.
    EXPECT_EQ(layout.marker_labels[0].marker, 2u);
    EXPECT_EQ(layout.marker_labels[0].row, 0);
    EXPECT_EQ(layout.marker_labels[1].row, 1);
    EXPECT_EQ(layout.marker_labels[2].row, 2);
    for (const auto& label : layout.marker_labels) {
        EXPECT_GE(label.min.x, layout.data_min.x);
        EXPECT_LE(label.max.x, layout.data_max.x);
        EXPECT_GT(label.min.y, layout.data_min.y);
        EXPECT_LT(label.max.y,
                  (layout.data_min.y + layout.data_max.y) / 2); // the data keeps most of the area
    }
    // Far enough apart, labels share the top row.
    events = {{5000, "a", 0}, {25000, "b", 0}, {45000, "c", 0}};
    layout = render_at(plot, view);
    ASSERT_EQ(layout.marker_labels.size(), 3u);
    for (const auto& label : layout.marker_labels) EXPECT_EQ(label.row, 0);
}

TEST_F(Markers, WhenCrowdedLabelsAreDroppedButEveryLineIsDrawn) {
    events.clear();
    for (int i = 0; i < 40; ++i) events.push_back({20000.0 + i * 10, "train.lr = " + std::to_string(i), 0});
    PlotLayout layout = render_at(plot, view);
    EXPECT_GT(layout.marker_labels.size(), 0u);
    EXPECT_LT(layout.marker_labels.size(), 40u);
    for (std::size_t i = 0; i < layout.marker_labels.size(); ++i) {
        EXPECT_LT(layout.marker_labels[i].row, 3);
        for (std::size_t j = i + 1; j < layout.marker_labels.size(); ++j)
            EXPECT_FALSE(overlap(layout.marker_labels[i], layout.marker_labels[j])) << i << " and " << j;
    }
    EXPECT_EQ(layout.marker_labels[0].marker, 39u); // the newest keeps its label
    std::string svg = to_svg(plot, view, 640, 400);
    EXPECT_EQ(lines_stroked(svg, default_stroke).size(), 40u);
    EXPECT_EQ(count(svg, ">train.lr = 39</text>"), 1u);
    EXPECT_EQ(count(svg, ">train.lr = 0</text>"), 0u);
}

TEST_F(Markers, LabelsKeepClearOfTheLegend) {
    SeriesHistory val;
    for (int i = 0; i <= 1000; ++i) val.push(i * 50.0, 2.5f / (1.f + static_cast<float>(i) * 0.01f));
    plot.lines.push_back({"val", 0, &val});
    plot.legend = true;
    events.clear();
    for (int i = 0; i < 10; ++i) events.push_back({30000.0 + i * 2000, "lr x" + std::to_string(i), 0});
    PlotLayout layout = render_at(plot, view);
    ASSERT_EQ(layout.legend.size(), 2u);
    PlotLayout::MarkerLabel legend{0, 0, layout.legend.front().min, layout.legend.back().max};
    EXPECT_GT(layout.marker_labels.size(), 0u);
    for (const auto& label : layout.marker_labels) EXPECT_FALSE(overlap(label, legend)) << label.marker;
}

TEST_F(Markers, LongLabelsAreShortenedAndOnlyTheirFirstLineShown) {
    events = {{20000, std::string(300, 'w'), 0}, {40000, "first line\nsecond line", 0}};
    PlotLayout layout = render_at(plot, view);
    ASSERT_EQ(layout.marker_labels.size(), 2u);
    float font = ImGui::GetFontSize();
    for (const auto& label : layout.marker_labels) EXPECT_LE(label.max.x - label.min.x, font * 17);
    std::string svg = to_svg(plot, view, 640, 400);
    EXPECT_NE(svg.find("www...</text>"), std::string::npos);
    EXPECT_EQ(count(svg, ">first line</text>"), 1u);
}

TEST_F(Markers, LinesSpanALogAxis) {
    plot.y.log = true;
    fit(plot, view);
    std::string svg = to_svg(plot, view, 640, 400);
    Area area = data_area(svg);
    std::vector<Line> lines = lines_stroked(svg, default_stroke);
    ASSERT_EQ(lines.size(), 3u);
    for (const Line& l : lines) {
        EXPECT_NEAR(l.y1, area.y, 0.01);
        EXPECT_NEAR(l.y2, area.y + area.h, 0.01);
    }
    EXPECT_EQ(render_at(plot, view).marker_labels.size(), 3u);
}

TEST_F(Markers, LabelsScaleWithTheFont) {
    PlotLayout one = render_at(plot, view, 1), two = render_at(plot, view, 2);
    ASSERT_EQ(one.marker_labels.size(), 3u);
    ASSERT_EQ(two.marker_labels.size(), 3u);
    auto height = [](const PlotLayout::MarkerLabel& l) { return l.max.y - l.min.y; };
    auto width = [](const PlotLayout::MarkerLabel& l) { return l.max.x - l.min.x; };
    EXPECT_NEAR(height(two.marker_labels[0]) / height(one.marker_labels[0]), 2.f, 0.1f);
    EXPECT_NEAR(width(two.marker_labels[0]) / width(one.marker_labels[0]), 2.f, 0.1f);
}

// Byte for byte: nothing in the plot layer changes for a plot that has no markers in view.
TEST_F(Markers, APlotWithoutMarkersDrawsExactlyAsOneWithNone) {
    Plot none = plot;
    none.markers = nullptr;
    std::vector<Marker> empty_list, out_of_view = {{-1, "before", 0}, {1e9, "after", 0}};
    Plot empty = plot, elsewhere = plot;
    empty.markers = &empty_list;
    elsewhere.markers = &out_of_view;
    std::string svg = to_svg(none, view, 640, 400);
    EXPECT_EQ(svg, to_svg(empty, view, 640, 400));
    EXPECT_EQ(svg, to_svg(elsewhere, view, 640, 400));
    EXPECT_EQ(to_csv(none), to_csv(empty));

    auto vertices = [&](const Plot& p) {
        render_at(p, view);
        std::vector<float> out;
        for (const ImDrawVert& v : draw.VtxBuffer) {
            out.insert(out.end(), {v.pos.x, v.pos.y, v.uv.x, v.uv.y});
            out.push_back(static_cast<float>(v.col));
        }
        return out;
    };
    std::vector<float> drawn = vertices(none);
    EXPECT_EQ(drawn, vertices(empty));
    EXPECT_EQ(drawn, vertices(elsewhere));
    EXPECT_NE(drawn, vertices(plot));
}

#ifdef PHASOR_COUNT_MALLOC
TEST_F(Markers, DrawWithoutAllocatingOnceWarm) {
    events.clear();
    for (int i = 0; i < 300; ++i)
        events.push_back(
            {i * 160.0, "train.lr = 0.05 and a label long enough to be shortened " + std::to_string(i), 0});
    PlotLayout layout;
    auto once = [&] {
        imgui.reset(draw);
        render(plot, view, draw, {10, 10}, {650, 410}, {}, layout);
    };
    once();
    EXPECT_EQ(phasor::testing::count_mallocs(once), 0);
    EXPECT_GT(layout.marker_labels.size(), 0u);
}
#endif

} // namespace
} // namespace phasor::plot
