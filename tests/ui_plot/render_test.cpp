// render() into a draw list of a headless ImGui context: it draws, hidden series are not drawn, heatmaps go
// through the installed painter (columns of unequal width as runs of equal ones), sizes follow the scale,
// and drawing a long line allocates nothing once warm.
#include "support/allocation_counter.hpp"
#include "ui/plot/render.hpp"
#include "ui_plot/headless_imgui.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace phasor::plot {
namespace {

using phasor::testing::HeadlessImGui;

struct Fixture : ::testing::Test {
    HeadlessImGui imgui;
    ImDrawList draw{nullptr};
    SeriesHistory a, b, empty_a, empty_b;
    Plot plot;
    PlotView view;

    void SetUp() override {
        imgui.io().DisplaySize = {1280, 800};
        ImGui::NewFrame();
        draw._Data = ImGui::GetDrawListSharedData();
        for (int i = 0; i < 5000; ++i) {
            a.push(i, std::sin(static_cast<float>(i) * 0.01f));
            b.push(i, std::cos(static_cast<float>(i) * 0.013f));
        }
        plot.id = "lines";
        plot.title = "Loss";
        plot.x.label = "tick";
        plot.y.label = "loss";
        plot.lines = {{"a", 0, &a}, {"b", 0, &b}};
        fit(plot, view);
    }
    void TearDown() override { ImGui::EndFrame(); }

    int vertices(const Plot& p, const PlotView& v, const RenderStyle& style = {}) {
        imgui.reset(draw);
        render(p, v, draw, {10, 10}, {650, 410}, style);
        return draw.VtxBuffer.Size;
    }
};

TEST_F(Fixture, ProducesVerticesInsideTheBox) {
    PlotLayout layout;
    imgui.reset(draw);
    layout = render(plot, view, draw, {10, 10}, {650, 410});
    ASSERT_GT(draw.VtxBuffer.Size, 1000);
    EXPECT_GT(layout.data_min.x, 10);
    EXPECT_LT(layout.data_max.x, 650);
    EXPECT_GT(layout.data_min.y, 10);
    EXPECT_LT(layout.data_max.y, 410);
    ASSERT_EQ(layout.legend.size(), 2u); // two named lines: a legend, inside the data area
    EXPECT_GT(layout.legend[0].min.x, layout.data_min.x);
    EXPECT_LT(layout.legend[0].max.x, layout.data_max.x + 0.5f);
    EXPECT_GT(layout.legend[0].min.y, layout.data_min.y);
    EXPECT_LT(layout.legend[1].max.y, layout.data_max.y);
    EXPECT_EQ(layout.legend[1].name, "b");
}

// The legend goes where it hides the least data: a rising curve (an accuracy) ends in the top right, so the
// legend leaves that corner; a falling one (a loss) leaves it free, and the legend takes it.
TEST_F(Fixture, TheLegendTakesTheCornerItHidesTheLeastDataIn) {
    SeriesHistory rising, rising_too, falling, falling_too;
    for (int i = 1; i <= 2000; ++i) {
        const float t = static_cast<float>(i) / 2000.f;
        rising.push(i, 1.f - std::exp(-8.f * t));
        rising_too.push(i, 0.95f - std::exp(-6.f * t));
        falling.push(i, std::exp(-8.f * t));
        falling_too.push(i, 0.9f * std::exp(-6.f * t));
    }
    const auto legend_corner = [&](SeriesHistory& one, SeriesHistory& two) {
        Plot p = plot;
        p.lines = {{"a", 0, &one}, {"b", 0, &two}};
        PlotView v;
        fit(p, v);
        imgui.reset(draw);
        const PlotLayout layout = render(p, v, draw, {10, 10}, {650, 410});
        EXPECT_EQ(layout.legend.size(), 2u);
        const ImVec2 centre{(layout.data_min.x + layout.data_max.x) / 2,
                            (layout.data_min.y + layout.data_max.y) / 2};
        return std::pair{layout.legend[0].min.x > centre.x, layout.legend[0].min.y < centre.y}; // right, top
    };
    EXPECT_EQ(legend_corner(falling, falling_too), std::pair(true, true));
    EXPECT_EQ(legend_corner(rising, rising_too), std::pair(true, false)); // bottom right
}

TEST_F(Fixture, ALegendThatWouldHideTheDataGoesOutsideIt) {
    SeriesHistory one, two;
    for (int i = 1; i <= 200; ++i) one.push(i, 1.f / static_cast<float>(i)), two.push(i, 0.5f);
    const auto legend_inside = [&](ImVec2 size, const char* name_one, const char* name_two) {
        Plot p = plot;
        p.lines = {{name_one, 0, &one}, {name_two, 0, &two}};
        PlotView v;
        fit(p, v);
        imgui.reset(draw);
        const PlotLayout layout = render(p, v, draw, {0, 0}, size);
        EXPECT_EQ(layout.legend.size(), 2u);
        bool inside = true;
        for (const auto& entry : layout.legend)
            inside = inside && entry.min.x >= layout.data_min.x && entry.max.x <= layout.data_max.x &&
                     entry.min.y >= layout.data_min.y && entry.max.y <= layout.data_max.y;
        return inside;
    };
    EXPECT_TRUE(legend_inside({640, 400}, "loss", "test loss"));
    EXPECT_FALSE(legend_inside({190, 160}, "loss", "test loss (training patterns)"));
    EXPECT_FALSE(legend_inside({320, 240}, "rolling accuracy", "test accuracy (training patterns)"));
}

TEST_F(Fixture, HiddenSeriesAreNotDrawn) {
    int both = vertices(plot, view);
    PlotView hide_a = view;
    hide_a.toggle("a");
    int one = vertices(plot, hide_a);
    PlotView hide_both = hide_a;
    hide_both.toggle("b");
    int none = vertices(plot, hide_both);
    EXPECT_GT(both, one);
    EXPECT_GT(one, none);
    // With both hidden the plot draws exactly what it draws with no data at all (frame, ticks, legend).
    Plot no_data = plot;
    no_data.lines = {{"a", 0, &empty_a}, {"b", 0, &empty_b}};
    EXPECT_EQ(none, vertices(no_data, view));
}

TEST_F(Fixture, TransparentLeavesOutTheBackground) {
    RenderStyle transparent;
    transparent.transparent = true;
    EXPECT_EQ(vertices(plot, view) - vertices(plot, view, transparent), 4); // one rectangle
}

TEST_F(Fixture, ScaleEnlargesText) {
    Plot title_only;
    title_only.title = "Title";
    auto title_height = [&](float scale) {
        RenderStyle style;
        style.scale = scale;
        imgui.reset(draw);
        render(title_only, view, draw, {0, 0}, {640 * scale, 400 * scale}, style);
        // The title is the first text drawn after the background rectangle.
        float lo = 1e9f, hi = -1e9f;
        for (int i = 4; i < 4 + 4 * 5; ++i) {
            lo = std::min(lo, draw.VtxBuffer[i].pos.y);
            hi = std::max(hi, draw.VtxBuffer[i].pos.y);
        }
        return hi - lo;
    };
    EXPECT_NEAR(title_height(4) / title_height(1), 4.f, 0.5f);
}

struct RecordingPainter : HeatmapPainter {
    int calls = 0;
    float lo = 0, hi = 0;
    ImVec2 p0, p1;
    void paint(ImDrawList&, ImVec2 a, ImVec2 b, const Heatmap&, float l, float h) override {
        ++calls, p0 = a, p1 = b, lo = l, hi = h;
    }
};

TEST_F(Fixture, HeatmapsGoThroughThePainterWithTheResolvedScale) {
    Plot map;
    Heatmap h;
    h.rows = 3, h.cols = 4;
    h.values = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    h.lo = h.hi = 0; // autoscale
    h.x0 = 0, h.x1 = 4, h.y0 = 0, h.y1 = 3;
    h.scale_label = "weight";
    map.heatmaps.push_back(h);
    PlotView v;
    fit(map, v);
    RecordingPainter painter;
    set_heatmap_painter(&painter);
    imgui.reset(draw);
    PlotLayout layout = render(map, v, draw, {0, 0}, {400, 300});
    set_heatmap_painter(nullptr);
    EXPECT_EQ(painter.calls, 1);
    EXPECT_EQ(painter.lo, 0.f);
    EXPECT_EQ(painter.hi, 11.f);
    EXPECT_NEAR(painter.p0.x, layout.data_min.x, 0.5f); // the map fills the fitted data area
    EXPECT_NEAR(painter.p1.y, layout.data_max.y, 0.5f);
    int with_builtin = vertices(map, v);
    set_heatmap_painter(&painter);
    int with_recorder = vertices(map, v);
    set_heatmap_painter(nullptr);
    EXPECT_EQ(with_builtin - with_recorder, 4 * 12); // one rectangle per cell
}

// Columns 0-2 one unit wide, 3-4 four units: a time axis sampled every tick, then every 4th.
Heatmap uneven_map() {
    Heatmap h;
    h.rows = 2, h.cols = 5;
    h.values = {0, 1, 2, 3, 4, 10, 11, 12, 13, 14};
    h.lo = 0, h.hi = 14;
    h.x_edges = {100, 101, 102, 103, 107, 111};
    h.y0 = 0, h.y1 = 2;
    return h;
}

TEST(HeatmapColumns, EdgesAndLookupFollowTheColumnsOwnWidths) {
    const Heatmap uneven = uneven_map();
    EXPECT_EQ(column_edge(uneven, 0), 100.0);
    EXPECT_EQ(column_edge(uneven, 4), 107.0);
    EXPECT_EQ(column_edge(uneven, 5), 111.0);
    EXPECT_EQ(column_at(uneven, 99.9), -1);
    EXPECT_EQ(column_at(uneven, 100.0), 0);
    EXPECT_EQ(column_at(uneven, 102.5), 2);
    EXPECT_EQ(column_at(uneven, 106.9), 3);
    EXPECT_EQ(column_at(uneven, 107.0), 4);
    EXPECT_EQ(column_at(uneven, 111.0), -1);
    Heatmap even;
    even.cols = 4, even.x0 = 10, even.x1 = 18;
    EXPECT_EQ(column_edge(even, 1), 12.0);
    EXPECT_EQ(column_at(even, 17.9), 3);
    EXPECT_EQ(column_at(even, 9.9), -1);
    even.x_edges = {0, 1}; // not cols + 1 of them: ignored
    EXPECT_EQ(column_edge(even, 1), 12.0);
}

struct RunsPainter : HeatmapPainter {
    struct Call {
        ImVec2 p0, p1;
        int rows, cols;
        std::vector<float> values;
    };
    std::vector<Call> calls;
    void paint(ImDrawList&, ImVec2 a, ImVec2 b, const Heatmap& map, float, float) override {
        calls.push_back({a, b, map.rows, map.cols, map.values});
    }
};

TEST_F(Fixture, UnevenColumnsArePaintedAsRunsOverTheirOwnSpans) {
    Plot map;
    map.heatmaps.push_back(uneven_map());
    PlotView v;
    fit(map, v);
    EXPECT_EQ(v.x_lo, 100.0); // the map's edges, not x0 and x1
    EXPECT_EQ(v.x_hi, 111.0);
    RunsPainter painter;
    set_heatmap_painter(&painter);
    imgui.reset(draw);
    PlotLayout layout = render(map, v, draw, {0, 0}, {400, 300});
    set_heatmap_painter(nullptr);
    ASSERT_EQ(painter.calls.size(), 2u);
    const float unit = (layout.data_max.x - layout.data_min.x) / 11.f;
    const auto& narrow = painter.calls[0];
    EXPECT_EQ(narrow.cols, 3);
    EXPECT_EQ(narrow.values, (std::vector<float>{0, 1, 2, 10, 11, 12}));
    EXPECT_NEAR(narrow.p0.x, layout.data_min.x, 0.5f);
    EXPECT_NEAR(narrow.p1.x, layout.data_min.x + 3 * unit, 0.5f);
    const auto& wide = painter.calls[1];
    EXPECT_EQ(wide.cols, 2);
    EXPECT_EQ(wide.values, (std::vector<float>{3, 4, 13, 14}));
    EXPECT_NEAR(wide.p0.x, narrow.p1.x, 0.01f); // no seam between the runs
    EXPECT_NEAR(wide.p1.x, layout.data_max.x, 0.5f);
    EXPECT_EQ(wide.rows, 2);
    EXPECT_NEAR(wide.p1.y, layout.data_max.y, 0.5f);

    // Equal widths given as edges are one call, the map itself.
    map.heatmaps[0].x_edges = {100, 102, 104, 106, 108, 110};
    painter.calls.clear();
    set_heatmap_painter(&painter);
    imgui.reset(draw);
    render(map, v, draw, {0, 0}, {400, 300});
    set_heatmap_painter(nullptr);
    ASSERT_EQ(painter.calls.size(), 1u);
    EXPECT_EQ(painter.calls[0].cols, 5);
}

#ifdef PHASOR_COUNT_MALLOC
TEST_F(Fixture, LongLinesDrawWithoutAllocatingOnceWarm) {
    SeriesHistory big;
    for (int i = 0; i < 400000; ++i) big.push(i, std::sin(static_cast<float>(i) * 1e-3f));
    Plot one;
    one.lines = {{"big", 0, &big}};
    PlotView v;
    fit(one, v);
    vertices(one, v);
    long mallocs = phasor::testing::count_mallocs([&] { vertices(one, v); });
    EXPECT_EQ(mallocs, 0);
}
#endif

} // namespace
} // namespace phasor::plot
