// ComponentThreads (component_threads.hpp): release, budget, parking, faults and shutdown.
#include "engine/runtime/component_threads.hpp"

#include "engine/core/float_mode.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <limits>

namespace phasor {

std::atomic<int> ComponentThreads::live_{0};

ComponentThreads::ComponentThreads(std::vector<std::string> names, Step step, Order order)
    : names_(std::move(names)), step_(std::move(step)), order_(order) {
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

std::uint64_t ComponentThreads::run(std::uint64_t budget) {
    if (budget == 0 || threads_.empty()) return 0;
    std::unique_lock lock(mutex_);
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
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            release_.wait(lock, [&] { return quit_ || generation_ != seen; });
            if (quit_) break;
            seen = generation_;
        }
        for (;;) {
            if (order_ == Order::RoundRobin) {
                std::unique_lock lock(mutex_);
                turn_.wait(lock, [&] {
                    return quit_ || stopping_.load(std::memory_order_acquire) || next_turn_ % size() == i;
                });
                if (quit_ || stopping_.load(std::memory_order_acquire)) break;
            } else if (stopping_.load(std::memory_order_acquire)) {
                break;
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
                turn_.notify_all();
            }
        }
        std::lock_guard lock(mutex_);
        if (++parked_count_ == threads_.size()) parked_.notify_one();
    }
    live_.fetch_sub(1, std::memory_order_acq_rel);
}

} // namespace phasor
