// Triple buffer: a reader never sees a torn value and never goes back in time while a writer publishes flat
// out.
#include "engine/telemetry/triple_buffer.hpp"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace phasor {
namespace {

struct Block {
    std::array<std::uint64_t, 64> words{}; // every word equals the sequence number when the value is whole
};

TEST(TripleBuffer, FirstRefreshOnlyAfterPublish) {
    TripleBuffer<int> buffer(7);
    EXPECT_EQ(buffer.front(), 7);
    EXPECT_FALSE(buffer.refresh());
    buffer.back() = 42;
    buffer.publish();
    EXPECT_TRUE(buffer.refresh());
    EXPECT_EQ(buffer.front(), 42);
    EXPECT_FALSE(buffer.refresh()); // nothing newer
    EXPECT_EQ(buffer.front(), 42);
}

TEST(TripleBuffer, ReaderGetsTheNewestOfSeveralPublishes) {
    TripleBuffer<int> buffer;
    for (int i = 1; i <= 5; ++i) {
        buffer.back() = i;
        buffer.publish();
    }
    EXPECT_TRUE(buffer.refresh());
    EXPECT_EQ(buffer.front(), 5);
}

TEST(TripleBuffer, PrototypeSizesEverySlot) {
    TripleBuffer<std::vector<float>> buffer(std::vector<float>(100, 1.f));
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(buffer.back().size(), 100u);
        buffer.publish();
    }
    EXPECT_TRUE(buffer.refresh());
    EXPECT_EQ(buffer.front().size(), 100u);
}

TEST(TripleBuffer, NeverTearsAndNeverGoesBackUnderConcurrency) {
    TripleBuffer<Block> buffer;
    constexpr std::uint64_t kPublishes = 300000;
    std::atomic<bool> done{false};

    std::thread writer([&] {
        for (std::uint64_t n = 1; n <= kPublishes; ++n) {
            Block& block = buffer.back();
            for (auto& word : block.words) word = n;
            buffer.publish();
        }
        done.store(true, std::memory_order_release);
    });

    std::uint64_t last = 0, taken = 0, torn = 0, backwards = 0;
    auto check = [&] {
        const Block& block = buffer.front();
        const std::uint64_t n = block.words[0];
        for (auto word : block.words) torn += word != n;
        backwards += n < last;
        last = n;
        ++taken;
    };
    while (!done.load(std::memory_order_acquire)) {
        if (buffer.refresh()) check();
    }
    writer.join();
    if (buffer.refresh()) check();

    EXPECT_EQ(torn, 0u);
    EXPECT_EQ(backwards, 0u);
    EXPECT_EQ(last, kPublishes); // the last publish is always delivered
    EXPECT_GT(taken, 0u);
}

} // namespace
} // namespace phasor
