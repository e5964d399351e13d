// Key taps shorter than a frame: a press and a release queued between two frames are seen down one frame
// and up the next (before: ImGui 1.86 saw neither, and 20 F12 taps of 6 ms wrote 2 screenshots).
#include "ui/key_queue.hpp"

#include <gtest/gtest.h>
#include <vector>

namespace phasor::ui {
namespace {

constexpr int kF12 = 301, kSpace = 32;

std::vector<KeyEvent> frame(KeyQueue& queue) {
    std::vector<KeyEvent> seen;
    queue.deliver_frame([&](const KeyEvent& e) { seen.push_back(e); });
    return seen;
}

TEST(KeyQueue, APressAndReleaseInOneFrameAreSeenOverTwoFrames) {
    KeyQueue queue;
    queue.push({kF12, 0, KeyQueue::kPress, 0});
    queue.push({kF12, 0, KeyQueue::kRelease, 0});
    auto first = frame(queue);
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].action, KeyQueue::kPress);
    auto second = frame(queue);
    ASSERT_EQ(second.size(), 1u);
    EXPECT_EQ(second[0].action, KeyQueue::kRelease);
    EXPECT_TRUE(frame(queue).empty());
}

TEST(KeyQueue, TwentyTapsInOneFrameAreTwentyPresses) {
    KeyQueue queue;
    for (int i = 0; i < 20; ++i) {
        queue.push({kF12, 0, KeyQueue::kPress, 0});
        queue.push({kF12, 0, KeyQueue::kRelease, 0});
    }
    int presses = 0;
    for (int f = 0; f < 40; ++f)
        for (const KeyEvent& e : frame(queue)) presses += e.action == KeyQueue::kPress;
    EXPECT_EQ(presses, 20);
    EXPECT_TRUE(queue.empty());
}

TEST(KeyQueue, OtherKeysAreNotHeldBackByOne) {
    KeyQueue queue;
    queue.push({kF12, 0, KeyQueue::kPress, 0});
    queue.push({kF12, 0, KeyQueue::kRelease, 0});
    queue.push({kSpace, 0, KeyQueue::kPress, 0});
    auto first = frame(queue);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(first[1].key, kSpace);
    EXPECT_EQ(queue.size(), 1u);
}

TEST(KeyQueue, ReleasesAreKeptWhenFull) {
    KeyQueue queue;
    for (std::size_t i = 0; i < KeyQueue::kCapacity + 10; ++i) queue.push({kSpace, 0, KeyQueue::kPress, 0});
    EXPECT_EQ(queue.size(), KeyQueue::kCapacity);
    queue.push({kSpace, 0, KeyQueue::kRelease, 0});
    EXPECT_EQ(queue.size(), KeyQueue::kCapacity + 1);
}

} // namespace
} // namespace phasor::ui
