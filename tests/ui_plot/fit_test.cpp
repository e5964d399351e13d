// fit(): autoscale takes in every visible mark with a little headroom, ignores hidden series, follows new
// data, and keeps a log axis positive.
#include "ui/plot/render.hpp"

#include <gtest/gtest.h>

namespace phasor::plot {
namespace {

struct TwoLines {
    SeriesHistory small, large;
    Plot plot;
    TwoLines() {
        for (int i = 0; i <= 100; ++i) {
            small.push(i, 1.f + static_cast<float>(i % 5));  // y in [1, 5]
            large.push(i * 2.0, static_cast<float>(i) - 50); // y in [-50, 50], x up to 200
        }
        plot.id = "two";
        plot.lines = {{"small", 0, &small}, {"large", 0, &large}};
    }
};

TEST(Fit, ContainsAllVisibleDataWithHeadroom) {
    TwoLines t;
    PlotView view;
    fit(t.plot, view);
    EXPECT_LE(view.x_lo, 0);
    EXPECT_GE(view.x_hi, 200);
    EXPECT_LT(view.y_lo, -50);
    EXPECT_GT(view.y_hi, 50);
    EXPECT_LT(view.y_hi, 60); // a little headroom, not a lot
}

TEST(Fit, IgnoresHiddenSeries) {
    TwoLines t;
    PlotView view;
    view.toggle("large");
    fit(t.plot, view);
    EXPECT_LE(view.y_lo, 1);
    EXPECT_GE(view.y_hi, 5);
    EXPECT_LT(view.y_hi, 6);
    EXPECT_GT(view.y_lo, 0);
    EXPECT_LE(view.x_hi, 100);
    view.toggle("large");
    EXPECT_FALSE(view.is_hidden("large"));
}

TEST(Fit, FollowsNewDataAndLeavesManualAxesAlone) {
    TwoLines t;
    PlotView view;
    fit(t.plot, view);
    t.large.push(400, 10.f);
    fit(t.plot, view);
    EXPECT_GE(view.x_hi, 400);
    view.auto_x = false;
    view.x_lo = 10, view.x_hi = 20;
    fit(t.plot, view);
    EXPECT_EQ(view.x_lo, 10);
    EXPECT_EQ(view.x_hi, 20);
    // y fits what is shown: over x in [10, 20] the small line has y 1..5 and the large one -45..-40.
    EXPECT_LE(view.y_lo, -45);
    EXPECT_GE(view.y_hi, 5);
    EXPECT_LT(view.y_hi, 10);
}

TEST(Fit, LogAxisStaysPositive) {
    SeriesHistory h;
    for (int i = 0; i < 50; ++i) h.push(i, i < 10 ? -1.f : i < 20 ? 0.f : 0.001f * static_cast<float>(i));
    Plot plot;
    plot.y.log = true;
    plot.lines = {{"loss", 0, &h}};
    PlotView view;
    fit(plot, view);
    EXPECT_GT(view.y_lo, 0);
    EXPECT_LE(view.y_lo, 0.02);
    EXPECT_GE(view.y_hi, 0.049);
}

TEST(Fit, CoversBarsHistogramsHeatmapsAndScatter) {
    Plot plot;
    plot.bars.push_back({{"a", "b", "c"}, {0.5, 0.9, 0.7}, 0});
    PlotView view;
    fit(plot, view);
    EXPECT_LE(view.x_lo, -0.5);
    EXPECT_GE(view.x_hi, 2.5);
    EXPECT_EQ(view.y_lo, 0); // bars stand on the axis
    EXPECT_GE(view.y_hi, 0.9);

    Plot map;
    Heatmap h;
    h.rows = 2, h.cols = 2, h.values = {0, 1, 2, 3};
    h.x0 = -1, h.x1 = 1, h.y0 = -2, h.y1 = 2;
    map.heatmaps.push_back(h);
    map.scatters.push_back({"points", 0, {-3.f, 0.5f}, {0.f, 5.f}, {}, false});
    fit(map, view = {});
    EXPECT_LE(view.x_lo, -3);
    EXPECT_GE(view.x_hi, 1);
    EXPECT_LE(view.y_lo, -2);
    EXPECT_GE(view.y_hi, 5);

    Plot hist;
    hist.histograms.push_back({{0, 1, 2, 4}, {3, 7, 1}, 0});
    fit(hist, view = {});
    EXPECT_EQ(view.x_lo, 0);
    EXPECT_EQ(view.x_hi, 4);
    EXPECT_GE(view.y_hi, 7);
}

TEST(Fit, LeavesTheViewAloneWithoutData) {
    Plot plot;
    SeriesHistory empty;
    plot.lines = {{"nothing yet", 0, &empty}};
    PlotView view;
    view.x_lo = 3, view.x_hi = 4;
    fit(plot, view);
    EXPECT_EQ(view.x_lo, 3);
    EXPECT_EQ(view.x_hi, 4);
}

} // namespace
} // namespace phasor::plot
