// SPSC ring: capacity, full/empty behaviour, and order and completeness across two threads.
#include "engine/telemetry/spsc_ring.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

namespace phasor {
namespace {

TEST(SpscRing, CapacityRoundsUpToAPowerOfTwo) {
    EXPECT_EQ(SpscRing<int>(5).capacity(), 8u);
    EXPECT_EQ(SpscRing<int>(8).capacity(), 8u);
    EXPECT_EQ(SpscRing<int>(0).capacity(), 2u);
    EXPECT_EQ(SpscRing<int>(1000).capacity(), 1024u);
}

TEST(SpscRing, EmptyAndFull) {
    SpscRing<int> ring(4);
    int out = -1;
    EXPECT_TRUE(ring.empty());
    EXPECT_FALSE(ring.try_pop(out));
    EXPECT_EQ(out, -1);
    for (int i = 0; i < 4; ++i) EXPECT_TRUE(ring.try_push(i));
    EXPECT_FALSE(ring.try_push(99)); // every slot is usable, and then it refuses
    EXPECT_EQ(ring.size_approx(), 4u);
    ASSERT_TRUE(ring.try_pop(out));
    EXPECT_EQ(out, 0);
    EXPECT_TRUE(ring.try_push(4)); // one slot freed, one push accepted
    EXPECT_FALSE(ring.try_push(5));
    for (int i = 1; i <= 4; ++i) {
        ASSERT_TRUE(ring.try_pop(out));
        EXPECT_EQ(out, i);
    }
    EXPECT_FALSE(ring.try_pop(out));
    EXPECT_TRUE(ring.empty());
    EXPECT_EQ(ring.size_approx(), 0u);
}

TEST(SpscRing, WrapsAroundManyTimes) {
    SpscRing<std::string> ring(4);
    std::string out;
    for (int i = 0; i < 1000; ++i) {
        ASSERT_TRUE(ring.try_push(std::to_string(i)));
        ASSERT_TRUE(ring.try_push(std::to_string(i) + "b"));
        ASSERT_TRUE(ring.try_pop(out));
        EXPECT_EQ(out, std::to_string(i));
        ASSERT_TRUE(ring.try_pop(out));
        EXPECT_EQ(out, std::to_string(i) + "b");
    }
}

TEST(SpscRing, MoveOnlyValues) {
    SpscRing<std::unique_ptr<int>> ring(2);
    EXPECT_TRUE(ring.try_push(std::make_unique<int>(3)));
    std::unique_ptr<int> out;
    ASSERT_TRUE(ring.try_pop(out));
    ASSERT_TRUE(out);
    EXPECT_EQ(*out, 3);
}

TEST(SpscRing, FailedPushLeavesTheValue) {
    SpscRing<std::string> ring(2);
    ASSERT_TRUE(ring.try_push(std::string("a")));
    ASSERT_TRUE(ring.try_push(std::string("b")));
    std::string value = "kept";
    EXPECT_FALSE(ring.try_push(std::move(value)));
    EXPECT_EQ(value, "kept");
}

TEST(SpscRing, TwoThreadsDeliverEveryItemInOrder) {
    SpscRing<std::uint64_t> ring(1024);
    constexpr std::uint64_t kItems = 1'000'000;
    std::thread producer([&] {
        for (std::uint64_t i = 0; i < kItems; ++i) {
            while (!ring.try_push(i)) std::this_thread::yield();
        }
    });
    std::uint64_t expected = 0, out_of_order = 0, value = 0;
    while (expected < kItems) {
        if (ring.try_pop(value)) {
            out_of_order += value != expected;
            expected = value + 1;
        } else {
            std::this_thread::yield();
        }
    }
    producer.join();
    EXPECT_EQ(out_of_order, 0u);
    EXPECT_EQ(expected, kItems);
    EXPECT_FALSE(ring.try_pop(value));
}

} // namespace
} // namespace phasor
