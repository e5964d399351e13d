// Counts heap allocations made while a piece of code runs, to check that hot loops allocate nothing.
#pragma once
#include <cstddef> // defines __GLIBC__, which the check below needs

// Interposing malloc is a glibc facility, and sanitizers replace malloc themselves, so the counter (and the
// tests that use it) exist only in ordinary glibc builds.
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
#define PHASOR_COUNT_MALLOC 1
#include <atomic>

namespace phasor::testing {

extern std::atomic<bool> counting_mallocs;
extern std::atomic<long> malloc_count;

template <class Body> long count_mallocs(Body body) {
    malloc_count = 0;
    counting_mallocs = true;
    body();
    counting_mallocs = false;
    return malloc_count.load();
}

} // namespace phasor::testing
#endif
