// Recording SIGINT and SIGTERM for `phasor run` (see stop_signals.hpp).
#include "app/stop_signals.hpp"

#include <csignal>
#include <cstring>
#include <fmt/format.h>

namespace phasor {

namespace {

std::atomic<int> g_stop{0};
static_assert(std::atomic<int>::is_always_lock_free, "the handler may only touch a lock-free atomic");

extern "C" void record_stop(int signal) {
    g_stop.store(signal);
}

} // namespace

void catch_stop_signals() {
    struct sigaction action {};
    action.sa_handler = record_stop;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    for (const int signal : {SIGINT, SIGTERM}) {
        // A shell starts background jobs with SIGINT ignored, so Ctrl-C reaches only the foreground: keep
        // that.
        struct sigaction before {};
        if (sigaction(signal, nullptr, &before) == 0 && before.sa_handler == SIG_IGN) continue;
        sigaction(signal, &action, nullptr);
    }
}

const std::atomic<int>& stop_signal() {
    return g_stop;
}

Stopped::Stopped(int sig)
    : std::runtime_error(
          fmt::format("stopped by {}; no partial result was written", sig == SIGINT    ? "Ctrl-C (SIGINT)"
                                                                      : sig == SIGTERM ? "SIGTERM"
                                                                                       : "a signal")),
      signal(sig) {}

} // namespace phasor
