// axis_ticks over many ranges and sizes: 4 to 8 round ticks when they fit, steps of 1, 2, 2.5 or 5 × 10^k
// (decades, with 2 and 5 inside them, on log axes), labels that never collide, and fewer ticks only when
// labels would.
#include "ui/plot/axes.hpp"

#include <cmath>
#include <cstring>
#include <gtest/gtest.h>
#include <random>
#include <set>
#include <string>

namespace phasor::plot {
namespace {

constexpr float font = 15;

float estimate(const Tick& t) {
    return 0.56f * font * static_cast<float>(std::strlen(t.label));
}

// The pixel position of a value along an axis of `length` showing [lo, hi].
float position(double v, double lo, double hi, bool log, float length) {
    double t =
        log ? (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo)) : (v - lo) / (hi - lo);
    return static_cast<float>(t) * length;
}

// Whether neighbouring labels keep clear of each other, as laid out on an axis.
bool clear_of_each_other(const std::vector<Tick>& ticks, double lo, double hi, bool log,
                         const AxisRoom& room) {
    for (std::size_t i = 1; i < ticks.size(); ++i) {
        float a = position(ticks[i - 1].value, lo, hi, log, room.length);
        float b = position(ticks[i].value, lo, hi, log, room.length);
        float need = room.stacked ? font : (estimate(ticks[i - 1]) + estimate(ticks[i])) / 2;
        if (std::fabs(b - a) < need) return false;
    }
    return true;
}

bool nice_mantissa(double step) {
    double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (std::fabs(mantissa - m) < 1e-6 * m) return true;
    return false;
}

void check_linear(double lo, double hi, const AxisRoom& room, const std::vector<Tick>& ticks) {
    SCOPED_TRACE(::testing::Message() << lo << " .. " << hi << " over " << room.length << " px"
                                      << (room.stacked ? " stacked" : ""));
    ASSERT_LE(ticks.size(), 8u);
    EXPECT_TRUE(clear_of_each_other(ticks, lo, hi, false, room));
    std::set<std::string> labels;
    for (const Tick& t : ticks) {
        EXPECT_GE(t.value, lo - (hi - lo) * 1e-6);
        EXPECT_LE(t.value, hi + (hi - lo) * 1e-6);
        labels.insert(t.label);
    }
    EXPECT_EQ(labels.size(), ticks.size()) << "neighbouring labels must read differently";
    if (ticks.size() >= 2) {
        double step = ticks[1].value - ticks[0].value;
        EXPECT_TRUE(nice_mantissa(step)) << step;
        for (std::size_t i = 1; i < ticks.size(); ++i)
            EXPECT_NEAR(ticks[i].value - ticks[i - 1].value, step, step * 1e-6);
        // Multiples of the step: a view that pans keeps its ticks on round numbers.
        double k = ticks[0].value / step;
        EXPECT_NEAR(k, std::round(k), 1e-6 * std::max(1.0, std::fabs(k)));
    }
}

TEST(AxisTicks, FourToEightRoundTicksOnEveryRangeThatHasRoom) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> exponent(-6, 9), unit(-1, 1), length(60, 1600);
    std::vector<Tick> ticks;
    int short_of_four = 0;
    for (int trial = 0; trial < 4000; ++trial) {
        double scale = std::pow(10.0, exponent(rng));
        double lo = unit(rng) * scale, hi = lo + std::fabs(unit(rng)) * scale + scale * 1e-3;
        AxisRoom room{
            .length = static_cast<float>(length(rng)), .font_size = font, .stacked = trial % 2 == 0};
        axis_ticks(lo, hi, false, room, ticks);
        check_linear(lo, hi, room, ticks);
        // Stacked labels need 1.25 lines each, and round steps come at most a factor 2 apart: from 10 lines
        // up there is always a step giving 4 or more.
        if (room.stacked && room.length >= 10 * font) {
            EXPECT_GE(ticks.size(), 4u) << lo << " .. " << hi << " over " << room.length;
        }
        // Side by side, long labels (1.234e-5) may take the room of several ticks; short ones do not.
        if (!room.stacked && room.length >= 60 * font) {
            EXPECT_GE(ticks.size(), 4u) << lo << " .. " << hi;
        }
        short_of_four += ticks.size() < 4;
    }
    EXPECT_LT(short_of_four, 800); // only where the axis is short for its labels
}

TEST(AxisTicks, DenserWithRoomButNeverMoreThanEight) {
    std::vector<Tick> ticks;
    AxisRoom room{.length = 150, .font_size = font, .stacked = true};
    axis_ticks(0, 1, false, room, ticks);
    EXPECT_GE(ticks.size(), 4u);
    EXPECT_LE(ticks.size(), 5u); // a short axis keeps them a comfortable distance apart
    room.length = 2000;
    axis_ticks(0, 1, false, room, ticks);
    EXPECT_GE(ticks.size(), 6u);
    EXPECT_LE(ticks.size(), 8u);
    // The x axis of a small plot on screen: 0 .. 1.2M over 130 pixels has labels wider than their spacing
    // at 4 ticks, so fewer are shown rather than overlapping.
    AxisRoom narrow{.length = 130, .font_size = font, .stacked = false};
    axis_ticks(0, 1.2e6, false, narrow, ticks);
    EXPECT_GE(ticks.size(), 2u);
    EXPECT_LT(ticks.size(), 4u);
    EXPECT_TRUE(clear_of_each_other(ticks, 0, 1.2e6, false, narrow));
}

TEST(AxisTicks, StepsOfTwoAndAHalfAreLabelledExactly) {
    std::vector<Tick> ticks;
    // 0 .. 1 in 5 ticks of 0.25 is the only way to get 4 to 5 ticks on a 2-inch axis that wants 5.
    axis_ticks(0, 1, false, {.length = 110, .font_size = font, .stacked = true}, ticks);
    std::vector<std::string> labels;
    for (const Tick& t : ticks) labels.push_back(t.label);
    EXPECT_EQ(labels, (std::vector<std::string>{"0", "0.25", "0.5", "0.75", "1"}));
    axis_ticks(0, 10000, false, {.length = 110, .font_size = font, .stacked = true}, ticks);
    labels.clear();
    for (const Tick& t : ticks) labels.push_back(t.label);
    EXPECT_EQ(labels, (std::vector<std::string>{"0", "2.5k", "5k", "7.5k", "10k"}));
}

TEST(AxisTicks, ACustomMeasureDropsTicksWhoseLabelsCollide) {
    std::vector<Tick> ticks;
    struct Wide {
        static float width(const void*, std::string_view label, float size) {
            return size * 3 * static_cast<float>(label.size());
        }
    };
    AxisRoom wide{.length = 400, .font_size = font, .stacked = false, .width = Wide::width};
    axis_ticks(0, 100, false, wide, ticks);
    ASSERT_GE(ticks.size(), 2u);
    for (std::size_t i = 1; i < ticks.size(); ++i) {
        float gap =
            position(ticks[i].value, 0, 100, false, 400) - position(ticks[i - 1].value, 0, 100, false, 400);
        float need =
            (Wide::width(nullptr, ticks[i].label, font) + Wide::width(nullptr, ticks[i - 1].label, font)) / 2;
        EXPECT_GE(gap, need);
    }
    AxisRoom normal{.length = 400, .font_size = font, .stacked = false};
    std::vector<Tick> more;
    axis_ticks(0, 100, false, normal, more);
    EXPECT_GT(more.size(), ticks.size());
}

void check_log(double lo, double hi, const AxisRoom& room, const std::vector<Tick>& ticks) {
    SCOPED_TRACE(::testing::Message() << "log " << lo << " .. " << hi << " over " << room.length << " px");
    ASSERT_LE(ticks.size(), 8u);
    EXPECT_TRUE(clear_of_each_other(ticks, lo, hi, true, room));
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        EXPECT_GE(ticks[i].value, lo * (1 - 1e-6));
        EXPECT_LE(ticks[i].value, hi * (1 + 1e-6));
        if (i > 0) {
            EXPECT_GT(ticks[i].value, ticks[i - 1].value);
        }
    }
}

TEST(AxisTicks, LogAxesShowDecadesAndTheirHalvesAndFifths) {
    std::vector<Tick> ticks;
    AxisRoom tall{.length = 400, .font_size = font, .stacked = true};
    // Many decades: decades only, every n-th when there are too many.
    axis_ticks(3e-5, 2e3, true, tall, ticks);
    check_log(3e-5, 2e3, tall, ticks);
    ASSERT_GE(ticks.size(), 4u);
    for (const Tick& t : ticks) EXPECT_NEAR(std::log10(t.value), std::round(std::log10(t.value)), 1e-9);
    axis_ticks(1e-12, 1e12, true, tall, ticks);
    check_log(1e-12, 1e12, tall, ticks);
    EXPECT_GE(ticks.size(), 4u);
    for (const Tick& t : ticks) EXPECT_EQ(static_cast<int>(std::round(std::log10(t.value))) % 2, 0);
    // Two decades: 1, 2 and 5 inside each.
    axis_ticks(0.15, 6, true, tall, ticks);
    std::vector<double> values;
    for (const Tick& t : ticks) values.push_back(t.value);
    EXPECT_EQ(values, (std::vector<double>{0.2, 0.5, 1, 2, 5}));
    // One decade and a bit: 2, 3 and 5 come in to make four.
    axis_ticks(0.3, 4, true, tall, ticks);
    values.clear();
    for (const Tick& t : ticks) values.push_back(t.value);
    EXPECT_EQ(values, (std::vector<double>{0.3, 0.5, 1, 2, 3}));
    // Less than a decade: linear steps.
    axis_ticks(0.42, 0.71, true, tall, ticks);
    check_log(0.42, 0.71, tall, ticks);
    EXPECT_GE(ticks.size(), 4u);
}

TEST(AxisTicks, LogAxesOverManyRangesAndSizes) {
    std::mt19937 rng(11);
    std::uniform_real_distribution<double> start(-8, 6), span(0.05, 14), length(60, 1600);
    std::vector<Tick> ticks;
    for (int trial = 0; trial < 3000; ++trial) {
        double lo = std::pow(10.0, start(rng)), hi = lo * std::pow(10.0, span(rng));
        AxisRoom room{
            .length = static_cast<float>(length(rng)), .font_size = font, .stacked = trial % 2 == 0};
        axis_ticks(lo, hi, true, room, ticks);
        check_log(lo, hi, room, ticks);
        if (room.stacked && room.length >= 8 * font) {
            EXPECT_GE(ticks.size(), 3u) << lo << " .. " << hi << " over " << room.length;
        }
    }
}

TEST(AxisTicks, NothingForUnusableRanges) {
    std::vector<Tick> ticks{Tick{}};
    axis_ticks(1, 1, false, {.length = 100}, ticks);
    EXPECT_TRUE(ticks.empty());
    axis_ticks(-1, 10, true, {.length = 100}, ticks);
    EXPECT_TRUE(ticks.empty());
    axis_ticks(0, std::nan(""), false, {.length = 100}, ticks);
    EXPECT_TRUE(ticks.empty());
}

} // namespace
} // namespace phasor::plot
