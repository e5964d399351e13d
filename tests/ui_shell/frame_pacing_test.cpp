// The app idles only when nothing has changed for a moment, and wakes for new snapshots, input and notices.
#include "ui/frame_pacing.hpp"

#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using namespace std::chrono_literals;

TEST(FramePacing, IdlesOnceNothingHasChangedForASecond) {
    FramePacing pacing;
    auto t = FramePacing::Clock::now();
    pacing.observe(7, false, t);
    EXPECT_EQ(pacing.wait_seconds(false, t + 500ms), 0.0);
    pacing.observe(7, false, t + 500ms); // the same snapshot: a paused run
    EXPECT_GT(pacing.wait_seconds(false, t + 1100ms), 0.0);
    EXPECT_LE(pacing.wait_seconds(false, t + 1100ms), 0.25); // still looks for publishes 4 times a second
}

TEST(FramePacing, NewSnapshotsInputAndFadingNoticesKeepTheFrameRate) {
    FramePacing pacing;
    auto t = FramePacing::Clock::now();
    pacing.observe(1, false, t);
    pacing.observe(2, false, t + 2s); // a running engine publishes
    EXPECT_EQ(pacing.wait_seconds(false, t + 2500ms), 0.0);
    pacing.observe(2, true, t + 4s); // the user moves the mouse
    EXPECT_EQ(pacing.wait_seconds(false, t + 4500ms), 0.0);
    EXPECT_GT(pacing.wait_seconds(false, t + 5100ms), 0.0);
    EXPECT_EQ(pacing.wait_seconds(true, t + 5100ms), 0.0); // a notice is fading
}

} // namespace
} // namespace phasor::ui
