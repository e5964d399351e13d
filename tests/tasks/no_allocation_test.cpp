// Checks that the hot path (Task::draw, SampleStream::advance) never allocates, by counting calls to malloc.
#include "engine/tasks/task.hpp"

#include <atomic>
#include <cstdlib>
#include <gtest/gtest.h>

// Interposing malloc is a glibc facility, and sanitizers replace malloc themselves; elsewhere the test skips.
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define PHASOR_COUNT_MALLOC 1
namespace {
std::atomic<bool> counting{false};
std::atomic<long> mallocs{0};
} // namespace

extern "C" void* __libc_malloc(std::size_t size);

// Eigen and operator new both end up here, so one counter sees every heap allocation of the code under test.
extern "C" void* malloc(std::size_t size) {
    if (counting.load(std::memory_order_relaxed)) mallocs.fetch_add(1, std::memory_order_relaxed);
    return __libc_malloc(size);
}
#endif

namespace phasor {
namespace {

template <class Body> long count_mallocs(Body body) {
#ifdef PHASOR_COUNT_MALLOC
    mallocs = 0;
    counting = true;
    body();
    counting = false;
    return mallocs.load();
#else
    body();
    return -1;
#endif
}

TEST(NoAllocation, CounterSeesAllocations) {
#ifndef PHASOR_COUNT_MALLOC
    GTEST_SKIP() << "malloc cannot be counted in this build";
#endif
    EXPECT_GT(count_mallocs([] {
                  Vec v(1000);
                  v.setZero();
                  EXPECT_EQ(v.sum(), 0.f);
              }),
              0);
}

TEST(NoAllocation, DrawAndAdvanceAllocateNothing) {
#ifndef PHASOR_COUNT_MALLOC
    GTEST_SKIP() << "malloc cannot be counted in this build";
#endif
    for (const char* name : task_names()) {
        SCOPED_TRACE(name);
        TaskSpec spec;
        spec.name = name;
        auto task = make_task(spec, 1);
        SampleStream stream(*task, 3);
        Vec x(task->input_dim());
        Rng rng(1);
        int label_sum = 0;
        const long allocations = count_mallocs([&] {
            for (int i = 0; i < 1000; ++i) {
                label_sum += task->draw(rng, x);
                stream.advance(rng);
            }
        });
        EXPECT_EQ(allocations, 0);
        EXPECT_GE(label_sum, 0);
    }
}

} // namespace
} // namespace phasor
