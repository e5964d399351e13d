// The edge queue's policies when full (drop the oldest, merge into the newest, block until there is room),
// a capacity changed while messages wait, closing a blocked sender free, order and counts, and no allocation
// once the slots have the messages' shape.
#include "engine/mach/edge_queue.hpp"
#include "support/allocation_counter.hpp"

#include <atomic>
#include <gtest/gtest.h>
#include <thread>

namespace phasor {
namespace {

Message spike(std::uint64_t step, float value, int batch = 2) {
    Message m;
    m.values = Mat::Constant(3, batch, value);
    for (int i = 0; i < batch; ++i)
        m.ids.push_back(static_cast<std::uint32_t>(step * 10 + static_cast<std::uint64_t>(i)));
    m.step = step;
    return m;
}

std::vector<std::uint64_t> drain_steps(EdgeQueue& q) {
    std::vector<std::uint64_t> steps;
    for (Message m; q.receive(m);) steps.push_back(m.step);
    return steps;
}

TEST(EdgeQueue, MessagesComeOutInOrderWithTheirIdsAndValues) {
    EdgeQueue q(4, 4, FullPolicy::DropOldest);
    for (std::uint64_t s = 1; s <= 3; ++s) ASSERT_TRUE(q.send(spike(s, static_cast<float>(s))));
    Message m;
    ASSERT_TRUE(q.receive(m));
    EXPECT_EQ(m.step, 1u);
    EXPECT_EQ(m.ids, (std::vector<std::uint32_t>{10, 11}));
    EXPECT_EQ(m.values(2, 1), 1.f);
    EXPECT_EQ(drain_steps(q), (std::vector<std::uint64_t>{2, 3}));
    EXPECT_FALSE(q.receive(m));
}

TEST(EdgeQueue, DropOldestKeepsTheNewestAndCountsTheDropped) {
    EdgeQueue q(2, 8, FullPolicy::DropOldest);
    for (std::uint64_t s = 1; s <= 5; ++s) q.send(spike(s, 0.f));
    EXPECT_EQ(drain_steps(q), (std::vector<std::uint64_t>{4, 5}));
    EXPECT_EQ(q.counts().dropped, 3u);
    EXPECT_EQ(q.counts().sent, 5u);
    EXPECT_EQ(q.counts().received, 2u);
}

TEST(EdgeQueue, MergeAveragesIntoTheNewestAndDropsWhenShapesDiffer) {
    EdgeQueue q(1, 4, FullPolicy::Merge);
    q.send(spike(1, 1.f));
    q.send(spike(2, 2.f));
    q.send(spike(3, 6.f));
    Message m;
    ASSERT_TRUE(q.receive(m));
    EXPECT_FLOAT_EQ(m.values(0, 0), 3.f); // (1 + 2 + 6) / 3
    EXPECT_EQ(m.merged, 3);
    EXPECT_EQ(m.step, 3u);
    EXPECT_EQ(q.counts().merged, 2u);
    q.send(spike(4, 1.f, 2));
    q.send(spike(5, 1.f, 3)); // another batch size: nothing to average with
    EXPECT_EQ(drain_steps(q), (std::vector<std::uint64_t>{5}));
    EXPECT_EQ(q.counts().dropped, 1u);
}

TEST(EdgeQueue, BlockWaitsForRoomAndCloseSetsTheSenderFree) {
    EdgeQueue q(1, 2, FullPolicy::Block);
    q.send(spike(1, 0.f));
    std::atomic<bool> sent{false};
    std::thread sender([&] {
        q.send(spike(2, 0.f));
        sent = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_FALSE(sent.load()) << "sent into a full queue";
    Message m;
    ASSERT_TRUE(q.receive(m));
    sender.join();
    EXPECT_TRUE(sent.load());
    EXPECT_EQ(q.counts().blocked, 1u);

    std::atomic<int> result{-1};
    std::thread stuck([&] { result = q.send(spike(3, 0.f)) ? 1 : 0; });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    q.close();
    stuck.join();
    EXPECT_EQ(result.load(), 0);
    EXPECT_EQ(drain_steps(q), (std::vector<std::uint64_t>{2}));
}

TEST(EdgeQueue, ShrinkingTheCapacityDropsTheOldestAndChangingThePolicyFreesABlockedSender) {
    EdgeQueue q(4, 4, FullPolicy::Block);
    for (std::uint64_t s = 1; s <= 4; ++s) q.send(spike(s, 0.f));
    q.set_capacity(2);
    EXPECT_EQ(q.size(), 2);
    std::thread sender([&] { q.send(spike(5, 0.f)); });
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    q.set_policy(FullPolicy::DropOldest);
    sender.join();
    EXPECT_EQ(drain_steps(q), (std::vector<std::uint64_t>{4, 5}));
    EXPECT_THROW(q.set_capacity(5), std::invalid_argument);
}

#ifdef PHASOR_COUNT_MALLOC
TEST(EdgeQueue, SendingAndReceivingAllocateNothingOnceWarm) {
    EdgeQueue q(2, 2, FullPolicy::DropOldest);
    const Message m = spike(1, 1.f, 64);
    // The last batch of an epoch is shorter: fewer ids, the same buffer.
    Message short_batch = spike(2, 1.f, 64);
    short_batch.ids.resize(40);
    Message out;
    for (int i = 0; i < 4; ++i) {
        q.send(m);
        q.receive(out);
    }
    EXPECT_EQ(testing::count_mallocs([&] {
                  for (int i = 0; i < 100; ++i) {
                      q.send(m);
                      q.send(short_batch);
                      q.send(m); // drops one
                      q.receive(out);
                      q.receive(out);
                  }
              }),
              0);
    q.send(short_batch);
    q.receive(out);
    EXPECT_EQ(out.batch(), 40);
    EXPECT_EQ(out.batch_values().cols(), 40);
}
#endif

} // namespace
} // namespace phasor
