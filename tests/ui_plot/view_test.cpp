// The view of a time plot: following the last N ticks as data arrives, a new run resetting zoom, pan and the
// old axes, log x, and histograms fitted to their occupied bins with every bar inside the y range.
#include "ui/plot/axes.hpp"
#include "ui/plot/render.hpp"
#include "ui/plot/text_export.hpp"
#include "ui_plot/headless_imgui.hpp"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>

namespace phasor::plot {
namespace {

struct TimePlot {
    SeriesHistory loss;
    Plot plot;
    TimePlot() {
        plot.id = "metrics_loss";
        plot.lines = {{"loss", 0, &loss}};
    }
    void to(double tick, double every = 100) { // samples up to `tick`, one every `every`
        double next = loss.empty() ? 0 : loss.x_max() + every;
        for (; next <= tick; next += every) loss.push(next, static_cast<float>(1 / (1 + next * 1e-4)));
    }
};

TEST(Follow, ShowsTheLastWindowAndSlidesAsDataArrives) {
    TimePlot run;
    PlotView view;
    view.follow = 10000;
    run.to(4000);
    fit(run.plot, view);
    EXPECT_EQ(view.x_lo, 0); // less than the window so far: all of it
    EXPECT_EQ(view.x_hi, 4000);
    run.to(50000);
    fit(run.plot, view);
    EXPECT_EQ(view.x_lo, 40000);
    EXPECT_EQ(view.x_hi, 50000);
    // y fits what the window shows, not the whole run.
    EXPECT_LT(view.y_hi, 1 / (1 + 40000 * 1e-4) * 1.06);
    run.to(1'234'500);
    fit(run.plot, view);
    EXPECT_EQ(view.x_hi, 1'234'500);
    EXPECT_EQ(view.x_hi - view.x_lo, 10000);
    // "All" is what plots have always done.
    view.follow = 0;
    fit(run.plot, view);
    EXPECT_EQ(view.x_lo, 0);
    EXPECT_EQ(view.x_hi, 1'234'500);
}

TEST(Follow, StopsWhenTheUserPansAndResumesOnAutoscale) {
    TimePlot run;
    PlotView view;
    view.follow = 1e5;
    run.to(500000);
    fit(run.plot, view);
    view.auto_x = false; // a pan or a zoom
    view.x_lo = 1000, view.x_hi = 2000;
    run.to(600000);
    fit(run.plot, view);
    EXPECT_EQ(view.x_lo, 1000);
    view.auto_x = true; // a double-click
    fit(run.plot, view);
    EXPECT_EQ(view.x_lo, 500000);
    EXPECT_EQ(view.x_hi, 600000);
}

TEST(NewRun, ClearedDataResetsZoomPanAndTheOldAxes) {
    TimePlot run;
    PlotView view;
    view.follow = 1e4;
    view.smoothing = 0.9;
    view.toggle("other");
    run.to(80000);
    fit(run.plot, view);
    view.auto_x = view.auto_y = false; // zoomed into the old run
    view.x_lo = 70000, view.x_hi = 75000, view.y_lo = 0.5, view.y_hi = 0.6;
    run.loss.clear(); // a reset: the history starts again from tick 0
    fit(run.plot, view);
    EXPECT_TRUE(view.auto_x);
    EXPECT_TRUE(view.auto_y);
    EXPECT_EQ(view.x_lo, 0); // no data yet: nothing of the old range is kept
    EXPECT_EQ(view.x_hi, 1);
    run.to(3000);
    fit(run.plot, view);
    EXPECT_EQ(view.x_lo, 0);
    EXPECT_EQ(view.x_hi, 3000);
    EXPECT_GT(view.y_hi, 0.9); // the new run's loss, from its start
    // What the user chose stays.
    EXPECT_EQ(view.follow, 1e4);
    EXPECT_EQ(view.smoothing, 0.9);
    EXPECT_TRUE(view.is_hidden("other"));
}

TEST(NewRun, XGoingBackOrAnotherHistoryIsANewRun) {
    TimePlot run;
    PlotView view;
    run.to(3000);
    const SeriesHistory early = run.loss; // the same points and epoch
    run.to(50000);
    fit(run.plot, view);
    view.auto_x = false;
    view.x_lo = 10, view.x_hi = 20;
    // Its x back at an earlier tick, whatever brought it there.
    run.loss = early;
    fit(run.plot, view);
    EXPECT_TRUE(view.auto_x);
    EXPECT_EQ(view.x_hi, 3000);
    // Another history (the panel points the line at the next run's): a new run even if it has gone
    // further than the old one by the time the plot is drawn again.
    view.auto_x = false;
    view.x_lo = 10, view.x_hi = 20;
    SeriesHistory replacement;
    for (int i = 0; i <= 100; ++i) replacement.push(i * 1000.0, 1.f);
    run.plot.lines[0].data = &replacement;
    fit(run.plot, view);
    EXPECT_TRUE(view.auto_x);
    EXPECT_EQ(view.x_hi, 100000);
    // More points of the same run change nothing the user did.
    view.auto_x = false;
    view.x_lo = 10, view.x_hi = 20;
    replacement.push(200000, 0.8f);
    fit(run.plot, view);
    EXPECT_FALSE(view.auto_x);
    EXPECT_EQ(view.x_lo, 10);
    // Hiding the line that reaches furthest is not a new run either.
    SeriesHistory shorter;
    shorter.push(0, 1.f);
    run.plot.lines.push_back({"short", 0, &shorter});
    fit(run.plot, view); // a line more: a different set of histories, so the view starts over
    view.auto_x = false;
    view.x_lo = 10, view.x_hi = 20;
    view.toggle("loss");
    fit(run.plot, view);
    EXPECT_FALSE(view.auto_x);
}

TEST(NewRun, ResetForgetsTheRangesAndKeepsTheChoices) {
    PlotView view;
    view.auto_x = false;
    view.x_lo = 5, view.x_hi = 6, view.y_lo = 7, view.y_hi = 8;
    view.follow = 1e6;
    view.log_x = true;
    view.reset();
    EXPECT_TRUE(view.auto_x && view.auto_y);
    EXPECT_EQ(view.x_lo, 0);
    EXPECT_EQ(view.y_hi, 1);
    EXPECT_EQ(view.follow, 1e6);
    EXPECT_EQ(view.log_x, true);
}

TEST(LogX, FitsThePositiveTicksAndMapsDecadesEvenly) {
    TimePlot run;
    run.to(1e6, 1000);
    PlotView view;
    view.log_x = true;
    fit(run.plot, view);
    EXPECT_EQ(view.x_lo, 1000); // tick 0 cannot be shown on a log axis
    EXPECT_EQ(view.x_hi, 1e6);
    run.plot.x.label = "tick";
    std::string svg = to_svg(run.plot, view, 640, 400);
    EXPECT_NE(svg.find(">10k</text>"), std::string::npos);
    EXPECT_NE(svg.find(">100k</text>"), std::string::npos);
    EXPECT_NE(svg.find(">1M</text>"), std::string::npos);
    // The plot's own setting, and the view overriding it.
    Plot log_plot = run.plot;
    log_plot.x.log = true;
    PlotView plain;
    EXPECT_TRUE(plain.x_log(log_plot));
    plain.log_x = false;
    EXPECT_FALSE(plain.x_log(log_plot));
}

TEST(LogX, DrawsAtPixelResolutionOverDecades) {
    phasor::testing::HeadlessImGui imgui;
    ImGui::NewFrame();
    TimePlot run;
    run.to(1e6, 10);
    PlotView view;
    view.log_x = true;
    fit(run.plot, view);
    std::string svg = to_svg(run.plot, view, 300, 200);
    std::size_t begin = svg.find("<polyline points=\"");
    ASSERT_NE(begin, std::string::npos);
    std::string points = svg.substr(begin, svg.find('"', begin + 18) - begin);
    // 100,000 points, buckets equal in log x: at most two per pixel column, and the first decade gets as many
    // columns as the last.
    EXPECT_LT(std::count(points.begin(), points.end(), ','), 2 * 300 + 2);
    EXPECT_GT(std::count(points.begin(), points.end(), ','), 150);
    ImGui::EndFrame();
}

Plot histogram_plot(std::vector<double> edges, std::vector<double> counts) {
    Plot plot;
    plot.id = "attention_histogram";
    plot.histograms.push_back({std::move(edges), std::move(counts), 0});
    return plot;
}

std::vector<double> edges(double lo, double hi, int bins) {
    std::vector<double> out;
    for (int i = 0; i <= bins; ++i) out.push_back(lo + (hi - lo) * i / bins);
    return out;
}

TEST(HistogramFit, XCoversTheOccupiedBinsNotZero) {
    // Factors binned over [0, 4]; all of them near 1.
    std::vector<double> counts(40, 0);
    counts[9] = 30, counts[10] = 500, counts[11] = 40;
    Plot plot = histogram_plot(edges(0, 4, 40), counts);
    PlotView view;
    fit(plot, view);
    EXPECT_NEAR(view.x_lo, 0.8, 1e-9); // one empty bin either side
    EXPECT_NEAR(view.x_hi, 1.3, 1e-9);
    // Occupied at the ends: the edges, no further.
    counts.assign(40, 0);
    counts[0] = 1, counts[39] = 1;
    plot = histogram_plot(edges(0, 4, 40), counts);
    fit(plot, view = {});
    EXPECT_EQ(view.x_lo, 0);
    EXPECT_EQ(view.x_hi, 4);
    // Empty: all of it.
    plot = histogram_plot(edges(2, 3, 10), std::vector<double>(10, 0));
    fit(plot, view = {});
    EXPECT_EQ(view.x_lo, 2);
    EXPECT_EQ(view.x_hi, 3);
}

TEST(HistogramFit, ASingleTallBarIsNeverClipped) {
    phasor::testing::HeadlessImGui imgui;
    ImGui::NewFrame();
    ImDrawList draw(ImGui::GetDrawListSharedData());
    for (bool log : {false, true}) {
        std::vector<double> counts(20, 0);
        counts[7] = 1e6;
        Plot plot = histogram_plot(edges(-1, 1, 20), counts);
        plot.y.log = log;
        PlotView view;
        fit(plot, view);
        EXPECT_GE(view.y_hi, 1e6) << log;
        imgui.reset(draw);
        PlotLayout layout = render(plot, view, draw, {0, 0}, {400, 300});
        Mapping map;
        map.x_lo = layout.x_lo, map.x_hi = layout.x_hi, map.y_lo = layout.y_lo, map.y_hi = layout.y_hi;
        map.log_y = log;
        map.min = layout.data_min, map.max = layout.data_max;
        // The bar's top, outline included, is inside the data area.
        EXPECT_GT(map.py(1e6), layout.data_min.y + 1) << log;
        EXPECT_GT(map.px(-1 + 0.1 * 7), layout.data_min.x) << log;
        EXPECT_LT(map.px(-1 + 0.1 * 8), layout.data_max.x) << log;
    }
    ImGui::EndFrame();
}

} // namespace
} // namespace phasor::plot
