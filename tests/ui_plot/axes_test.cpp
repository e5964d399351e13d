// Tick values, tick labels and the colour tables: nice steps that cover the range, readable compact labels.
#include "ui/plot/axes.hpp"
#include "ui/plot/canvas.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <random>
#include <set>
#include <string>

namespace phasor::plot {
namespace {

bool is_nice(double step) {
    double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-12));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (std::fabs(mantissa - m) < 1e-9 * m) return true;
    return false;
}

std::string label(double v, double step = 0) {
    char buffer[24];
    format_number(v, step, buffer, sizeof buffer);
    return buffer;
}

TEST(Ticks, LinearTicksAreNiceEvenlySpacedAndCoverTheRange) {
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> exponent(-6, 9), unit(-1, 1);
    std::vector<Tick> ticks;
    for (int trial = 0; trial < 2000; ++trial) {
        double scale = std::pow(10.0, exponent(rng));
        double lo = unit(rng) * scale, hi = lo + std::fabs(unit(rng)) * scale + scale * 1e-3;
        int target = 2 + trial % 9;
        linear_ticks(lo, hi, target, ticks);
        ASSERT_GE(ticks.size(), 1u) << lo << " " << hi;
        double step = nice_step(hi - lo, target);
        EXPECT_TRUE(is_nice(step)) << step;
        EXPECT_LE(ticks.front().value - lo, step * (1 + 1e-9));
        EXPECT_LE(hi - ticks.back().value, step * (1 + 1e-9));
        std::set<std::string> labels;
        for (std::size_t i = 0; i < ticks.size(); ++i) {
            EXPECT_GE(ticks[i].value, lo - step * 1e-6);
            EXPECT_LE(ticks[i].value, hi + step * 1e-6);
            if (i > 0) {
                EXPECT_NEAR(ticks[i].value - ticks[i - 1].value, step, step * 1e-6);
            }
            labels.insert(ticks[i].label);
        }
        EXPECT_EQ(labels.size(), ticks.size())
            << "neighbouring ticks must read differently, " << lo << ".." << hi;
        EXPECT_LE(static_cast<int>(ticks.size()), 3 * target + 1);
    }
}

TEST(Ticks, LinearTicksHitRoundNumbers) {
    std::vector<Tick> ticks;
    linear_ticks(0, 1, 5, ticks);
    ASSERT_EQ(ticks.size(), 6u);
    EXPECT_NEAR(ticks[3].value, 0.6, 1e-12);
    EXPECT_STREQ(ticks[3].label, "0.6");
    EXPECT_STREQ(ticks[0].label, "0");
    linear_ticks(-3.7, 12.2, 4, ticks);
    EXPECT_STREQ(ticks.front().label, "0");
    EXPECT_EQ(ticks.back().value, 10);
}

TEST(Ticks, LogTicksAreDecadesOnWideRanges) {
    std::vector<Tick> ticks;
    log_ticks(3e-5, 2e3, 10, ticks);
    ASSERT_EQ(ticks.size(), 8u); // 1e-4 ... 1e3
    for (const Tick& t : ticks) {
        double e = std::log10(t.value);
        EXPECT_NEAR(e, std::round(e), 1e-12);
    }
    EXPECT_STREQ(ticks.front().label, "1e-4");
    EXPECT_STREQ(ticks.back().label, "1k");
    log_ticks(1e-12, 1e12, 5, ticks); // too many decades: every n-th, still at most about the target
    EXPECT_LE(ticks.size(), 7u);
    EXPECT_GE(ticks.size(), 3u);
}

TEST(Ticks, LogTicksAdd2And5OnNarrowRanges) {
    std::vector<Tick> ticks;
    log_ticks(0.15, 6, 6, ticks);
    std::vector<double> values;
    for (const Tick& t : ticks) values.push_back(t.value);
    EXPECT_EQ(values, (std::vector<double>{0.2, 0.5, 1, 2, 5}));
}

TEST(Labels, AreCompact) {
    EXPECT_EQ(label(12000), "12k");
    EXPECT_EQ(label(1.5e6), "1.5M");
    EXPECT_EQ(label(2.5e9), "2.5G");
    EXPECT_EQ(label(0.001), "1e-3");
    EXPECT_EQ(label(0.00025), "2.5e-4");
    EXPECT_EQ(label(0.25), "0.25");
    EXPECT_EQ(label(0), "0");
    EXPECT_EQ(label(-1500), "-1.5k");
    EXPECT_EQ(label(42), "42");
    EXPECT_EQ(label(0.1 + 0.2, 0.1), "0.3");
    EXPECT_EQ(label(1200, 200), "1.2k");
    EXPECT_EQ(label(1e-17, 0.1), "0"); // rounding noise around zero
    EXPECT_EQ(label(std::nan("")), "nan");
}

TEST(Colormaps, HaveTheirEndsAndAreClamped) {
    const auto& viridis = colormap_table(Colormap::Viridis);
    ASSERT_EQ(viridis.size(), 256u);
    EXPECT_EQ(viridis.front(), rgba(0x44, 0x01, 0x54));
    EXPECT_EQ(viridis.back(), rgba(0xFD, 0xE7, 0x25));
    EXPECT_EQ(colormap_color(Colormap::Viridis, -5, 0, 1), viridis.front());
    EXPECT_EQ(colormap_color(Colormap::Viridis, 5, 0, 1), viridis.back());
    const auto& diverging = colormap_table(Colormap::Diverging);
    EXPECT_EQ(diverging.front(), rgba(0x3B, 0x4C, 0xC0));
    EXPECT_EQ(diverging.back(), rgba(0xB4, 0x04, 0x26));
    Rgba middle = colormap_color(Colormap::Diverging, 0, -1, 1);
    EXPECT_GT(middle & 0xFF, 0xF0u); // close to white at zero
    EXPECT_NE(colormap_color(Colormap::Classes, 0, 0, 0), colormap_color(Colormap::Classes, 1, 0, 0));
    EXPECT_EQ(colormap_color(Colormap::Viridis, std::nanf(""), 0, 1) >> 24, 0u);
}

TEST(Colormaps, HeatmapRangeResolvesAutoscale) {
    Heatmap h;
    h.values = {-2.f, 0.5f, 1.f, std::nanf("")};
    EXPECT_EQ(heatmap_range(h), (std::pair{0.f, 1.f})); // the default scale is fixed
    h.lo = h.hi = 0;                                    // lo == hi: autoscale
    EXPECT_EQ(heatmap_range(h), (std::pair{-2.f, 1.f}));
    h.symmetric = true;
    EXPECT_EQ(heatmap_range(h), (std::pair{-2.f, 2.f}));
    h.lo = -0.1f, h.hi = 0.3f;
    EXPECT_EQ(heatmap_range(h), (std::pair{-0.1f, 0.3f}));
}

TEST(Palette, SeriesColoursAreDistinctAndOpaque) {
    std::set<Rgba> colours;
    for (int i = 0; i < 8; ++i) {
        colours.insert(series_color(i));
        EXPECT_EQ(series_color(i) >> 24, 0xFFu);
    }
    EXPECT_EQ(colours.size(), 8u);
    EXPECT_EQ(series_color(8), series_color(0));
}

} // namespace
} // namespace phasor::plot
