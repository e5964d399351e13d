// Runs one Model on a background thread: applies commands between ticks, paces, and publishes telemetry.
#pragma once
#include "engine/stepnet/config.hpp"
#include "engine/telemetry/series.hpp"
#include "engine/telemetry/snapshot.hpp"
#include "engine/telemetry/spsc_ring.hpp"
#include "engine/telemetry/triple_buffer.hpp"
#include "engine/trainer/command.hpp"
#include "engine/trainer/model.hpp"
#include "engine/trainer/rate_meter.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace phasor {

using ModelFactory = std::function<std::unique_ptr<Model>(const StepNetConfig&)>;

struct TrainerOptions {
    bool start_paused = false;
    double ticks_per_second = 0; // 0: as fast as possible; otherwise 1 … 1e7
    ModelFactory make_model;     // empty: builds a StepNet
};

// Something the engine wants the user to read: a rejected command, a divergence, a failed rebuild.
struct EngineMessage {
    std::uint64_t tick = 0;
    std::string text;
};

// Threads: the engine thread owns the model; any number of threads may `post`; one reader thread (the UI)
// uses the snapshot, series and message side; the plain accessors (state, tick, counters) are safe from
// anywhere. A divergence (non-finite loss after a tick, or non-finite weights at a publish) restores the last
// checkpoint and pauses in RunState::Diverged; Resume carries on from the restored weights.
class Trainer {
  public:
    static constexpr double kMaxTicksPerSecond = 1e7;

    // Builds the model (an InputError from the config propagates) and publishes a first snapshot; the engine
    // thread starts with `start`.
    explicit Trainer(StepNetConfig config, TrainerOptions options = {});
    ~Trainer(); // stops and joins
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    void start();
    void stop(); // idempotent; afterwards the model is no longer touched by the engine thread

    // Any thread. Applied between ticks in posting order; waits (yielding) while the queue is full, never
    // drops. Before `start`, at most kCommandCapacity commands can wait; one more throws std::logic_error.
    void post(Command command);
    std::uint64_t commands_posted() const { return posted_.load(std::memory_order_acquire); }
    // Counts a command once it is applied and, for a batch of commands, once the snapshot (and any message)
    // showing their effect is published.
    std::uint64_t commands_applied() const { return applied_.load(std::memory_order_acquire); }
    bool wait_for_commands(std::uint64_t n, std::chrono::milliseconds timeout) const;

    // Reader side, for one thread (the UI).
    bool refresh_snapshot() { return snapshots_.refresh(); }
    const Snapshot& snapshot() const { return snapshots_.front(); }
    std::size_t drain_series(std::vector<SeriesSample>& out); // appends; returns how many
    bool poll_message(EngineMessage& out) { return messages_.try_pop(out); }

    // Any thread.
    RunState state() const { return state_pub_.load(std::memory_order_acquire); }
    std::uint64_t tick() const { return tick_pub_.load(std::memory_order_acquire); }
    std::uint64_t series_dropped() const { return series_dropped_.load(std::memory_order_relaxed); }
    std::uint64_t messages_dropped() const { return messages_dropped_.load(std::memory_order_relaxed); }

    static constexpr std::size_t kCommandCapacity = 1024;
    static constexpr std::size_t kSeriesCapacity = 8192;
    static constexpr std::size_t kMessageCapacity = 256;

  private:
    using Clock = std::chrono::steady_clock;

    void run();
    void run_loop();
    void apply_pending();
    void apply(const Command& command);
    bool rebuild(const StepNetConfig& config);
    bool ticking() const { return state_ == RunState::Running || steps_left_ > 0; }
    std::uint64_t run_batch(std::uint64_t max_ticks);
    void tick_once();
    void run_paced();
    void idle_wait(Clock::duration timeout);
    void publish();
    void diverge(const char* reason);
    void set_state(RunState state);
    void message(std::string text);

    // Engine side (before `start`: the constructing thread).
    StepNetConfig config_;
    ModelFactory make_model_;
    std::unique_ptr<Model> model_;
    RunState state_ = RunState::Running;
    std::uint64_t steps_left_ = 0;
    double speed_ = 0;
    std::uint64_t batch_ = 16; // ticks between clock checks at full speed; adapts to the tick cost
    Clock::time_point pace_origin_{};
    std::uint64_t pace_ticks_ = 0;
    bool pace_restart_ = true;
    RateMeter rate_meter_;
    double rate_ = 0;
    std::uint64_t total_ticks_ = 0; // all runs, for the rate meter
    Clock::time_point next_publish_{};
    bool publish_now_ = false;
    std::uint64_t sequence_ = 0;
    std::string latest_message_;
    SeriesSample sample_;

    // Shared.
    TripleBuffer<Snapshot> snapshots_;
    SpscRing<SeriesSample> series_;
    SpscRing<EngineMessage> messages_;
    SpscRing<Command> commands_;
    std::mutex post_mutex_; // among posting threads only
    std::mutex
        wake_mutex_; // pairs with wake_, so a post cannot slip between the engine's check and its sleep
    std::condition_variable wake_;
    std::atomic<bool> stop_{false};
    std::atomic<bool> started_{false};
    std::atomic<std::uint64_t> posted_{0};
    std::atomic<std::uint64_t> applied_{0};
    std::atomic<RunState> state_pub_{RunState::Running};
    std::atomic<std::uint64_t> tick_pub_{0};
    std::atomic<std::uint64_t> series_dropped_{0};
    std::atomic<std::uint64_t> messages_dropped_{0};
    std::thread thread_;
};

} // namespace phasor
