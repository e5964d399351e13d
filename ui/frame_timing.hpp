// How the UI's cost is measured, the same way by the app's --frame-stats and by bench/ui_frame: CPU time of
// the calling thread (not wall time, which includes waiting for vsync and the engine's core), and
// percentiles.
#pragma once
#include <algorithm>
#include <ctime>
#include <vector>

namespace phasor::ui {

inline double thread_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) * 1e-6;
}

// The p-th quantile (0…1) of `values`, nearest rank below; 0 for none.
inline double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1,
                           static_cast<std::size_t>(p * static_cast<double>(values.size() - 1)))];
}

} // namespace phasor::ui
