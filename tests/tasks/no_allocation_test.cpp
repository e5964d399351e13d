// Checks that the hot path (Task::draw, SampleStream::advance) never allocates, by counting calls to malloc.
#include "engine/tasks/task.hpp"
#include "support/allocation_counter.hpp"

#include <gtest/gtest.h>

#ifdef PHASOR_COUNT_MALLOC
namespace phasor {
namespace {

using testing::count_mallocs;

TEST(NoAllocation, CounterSeesAllocations) {
    EXPECT_GT(count_mallocs([] {
                  Vec v(1000);
                  v.setZero();
                  EXPECT_EQ(v.sum(), 0.f);
              }),
              0);
}

TEST(NoAllocation, DrawAndAdvanceAllocateNothing) {
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
#endif
