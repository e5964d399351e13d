// Ctrl-C (SIGINT) and SIGTERM during `phasor run`: the handler only records the signal; the seed workers stop
// at their next chunk of ticks and run_command unwinds, so destructors remove the CSV's temporary and no
// partial result is written. `phasor app` closes between frames as if its window were closed. main then exits
// with 128 + the signal's number, as a shell reports it.
#pragma once
#include <atomic>
#include <stdexcept>
#include <string>

namespace phasor {

// Installs the handlers (without SA_RESTART, so a wait for a FIFO's reader ends too).
void catch_stop_signals();
// The signal that asked the run to stop, or 0.
const std::atomic<int>& stop_signal();

// Thrown where a stop was noticed; main turns it into the exit status.
struct Stopped : std::runtime_error {
    explicit Stopped(int signal);
    int signal;
};

} // namespace phasor
