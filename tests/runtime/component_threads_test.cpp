// ComponentThreads on their own: the budget is honoured exactly, round-robin order is the same every time, a
// throwing or failing component is named and every thread parks, and destruction joins every thread.
#include "engine/runtime/component_threads.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace phasor {
namespace {

using Order = ComponentThreads::Order;

std::vector<std::string> names(std::size_t n) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i) out.push_back("component " + std::to_string(i));
    return out;
}

// Per-component step counts and the order steps were taken in. Each component writes its own count; the order
// is kept under a mutex so that free-running components can share it.
struct Recorder {
    explicit Recorder(std::size_t n) : counts(n, 0) {}
    void step(std::size_t i) {
        ++counts[i];
        std::lock_guard lock(mutex);
        order.push_back(i);
    }
    std::uint64_t total() const {
        std::uint64_t sum = 0;
        for (std::uint64_t c : counts) sum += c;
        return sum;
    }
    std::vector<std::uint64_t> counts;
    std::mutex mutex;
    std::vector<std::size_t> order;
};

TEST(ComponentThreads, TheBudgetIsExactlyHonoured) {
    for (Order order : {Order::Free, Order::RoundRobin}) {
        Recorder r(4);
        ComponentThreads threads(
            names(4), [&](std::size_t i) { r.step(i); }, order);
        std::uint64_t expected = 0;
        for (std::uint64_t budget : {1u, 2u, 3u, 7u, 100u, 1000u, 1u}) {
            EXPECT_EQ(threads.run(budget), budget);
            expected += budget;
            EXPECT_EQ(r.total(), expected); // read after run() returned: every thread is parked
        }
        EXPECT_EQ(threads.fault(), nullptr);
        EXPECT_EQ(threads.run(0), 0u);
        EXPECT_EQ(r.total(), expected);
    }
}

TEST(ComponentThreads, RoundRobinTakesTurnsInTheSameOrderEveryTime) {
    const std::vector<std::uint64_t> budgets{5, 1, 7, 13, 2};
    auto sequence = [&] {
        Recorder r(3);
        ComponentThreads threads(
            names(3), [&](std::size_t i) { r.step(i); }, Order::RoundRobin);
        for (std::uint64_t b : budgets) threads.run(b);
        return r.order;
    };
    const std::vector<std::size_t> first = sequence();
    ASSERT_EQ(first.size(), 28u);
    for (std::size_t k = 0; k < first.size(); ++k)
        EXPECT_EQ(first[k], k % 3) << k; // turns carry over releases
    EXPECT_EQ(sequence(), first);
}

TEST(ComponentThreads, AThrowingStepIsReportedWithTheComponentsNameAndEveryThreadParks) {
    for (Order order : {Order::Free, Order::RoundRobin}) {
        SCOPED_TRACE(order == Order::Free ? "free" : "round robin");
        Recorder r(4);
        ComponentThreads threads(
            names(4),
            [&](std::size_t i) {
                r.step(i);
                if (i == 2 && r.counts[i] == 10) throw std::runtime_error("boom");
            },
            order);
        const std::uint64_t taken = threads.run(1'000'000);
        EXPECT_LT(taken, 1'000'000u);
        ASSERT_NE(threads.fault(), nullptr);
        EXPECT_EQ(threads.fault()->where, "component 2");
        EXPECT_EQ(threads.fault()->what, "boom");
        EXPECT_TRUE(threads.fault()->thrown);
        EXPECT_EQ(r.counts[2], 10u);
        EXPECT_EQ(taken + 1, r.total()); // the step that threw does not count as taken
        // Parked: nothing moves until the next release.
        const std::uint64_t parked_at = r.total();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        EXPECT_EQ(r.total(), parked_at);
        threads.clear_fault();
        EXPECT_EQ(threads.fault(), nullptr);
        EXPECT_EQ(threads.run(20), 20u);
        EXPECT_EQ(r.total(), parked_at + 20);
    }
}

TEST(ComponentThreads, FailEndsTheReleaseWithTheComponentsName) {
    for (Order order : {Order::Free, Order::RoundRobin}) {
        SCOPED_TRACE(order == Order::Free ? "free" : "round robin");
        Recorder r(3);
        ComponentThreads* self = nullptr;
        ComponentThreads threads(
            names(3),
            [&](std::size_t i) {
                r.step(i);
                if (i == 1 && r.counts[i] == 5) self->fail(i, "value is not finite");
            },
            order);
        self = &threads;
        const std::uint64_t taken = threads.run(1'000'000);
        EXPECT_LT(taken, 1'000'000u);
        EXPECT_EQ(taken, r.total()); // a failing step still completed
        ASSERT_NE(threads.fault(), nullptr);
        EXPECT_EQ(threads.fault()->where, "component 1");
        EXPECT_EQ(threads.fault()->what, "value is not finite");
        EXPECT_FALSE(threads.fault()->thrown);
        const std::uint64_t parked_at = r.total();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        EXPECT_EQ(r.total(), parked_at);
        if (order == Order::RoundRobin) {
            EXPECT_EQ(r.order.back(), 1u); // nobody took a turn after it
        }
    }
}

TEST(ComponentThreads, OnlyTheFirstFaultOfAReleaseIsKept) {
    ComponentThreads* self = nullptr;
    ComponentThreads threads(
        names(2), [&](std::size_t i) { self->fail(i, "first " + std::to_string(i)); }, Order::RoundRobin);
    self = &threads;
    EXPECT_EQ(threads.run(10), 1u);
    ASSERT_NE(threads.fault(), nullptr);
    EXPECT_EQ(threads.fault()->what, "first 0");
}

TEST(ComponentThreads, TheDestructorJoinsEveryThread) {
    const int before = ComponentThreads::live_threads();
    {
        Recorder r(5);
        ComponentThreads threads(
            names(5), [&](std::size_t i) { r.step(i); }, Order::Free);
        EXPECT_EQ(ComponentThreads::live_threads(), before + 5);
        threads.run(100);
        ComponentThreads more(
            names(2), [](std::size_t) {}, Order::RoundRobin);
        EXPECT_EQ(ComponentThreads::live_threads(), before + 7);
    }
    EXPECT_EQ(ComponentThreads::live_threads(), before);
    {
        ComponentThreads never_released(
            names(3), [](std::size_t) {}, Order::Free);
    }
    EXPECT_EQ(ComponentThreads::live_threads(), before);
}

TEST(ComponentThreads, NoComponentsTakeNoSteps) {
    ComponentThreads threads(
        {}, [](std::size_t) {}, Order::Free);
    EXPECT_EQ(threads.size(), 0u);
    EXPECT_EQ(threads.run(10), 0u);
}

// Model::advance passes any budget it is given ("up to max_ticks"): a budget beyond what a signed counter
// holds must still run steps, not none.
TEST(ComponentThreads, AHugeBudgetRunsUntilAFault) {
    Recorder r(2);
    ComponentThreads* self = nullptr;
    ComponentThreads threads(
        names(2),
        [&](std::size_t i) {
            r.step(i);
            if (r.counts[i] == 50) self->fail(i, "enough");
        },
        Order::RoundRobin);
    self = &threads;
    EXPECT_EQ(threads.run(std::numeric_limits<std::uint64_t>::max()), 99u);
    EXPECT_NE(threads.fault(), nullptr);
}

// A component that does not run parks through a release: round-robin skips its turn, free order gives its
// share to the others, and with none running nothing is taken.
TEST(ComponentThreads, AComponentThatDoesNotRunIsSkippedAndNoneRunningTakesNothing) {
    for (Order order : {Order::RoundRobin, Order::Free}) {
        Recorder r(3);
        ComponentThreads threads(
            names(3), [&](std::size_t i) { r.step(i); }, order);
        threads.set_running(1, false);
        EXPECT_EQ(threads.run(30), 30u);
        EXPECT_EQ(r.counts[1], 0u);
        EXPECT_EQ(r.counts[0] + r.counts[2], 30u);
        if (order == Order::RoundRobin) {
            EXPECT_EQ(r.counts[0], 15u);
            for (std::size_t k = 1; k < r.order.size(); ++k) EXPECT_NE(r.order[k], r.order[k - 1]);
        }
        threads.set_running(0, false);
        threads.set_running(2, false);
        EXPECT_EQ(threads.run(10), 0u);
        threads.set_running(1, true);
        EXPECT_EQ(threads.run(5), 5u);
        EXPECT_EQ(r.counts[1], 5u);
    }
}

// A capped component waits before each step: a release with a deadline comes back by it, having taken at most
// what the cap allows (bounds, not timings: they hold on any machine).
TEST(ComponentThreads, ASpeedCapAndADeadlineBoundARelease) {
    Recorder r(2);
    ComponentThreads threads(
        names(2), [&](std::size_t i) { r.step(i); }, Order::Free);
    threads.set_speed_cap(0, 50.0);
    threads.set_running(1, false);
    const auto start = std::chrono::steady_clock::now();
    const std::uint64_t taken = threads.run(1'000'000, start + std::chrono::milliseconds(200));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 5.0) << "the deadline ended the release";
    EXPECT_GE(seconds, 0.2);
    EXPECT_LE(static_cast<double>(taken), 50.0 * seconds + 1);
    EXPECT_GE(taken, 1u);
}

} // namespace
} // namespace phasor
