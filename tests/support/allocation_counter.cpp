// The malloc interposer behind count_mallocs: Eigen and operator new both end up in malloc, so one counter
// sees every heap allocation of the code under test.
#include "allocation_counter.hpp"

#ifdef PHASOR_COUNT_MALLOC
#include <cstddef>

namespace phasor::testing {
std::atomic<bool> counting_mallocs{false};
std::atomic<long> malloc_count{0};
} // namespace phasor::testing

extern "C" void* __libc_malloc(std::size_t size);

extern "C" void* malloc(std::size_t size) {
    if (phasor::testing::counting_mallocs.load(std::memory_order_relaxed))
        phasor::testing::malloc_count.fetch_add(1, std::memory_order_relaxed);
    return __libc_malloc(size);
}
#endif
