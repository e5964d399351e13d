// Waiting for something another thread does, with a generous upper bound: tests never assert how long it
// took.
#pragma once
#include <chrono>
#include <thread>

namespace phasor::testing {

template <class Predicate>
bool eventually(Predicate predicate, std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!predicate()) {
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return true;
}

// Waits for a published snapshot that satisfies `predicate` (refreshing the trainer's reader side) and leaves
// it current.
template <class Trainer, class Predicate> bool snapshot_where(Trainer& trainer, Predicate predicate) {
    return eventually([&] {
        trainer.refresh_snapshot();
        return predicate(trainer.snapshot());
    });
}

} // namespace phasor::testing
