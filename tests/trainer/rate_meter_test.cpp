// Rate meter on synthetic clock points: steady rates, slow motion, and reset.
#include "engine/trainer/rate_meter.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

using namespace std::chrono_literals;
using Clock = RateMeter::Clock;

TEST(RateMeter, EmptyAndSinglePointReadZero) {
    RateMeter meter;
    EXPECT_EQ(meter.rate(), 0.0);
    meter.add(Clock::time_point{} + 1s, 100);
    EXPECT_EQ(meter.rate(), 0.0);
}

TEST(RateMeter, SteadyRateOverManyPoints) {
    RateMeter meter(500ms);
    const auto t0 = Clock::time_point{} + 10s;
    for (int ms = 0; ms <= 3000; ++ms) meter.add(t0 + std::chrono::milliseconds(ms), 1000u * ms); // 1e6/s
    EXPECT_NEAR(meter.rate(), 1e6, 1.0);
}

TEST(RateMeter, FollowsAChangeWithinAboutOneWindow) {
    RateMeter meter(500ms);
    const auto t0 = Clock::time_point{} + 10s;
    std::uint64_t total = 0;
    int ms = 0;
    for (; ms < 2000; ++ms) meter.add(t0 + std::chrono::milliseconds(ms), total += 100); // 1e5/s
    for (; ms < 3000; ++ms) meter.add(t0 + std::chrono::milliseconds(ms), total += 10);  // 1e4/s
    EXPECT_NEAR(meter.rate(), 1e4, 1e3);
}

TEST(RateMeter, SlowMotionMeasuresBetweenTicks) {
    RateMeter meter(500ms);
    const auto t0 = Clock::time_point{} + 10s;
    for (int s = 0; s < 5; ++s) meter.add(t0 + std::chrono::seconds(s), static_cast<std::uint64_t>(s));
    EXPECT_NEAR(meter.rate(), 1.0, 1e-9);
}

TEST(RateMeter, ResetForgetsThePast) {
    RateMeter meter(500ms);
    const auto t0 = Clock::time_point{} + 10s;
    meter.add(t0, 0);
    meter.add(t0 + 100ms, 1000);
    EXPECT_GT(meter.rate(), 0.0);
    meter.reset();
    EXPECT_EQ(meter.rate(), 0.0);
    meter.add(t0 + 10s, 5000);
    EXPECT_EQ(meter.rate(), 0.0);
}

} // namespace
} // namespace phasor
