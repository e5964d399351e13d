// Threads for a model whose components each run on their own thread (MACH): released, they take steps from a
// shared budget at their own pace; between releases every one is parked, so the runtime's safe points
// (applying commands, filling snapshots, checkpoints) always see all components at rest. Pause, single step,
// reset and shutdown reach every thread through this one mechanism.
#pragma once
#include "engine/runtime/model.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace phasor {

class ComponentThreads {
  public:
    enum class Order {
        Free,       // each takes the next step as soon as it is ready: real asynchrony, timing decides
        RoundRobin, // component 0, 1, ..., n−1, 0, ... one step at a time: the same run every time, for tests
    };

    // One step of component `i`. It may throw (reported as a fault naming the component) or call fail().
    using Step = std::function<void(std::size_t component)>;

    // Starts one parked thread per name.
    ComponentThreads(std::vector<std::string> names, Step step, Order order);
    // Stops and joins every thread.
    ~ComponentThreads();
    ComponentThreads(const ComponentThreads&) = delete;
    ComponentThreads& operator=(const ComponentThreads&) = delete;

    // Releases the components for up to `budget` steps in all, and returns once every one is parked again
    // with how many steps were taken. A fault (a step that threw, or fail()) ends the release early: the
    // others finish the step they are in and park. So does `deadline`: a release of slowed components
    // returns in time for the runtime to apply commands.
    std::uint64_t
    run(std::uint64_t budget,
        std::chrono::steady_clock::time_point deadline = std::chrono::steady_clock::time_point::max());

    // Between releases only. A component that does not run stays parked through releases (round-robin skips
    // its turn); run() takes no step while none runs.
    void set_running(std::size_t i, bool running);
    bool running(std::size_t i) const { return running_[i] != 0; }
    // At most `steps_per_second` steps a second for component `i` (0: no cap), by waiting before a step. In
    // round-robin order a capped component holds its turn while it waits, so it slows the round.
    void set_speed_cap(std::size_t i, double steps_per_second);

    // Called (from a component's thread) when a release starts to end: the budget is spent or a fault
    // stopped it. A model whose components can wait for each other (a queue that blocks) lets them go here,
    // since one that has parked will not answer.
    void on_stop(std::function<void()> callback) { on_stop_ = std::move(callback); }

    // From inside a step: component `i` found its state non-finite; the release ends as soon as all park.
    void fail(std::size_t component, std::string what);
    // The first fault of the last release, or null; clear_fault() forgets it.
    const Fault* fault() const { return fault_ ? &*fault_ : nullptr; }
    void clear_fault() { fault_.reset(); }

    std::size_t size() const { return names_.size(); }
    const std::string& name(std::size_t i) const { return names_[i]; }

    // Threads started and not yet finished, in the whole process: tests check that shutdown joins them all.
    static int live_threads() { return live_.load(std::memory_order_acquire); }

  private:
    void work(std::size_t i);
    bool take_ticket();
    // Round-robin: moves next_turn_ on to a running component (under mutex_).
    void skip_to_running();
    // Waits until component i may take its next step under its cap; false if the release ended meanwhile.
    bool wait_for_cap(std::size_t i, std::chrono::steady_clock::time_point& next);
    void record(std::size_t component, std::string what, bool thrown);

    std::vector<std::string> names_;
    Step step_;
    std::function<void()> on_stop_;
    Order order_;

    std::mutex mutex_;
    std::condition_variable release_; // parked threads wait here for the next release
    std::condition_variable parked_;  // run() waits here for every thread to park
    std::condition_variable turn_;    // round-robin: the next component's turn
    std::uint64_t generation_ = 0;    // bumped by every release
    std::size_t parked_count_ = 0;
    std::uint64_t next_turn_ = 0; // round-robin: whose step is next, counted over all releases
    bool quit_ = false;
    std::atomic<std::int64_t> tickets_{0};
    std::atomic<std::uint64_t> taken_{0};
    std::atomic<bool> stopping_{false};
    std::optional<Fault> fault_; // written under mutex_ by the components, read by run()'s caller after
    std::vector<char> running_;
    std::vector<double> speed_cap_;
    std::chrono::steady_clock::time_point deadline_;

    std::vector<std::thread> threads_;
    static std::atomic<int> live_;
};

} // namespace phasor
