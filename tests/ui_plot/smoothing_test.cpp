// Smoothing: TensorBoard's debiased moving average, drawn over the faint raw line on screen and in SVG,
// written beside the raw values in CSV, kept up to date as points arrive without redoing the whole line, and
// drawn without allocating once warm.
#include "support/allocation_counter.hpp"
#include "ui/plot/smoothing.hpp"
#include "ui/plot/text_export.hpp"
#include "ui_plot/headless_imgui.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <sstream>

namespace phasor::plot {
namespace {

using phasor::testing::HeadlessImGui;

TEST(Ema, IsTensorBoardsDebiasedAverage) {
    Ema ema(0.5);
    EXPECT_FLOAT_EQ(ema.next(1), 1.f); // debiased: the first point is itself
    EXPECT_FLOAT_EQ(ema.next(2), 1.25f / 0.75f);
    EXPECT_TRUE(std::isnan(ema.next(std::nanf("")))); // a gap stays a gap
    EXPECT_FLOAT_EQ(ema.next(3), 2.125f / 0.875f);    // and the average carries on past it
    EXPECT_NEAR(smoothing_for_half_life(1), 0.5, 1e-12);
    EXPECT_NEAR(std::pow(smoothing_for_half_life(69), 69), 0.5, 1e-9);
}

// A noisy line: a slow trend with ±1 alternating on top.
struct Noisy {
    SeriesHistory data;
    Plot plot;
    PlotView view;
    explicit Noisy(int n = 2000) {
        for (int i = 0; i < n; ++i) data.push(i, static_cast<float>(i) * 1e-4f + (i % 2 ? 1.f : -1.f));
        plot.id = "noisy";
        plot.lines = {{"loss", 0, &data}};
        fit(plot, view);
    }
};

// The y coordinates of the n-th <polyline> of an SVG and its opening tag.
std::pair<std::vector<double>, std::string> polyline(const std::string& svg, int n) {
    std::size_t at = svg.find("<polyline");
    for (int i = 0; i < n && at != std::string::npos; ++i) at = svg.find("<polyline", at + 1);
    if (at == std::string::npos) return {};
    std::string tag = svg.substr(at, svg.find('>', at) - at);
    std::size_t begin = tag.find("points=\"") + 8;
    std::istringstream in(tag.substr(begin, tag.find('"', begin) - begin));
    std::vector<double> ys;
    double x, y;
    char comma;
    while (in >> x >> comma >> y) ys.push_back(y);
    return {ys, tag};
}

double spread(const std::vector<double>& ys) {
    double lo = 1e30, hi = -1e30;
    for (std::size_t i = ys.size() / 2; i < ys.size(); ++i)
        lo = std::min(lo, ys[i]), hi = std::max(hi, ys[i]);
    return hi - lo;
}

TEST(Smoothing, DrawsTheAverageOverTheFaintRawLine) {
    Noisy p;
    std::string plain = to_svg(p.plot, p.view, 640, 400);
    ASSERT_EQ(polyline(plain, 1).first.size(), 0u); // one line only
    p.view.smoothing = 0.99;
    std::string svg = to_svg(p.plot, p.view, 640, 400);
    auto [raw, raw_tag] = polyline(svg, 0);
    auto [smooth, smooth_tag] = polyline(svg, 1);
    ASSERT_FALSE(raw.empty());
    ASSERT_FALSE(smooth.empty());
    EXPECT_EQ(polyline(svg, 2).first.size(), 0u);
    // The raw line first, faint and thinner; the average over it in the line's colour.
    const std::string colour = "stroke=\"#56b4e9\"";
    EXPECT_NE(raw_tag.find(colour + " stroke-opacity=\"0.302\""), std::string::npos) << raw_tag;
    EXPECT_NE(raw_tag.find("stroke-width=\"1.00\""), std::string::npos) << raw_tag;
    EXPECT_NE(smooth_tag.find(colour + "/"), std::string::npos) << smooth_tag;
    EXPECT_NE(smooth_tag.find("stroke-width=\"1.50\""), std::string::npos) << smooth_tag;
    // The raw line is drawn as it is without smoothing, only fainter.
    EXPECT_EQ(raw, polyline(plain, 0).first);
    // The noise is gone from the average, the trend is not.
    EXPECT_LT(spread(smooth), spread(raw) / 4);
    // Hidden lines take their average with them.
    p.view.toggle("loss");
    EXPECT_EQ(polyline(to_svg(p.plot, p.view, 640, 400), 0).first.size(), 0u);
}

TEST(Smoothing, CsvKeepsTheRawValuesAndAddsTheAverage) {
    Noisy p(50);
    const std::string raw_only = to_csv(p.plot, p.view);
    EXPECT_EQ(raw_only, to_csv(p.plot)); // smoothing off: the CSV as it has always been
    p.view.smoothing = 0.9;
    std::istringstream csv(to_csv(p.plot, p.view));
    std::string line;
    std::getline(csv, line);
    EXPECT_EQ(line, "series,x,y,y_smoothed");
    Ema ema(0.9);
    for (std::size_t i = 0; i < 50; ++i) {
        ASSERT_TRUE(std::getline(csv, line));
        double x = 0;
        float y = 0, s = 0;
        ASSERT_EQ(std::sscanf(line.c_str(), "loss,%lf,%f,%f", &x, &y, &s), 3) << line;
        EXPECT_EQ(x, p.data[i].x);
        EXPECT_EQ(y, p.data[i].y);
        EXPECT_EQ(s, ema.next(p.data[i].y));
    }
}

TEST(Smoothing, FollowsNewPointsAndCompactionExactly) {
    SeriesHistory data(64); // compacts often
    Plot plot;
    plot.lines = {{"loss", 0, &data}};
    PlotView view;
    view.smoothing = 0.8;
    auto check = [&] {
        const SeriesHistory* smooth = smoothed_line(plot, view, 0);
        ASSERT_NE(smooth, nullptr);
        ASSERT_EQ(smooth->size(), data.size());
        Ema ema(view.smoothing);
        for (std::size_t i = 0; i < data.size(); ++i) {
            EXPECT_EQ((*smooth)[i].x, data[i].x);
            EXPECT_EQ((*smooth)[i].y, ema.next(data[i].y)) << i;
        }
    };
    for (int i = 0; i < 500; ++i) {
        data.push(i, std::sin(static_cast<float>(i)));
        if (i % 37 == 0) check();
    }
    check();
    view.smoothing = 0.95; // another weight: made again
    check();
    data.clear();
    data.push(0, 3.f);
    check();
    // A copy of the view (the shelf's) shares the same averages.
    PlotView copy = view;
    EXPECT_EQ(smoothed_line(plot, copy, 0), smoothed_line(plot, view, 0));
    view.smoothing = 0;
    EXPECT_EQ(smoothed_line(plot, view, 0), nullptr);
}

#ifdef PHASOR_COUNT_MALLOC
TEST(Smoothing, DrawsWithoutAllocatingOnceWarm) {
    HeadlessImGui imgui;
    ImGui::NewFrame();
    ImDrawList draw(ImGui::GetDrawListSharedData());
    Noisy p(200000);
    p.view.smoothing = 0.99;
    PlotLayout layout;
    auto once = [&] {
        imgui.reset(draw);
        render(p.plot, p.view, draw, {0, 0}, {800, 400}, {}, layout);
    };
    once();
    once();
    EXPECT_EQ(phasor::testing::count_mallocs(once), 0);
    ImGui::EndFrame();
}
#endif

} // namespace
} // namespace phasor::plot
