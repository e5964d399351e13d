// The per-epoch order: every sample once per epoch, a new order each epoch, the same orders for one seed and
// others for another, short last batches, no allocation.
#include "engine/data/epoch_order.hpp"
#include "support/allocation_counter.hpp"

#include <algorithm>
#include <gtest/gtest.h>

namespace phasor {
namespace {

std::vector<std::uint32_t> one_epoch(EpochOrder& order, std::size_t batch) {
    std::vector<std::uint32_t> seen;
    const std::uint64_t epoch = order.epoch() + 1;
    while (seen.size() < order.samples()) {
        const auto b = order.next(batch);
        EXPECT_EQ(order.epoch(), epoch);
        seen.insert(seen.end(), b.begin(), b.end());
    }
    return seen;
}

TEST(EpochOrder, EachEpochIsAPermutationAndTheNextIsAnother) {
    EpochOrder order(1000, 7);
    const auto first = one_epoch(order, 128), second = one_epoch(order, 128);
    for (const auto* epoch : {&first, &second}) {
        auto sorted = *epoch;
        std::sort(sorted.begin(), sorted.end());
        for (std::uint32_t i = 0; i < 1000; ++i) ASSERT_EQ(sorted[i], i);
    }
    EXPECT_NE(first, second);
    EXPECT_EQ(order.epoch(), 2u);
}

TEST(EpochOrder, TheLastBatchOfAnEpochIsShortAndOneSeedGivesOneOrder) {
    EpochOrder a(10, 3), b(10, 3), c(10, 3), d(10, 4);
    EXPECT_EQ(a.next(4).size(), 4u);
    EXPECT_EQ(a.next(4).size(), 4u);
    EXPECT_EQ(a.next(4).size(), 2u);
    EXPECT_EQ(a.epoch(), 1u);
    EXPECT_EQ(a.next(4).size(), 4u);
    EXPECT_EQ(a.epoch(), 2u);
    const auto from_b = one_epoch(b, 3), from_c = one_epoch(c, 3), from_d = one_epoch(d, 3);
    EXPECT_EQ(from_b, from_c);
    EXPECT_NE(from_b, from_d);
}

#ifdef PHASOR_COUNT_MALLOC
TEST(EpochOrder, HandingOutBatchesAllocatesNothing) {
    EpochOrder order(5000, 1);
    order.next(100);
    EXPECT_EQ(testing::count_mallocs([&] {
                  for (int i = 0; i < 500; ++i) order.next(100);
              }),
              0);
}
#endif

} // namespace
} // namespace phasor
