// The plot widget driven headlessly with injected mouse input: wheel zoom about the cursor, drag to pan,
// double-click back to autoscale, legend clicks toggling series, the event marker readout, and the shelf that
// remembers drawn plots.
#include "ui/plot/plot_shelf.hpp"
#include "ui_plot/headless_imgui.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace phasor::plot {
namespace {

using phasor::testing::HeadlessImGui;

struct Widget : ::testing::Test {
    HeadlessImGui imgui;
    SeriesHistory a, b;
    Plot plot;
    PlotView view;
    ImVec2 size{640, 400};
    ImVec2 origin;     // where the widget was drawn, from the last frame
    PlotLayout layout; // where render put things for the view the widget had at the start of the last frame

    void SetUp() override {
        for (int i = 0; i <= 1000; ++i) {
            a.push(i, std::sin(static_cast<float>(i) * 0.02f));
            b.push(i, 0.5f * std::cos(static_cast<float>(i) * 0.02f));
        }
        plot.id = "widget";
        plot.title = "signals";
        plot.lines = {{"a", 0, &a}, {"b", 0, &b}};
        mouse({5, 5}, false);
        step();
        step(); // the window exists now and can be hovered
    }

    void mouse(ImVec2 at, bool down) {
        imgui.io().MousePos = at;
        imgui.io().MouseDown[0] = down;
    }
    std::optional<ExportRequest> step() {
        std::optional<ExportRequest> request;
        imgui.frame([&] {
            origin = ImGui::GetCursorScreenPos();
            PlotView fitted = view;
            fit(plot, fitted);
            ImDrawList scratch(ImGui::GetDrawListSharedData());
            imgui.reset(scratch);
            layout = render(plot, fitted, scratch, origin, {origin.x + size.x, origin.y + size.y});
            request = plot_widget(plot, view, size);
        });
        return request;
    }
    ImVec2 data_point(float fx, float fy) const {
        return {layout.data_min.x + fx * (layout.data_max.x - layout.data_min.x),
                layout.data_min.y + fy * (layout.data_max.y - layout.data_min.y)};
    }
    double x_at(float px) const {
        return layout.x_lo + (px - layout.data_min.x) / (layout.data_max.x - layout.data_min.x) *
                                 (layout.x_hi - layout.x_lo);
    }
};

TEST_F(Widget, StartsOnAutoscaleFittedToTheData) {
    EXPECT_TRUE(view.auto_x);
    EXPECT_EQ(view.x_lo, 0);
    EXPECT_EQ(view.x_hi, 1000);
    EXPECT_LT(view.y_lo, -1 + 1e-3);
}

TEST_F(Widget, WheelZoomsXAboutTheCursor) {
    ImVec2 at = data_point(0.3f, 0.5f);
    mouse(at, false);
    step();
    double under_cursor = x_at(at.x);
    double width = view.x_hi - view.x_lo;
    imgui.io().MouseWheel = 1;
    step();
    EXPECT_FALSE(view.auto_x);
    EXPECT_TRUE(view.auto_y);
    EXPECT_LT(view.x_hi - view.x_lo, width * 0.9);
    // The x under the cursor stays where it was on screen.
    double fraction = (under_cursor - view.x_lo) / (view.x_hi - view.x_lo);
    EXPECT_NEAR(fraction, 0.3, 1e-3);
    imgui.io().MouseWheel = -1;
    step();
    EXPECT_NEAR(view.x_hi - view.x_lo, width, width * 1e-9); // out again by the same factor
}

TEST_F(Widget, ShiftWheelZoomsY) {
    mouse(data_point(0.5f, 0.5f), false);
    step();
    double height = view.y_hi - view.y_lo;
    imgui.io().KeyShift = true;
    imgui.io().MouseWheel = 2;
    step();
    imgui.io().KeyShift = false;
    EXPECT_FALSE(view.auto_y);
    EXPECT_TRUE(view.auto_x);
    EXPECT_LT(view.y_hi - view.y_lo, height * 0.7);
}

// A plane zooms as a whole: the wheel narrows both axes by the same factor, so the map keeps its shape.
TEST_F(Widget, WheelZoomsBothAxesOfAnEqualAspectPlot) {
    Heatmap map;
    map.rows = map.cols = 2;
    map.values = {0, 1, 1, 0};
    map.x0 = map.y0 = -1, map.x1 = map.y1 = 1;
    plot.lines.clear();
    plot.heatmaps = {map};
    plot.equal_aspect = true;
    view = {};
    step();
    mouse(data_point(0.5f, 0.5f), false);
    step();
    imgui.io().MouseWheel = 1;
    step();
    EXPECT_FALSE(view.auto_x);
    EXPECT_FALSE(view.auto_y);
    EXPECT_NEAR(view.x_hi - view.x_lo, 2 * 0.8, 1e-6);
    EXPECT_NEAR(view.y_hi - view.y_lo, 2 * 0.8, 1e-6);
}

TEST_F(Widget, DragPansAndTurnsOffAutoscaleOnThatAxis) {
    ImVec2 start = data_point(0.5f, 0.5f);
    mouse(start, false);
    step();
    double lo = view.x_lo, hi = view.x_hi;
    float width = layout.data_max.x - layout.data_min.x;
    mouse(start, true);
    step();
    mouse({start.x + 80, start.y}, true);
    step();
    mouse({start.x + 80, start.y}, false);
    step();
    EXPECT_FALSE(view.auto_x);
    EXPECT_TRUE(view.auto_y); // no vertical movement
    double moved = -80.0 / width * (hi - lo);
    EXPECT_NEAR(view.x_lo, lo + moved, 1e-6 * (hi - lo));
    EXPECT_NEAR(view.x_hi, hi + moved, 1e-6 * (hi - lo));
}

TEST_F(Widget, DoubleClickReturnsToAutoscale) {
    view.auto_x = view.auto_y = false;
    view.x_lo = 100, view.x_hi = 200, view.y_lo = -5, view.y_hi = 5;
    ImVec2 at = data_point(0.5f, 0.6f);
    for (bool down : {false, true, false, true, false}) {
        mouse(at, down);
        step();
    }
    EXPECT_TRUE(view.auto_x);
    EXPECT_TRUE(view.auto_y);
    step();
    EXPECT_EQ(view.x_lo, 0);
    EXPECT_EQ(view.x_hi, 1000);
}

TEST_F(Widget, LegendClickTogglesTheSeries) {
    ASSERT_EQ(layout.legend.size(), 2u);
    ASSERT_EQ(layout.legend[1].name, "b");
    ImVec2 at{(layout.legend[1].min.x + layout.legend[1].max.x) / 2,
              (layout.legend[1].min.y + layout.legend[1].max.y) / 2};
    mouse(at, false);
    step();
    mouse(at, true);
    step();
    mouse(at, false);
    step();
    EXPECT_TRUE(view.is_hidden("b"));
    EXPECT_FALSE(view.is_hidden("a"));
    EXPECT_TRUE(view.auto_x); // a legend click is not a pan
    // Wait out the double-click time so the next click is a single one, then show it again.
    for (int i = 0; i < 30; ++i) step();
    mouse(at, true);
    step();
    mouse(at, false);
    step();
    EXPECT_FALSE(view.is_hidden("b"));
}

TEST_F(Widget, HoveringAnEventMarkerShowsItsWholeLabel) {
    const std::string long_label = "train.lr = 0.05 " + std::string(120, 'x') + " (from the schedule)";
    std::vector<Marker> events = {{500, long_label, 0}, {800, "reset", 0}};
    plot.markers = &events;
    step();
    ASSERT_EQ(layout.marker_labels.size(), 2u);
    float line_x = data_point(0.5f, 0).x; // x = 500 of 0..1000
    auto tooltip_at = [&](ImVec2 at) {
        mouse(at, false);
        // ImGui's log goes to the "clipboard" when it finishes: the text this frame drew, tooltip included.
        static std::string text;
        imgui.io().SetClipboardTextFn = [](void*, const char* logged) { text = logged; };
        for (int frame = 0; frame < 2; ++frame) { // a new tooltip window sizes itself on its first frame
            text.clear();
            imgui.frame([&] {
                ImGui::LogToClipboard();
                plot_widget(plot, view, size);
                ImGui::LogFinish();
            });
        }
        return text;
    };
    std::string near_line = tooltip_at({line_x + 2, data_point(0, 0.8f).y});
    EXPECT_NE(near_line.find(long_label), std::string::npos) << near_line; // not the shortened one
    EXPECT_EQ(near_line.find("reset"), std::string::npos);
    std::string away = tooltip_at(data_point(0.3f, 0.8f));
    EXPECT_NE(away.find("x = "), std::string::npos) << away; // the readout is there, without markers
    EXPECT_EQ(away.find("train.lr"), std::string::npos);
    // Anywhere on a label's box, too, though the box reaches well past its line.
    const auto& label =
        layout.marker_labels[0].marker == 0 ? layout.marker_labels[0] : layout.marker_labels[1];
    ASSERT_GT(label.max.x - line_x, 40);
    std::string on_label = tooltip_at({label.max.x - 3, (label.min.y + label.max.y) / 2});
    EXPECT_NE(on_label.find(long_label), std::string::npos) << on_label;
}

TEST_F(Widget, ShelfKeepsThisFramesPlotsAndReusesItsStorage) {
    PlotShelf shelf;
    PlotView other;
    for (int frame = 0; frame < 3; ++frame) {
        imgui.frame([&] {
            shelf.begin_frame();
            shelf.show(plot, view, size);
            shelf.show(plot, other, {300, 200});
        });
        ASSERT_EQ(shelf.drawn().size(), 2u);
    }
    EXPECT_EQ(shelf.drawn()[0].plot.id, "widget");
    EXPECT_EQ(shelf.drawn()[1].size.x, 300);
    EXPECT_EQ(shelf.drawn()[1].view.x_hi, 1000); // the view after autoscale
    const SeriesHistory* first = shelf.drawn()[0].plot.lines[0].data;
    const LineSeries* storage = shelf.drawn()[0].plot.lines.data();
    imgui.frame([&] {
        shelf.begin_frame();
        shelf.show(plot, view, size);
    });
    EXPECT_EQ(shelf.drawn().size(), 1u);
    EXPECT_EQ(shelf.drawn()[0].plot.lines.data(), storage); // assigned into, not reallocated
    EXPECT_EQ(shelf.drawn()[0].plot.lines[0].data, first);
    EXPECT_TRUE(shelf.take_requests().empty());
}

} // namespace
} // namespace phasor::plot
