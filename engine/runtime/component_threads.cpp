// ComponentThreads (component_threads.hpp): release, budget, parking, faults and shutdown.
#include "engine/runtime/component_threads.hpp"

#include "engine/core/float_mode.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <limits>

namespace phasor {

std::atomic<int> ComponentThreads::live_{0};

ComponentThreads::ComponentThreads(std::vector<std::string> names, Step step, Order order)
    : names_(std::move(names)), step_(std::move(step)), order_(order), running_(names_.size(), 1),
      speed_cap_(names_.size(), 0.0) {
    threads_.reserve(names_.size());
    for (std::size_t i = 0; i < names_.size(); ++i) {
        live_.fetch_add(1, std::memory_order_acq_rel);
        threads_.emplace_back([this, i] { work(i); });
    }
}

ComponentThreads::~ComponentThreads() {
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
    }
    release_.notify_all();
    turn_.notify_all();
    for (std::thread& t : threads_) t.join();
}

void ComponentThreads::set_running(std::size_t i, bool running) {
    std::lock_guard lock(mutex_);
    running_[i] = running ? 1 : 0;
}

void ComponentThreads::set_speed_cap(std::size_t i, double steps_per_second) {
    std::lock_guard lock(mutex_);
    speed_cap_[i] = steps_per_second;
}

void ComponentThreads::skip_to_running() {
    for (std::size_t tries = 0; tries < size() && !running_[next_turn_ % size()]; ++tries) ++next_turn_;
}

bool ComponentThreads::wait_for_cap(std::size_t i, std::chrono::steady_clock::time_point& next) {
    const double cap = speed_cap_[i];
    if (cap <= 0) return true;
    const auto now = std::chrono::steady_clock::now();
    {
        std::unique_lock lock(mutex_);
        turn_.wait_until(lock, std::min(next, deadline_),
                         [&] { return quit_ || stopping_.load(std::memory_order_acquire); });
        if (quit_ || stopping_.load(std::memory_order_acquire)) return false;
    }
    if (std::chrono::steady_clock::now() < next) return false; // the deadline came first
    // Behind schedule (the cap was raised, or the steps are slower than it) starts the count again from now.
    const auto period = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(1.0 / cap));
    next = std::max(next, now) + period;
    return true;
}

std::uint64_t ComponentThreads::run(std::uint64_t budget, std::chrono::steady_clock::time_point deadline) {
    if (budget == 0 || threads_.empty()) return 0;
    std::unique_lock lock(mutex_);
    if (std::none_of(running_.begin(), running_.end(), [](char r) { return r != 0; })) return 0;
    skip_to_running();
    deadline_ = deadline;
    const auto most = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    tickets_.store(static_cast<std::int64_t>(std::min(budget, most)), std::memory_order_relaxed);
    taken_.store(0, std::memory_order_relaxed);
    stopping_.store(false, std::memory_order_relaxed);
    parked_count_ = 0;
    ++generation_;
    release_.notify_all();
    parked_.wait(lock, [&] { return parked_count_ == threads_.size(); });
    return taken_.load(std::memory_order_relaxed);
}

bool ComponentThreads::take_ticket() {
    if (tickets_.fetch_sub(1, std::memory_order_acq_rel) > 0) return true;
    if (!stopping_.exchange(true, std::memory_order_acq_rel) && on_stop_) on_stop_();
    return false;
}

void ComponentThreads::record(std::size_t component, std::string what, bool thrown) {
    bool first = false;
    {
        std::lock_guard lock(mutex_);
        if (!fault_) fault_ = Fault{names_[component], std::move(what), thrown};
        first = !stopping_.exchange(true, std::memory_order_acq_rel);
        turn_.notify_all();
    }
    if (first && on_stop_) on_stop_();
}

void ComponentThreads::fail(std::size_t component, std::string what) {
    record(component, std::move(what), false);
}

void ComponentThreads::work(std::size_t i) {
    const FlushDenormals flush; // as on the thread that calls Run::advance
    std::uint64_t seen = 0;
    auto next_allowed = std::chrono::steady_clock::time_point::min();
    for (;;) {
        bool runs = false;
        {
            std::unique_lock lock(mutex_);
            release_.wait(lock, [&] { return quit_ || generation_ != seen; });
            if (quit_) break;
            seen = generation_;
            runs = running_[i] != 0;
        }
        while (runs) {
            if (order_ == Order::RoundRobin) {
                std::unique_lock lock(mutex_);
                turn_.wait(lock, [&] {
                    return quit_ || stopping_.load(std::memory_order_acquire) || next_turn_ % size() == i;
                });
                if (quit_ || stopping_.load(std::memory_order_acquire)) break;
            } else if (stopping_.load(std::memory_order_acquire)) {
                break;
            }
            if (!wait_for_cap(i, next_allowed) || std::chrono::steady_clock::now() >= deadline_) {
                // Out of time: the release ends for everyone, as when the budget is spent.
                tickets_.store(0, std::memory_order_release);
            }
            if (!take_ticket()) {
                std::lock_guard lock(mutex_);
                turn_.notify_all();
                break;
            }
            try {
                step_(i);
                taken_.fetch_add(1, std::memory_order_relaxed);
            } catch (const std::exception& e) {
                record(i, e.what(), true);
            } catch (...) {
                record(i, "an unknown exception", true);
            }
            if (order_ == Order::RoundRobin) {
                std::lock_guard lock(mutex_);
                ++next_turn_;
                skip_to_running();
                turn_.notify_all();
            }
        }
        std::lock_guard lock(mutex_);
        if (++parked_count_ == threads_.size()) parked_.notify_one();
    }
    live_.fetch_sub(1, std::memory_order_acq_rel);
}

} // namespace phasor
