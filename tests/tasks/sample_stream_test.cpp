// Tests for SampleStream: each sample is held exactly hold_ticks ticks and each switch is one fresh draw.
#include "engine/core/error.hpp"
#include "engine/tasks/task.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

std::unique_ptr<Task> noisy_task() {
    TaskSpec spec;
    spec.name = "lowhighmix_noisy"; // every draw differs, so a held input is recognisable
    return make_task(spec, 1);
}

TEST(SampleStream, InputIsSizedAndZeroBeforeTheFirstTick) {
    auto task = noisy_task();
    SampleStream stream(*task, 5);
    EXPECT_EQ(stream.input().size(), 4);
    EXPECT_TRUE(stream.input().isZero());
    EXPECT_EQ(stream.sample_id(), 0u);
    EXPECT_EQ(stream.hold_ticks(), 5);
}

TEST(SampleStream, HoldsEachSampleExactlyHoldTicks) {
    for (int hold : {1, 2, 3, 7}) {
        SCOPED_TRACE(hold);
        auto task = noisy_task();
        SampleStream stream(*task, hold);
        Rng rng(3);
        Vec previous = stream.input();
        int run = 0;
        for (int tick = 0; tick < 10 * hold; ++tick) {
            const bool switched = stream.advance(rng);
            EXPECT_EQ(switched, tick % hold == 0) << "tick " << tick;
            EXPECT_EQ(stream.sample_id(), static_cast<std::uint64_t>(tick / hold + 1));
            if (switched) {
                if (tick > 0) {
                    EXPECT_EQ(run, hold);
                }
                EXPECT_NE(stream.input(), previous);
                run = 1;
            } else {
                EXPECT_EQ(stream.input(), previous);
                ++run;
            }
            previous = stream.input();
        }
        EXPECT_EQ(run, hold);
    }
}

TEST(SampleStream, EachSwitchIsExactlyOneDrawFromTheTask) {
    auto task = noisy_task();
    SampleStream stream(*task, 4);
    Rng rng(12), mirror(12);
    Vec expected(4);
    for (int tick = 0; tick < 40; ++tick) {
        if (stream.advance(rng)) {
            const int label = task->draw(mirror, expected);
            EXPECT_EQ(stream.label(), label);
            EXPECT_EQ(stream.input(), expected);
        }
    }
}

TEST(SampleStream, ShorterHoldTakesEffectOnTheNextTick) {
    auto task = noisy_task();
    SampleStream stream(*task, 10);
    Rng rng(5);
    for (int tick = 0; tick < 6; ++tick) stream.advance(rng); // six ticks into a ten-tick hold
    stream.set_hold_ticks(2);
    EXPECT_TRUE(stream.advance(rng));
    EXPECT_FALSE(stream.advance(rng));
    EXPECT_TRUE(stream.advance(rng));
    stream.set_hold_ticks(3);
    EXPECT_FALSE(stream.advance(rng));
    EXPECT_FALSE(stream.advance(rng));
    EXPECT_TRUE(stream.advance(rng));
    EXPECT_EQ(stream.sample_id(), 4u);
}

TEST(SampleStream, RejectsHoldBelowOne) {
    auto task = noisy_task();
    EXPECT_THROW(SampleStream(*task, 0), InputError);
    EXPECT_THROW(SampleStream(*task, -3), InputError);
}

} // namespace
} // namespace phasor
