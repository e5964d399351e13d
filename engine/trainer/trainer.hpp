// Runs one Run on a background thread: applies commands between ticks, paces, publishes telemetry, and turns
// faults into a paused run with a message.
#pragma once
#include "engine/runtime/change.hpp"
#include "engine/runtime/run.hpp"
#include "engine/telemetry/series.hpp"
#include "engine/telemetry/snapshot.hpp"
#include "engine/telemetry/spsc_ring.hpp"
#include "engine/telemetry/triple_buffer.hpp"
#include "engine/trainer/command.hpp"
#include "engine/trainer/rate_meter.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace phasor {

struct TrainerOptions {
    bool start_paused = false;
    // 0: as fast as possible; otherwise 1 … kMaxTicksPerSecond. Unset: the parameters' `speed`.
    std::optional<double> ticks_per_second;
    // Changes to apply at exact ticks of the run's clock, in order, as `phasor run --at` does: a live session
    // with a script trains exactly what its headless replay trains. A change waits for its tick; after a
    // reset the clock starts again and the remaining changes wait for the new run to reach theirs.
    std::vector<ScriptedChange> script;
    // Pause when the script's run reaches this point (a replay stops where its recording ended).
    std::optional<ScriptPoint> pause_at;
};

// Something the engine wants the user to read: a refused change, a divergence, a failed rebuild.
struct EngineMessage {
    std::uint64_t tick = 0;
    std::string text;
    std::string key; // the parameter a refused change was about; empty for other messages
};

// Threads: the engine thread owns the run; any number of threads may `post`; one reader thread (the UI) uses
// the snapshot, series, change and message side; the plain accessors (state, tick, counters) are safe from
// anywhere. A fault (a non-finite loss or state, a component that threw) restores the last checkpoint and
// pauses in RunState::Diverged or Failed; Resume carries on from the restored state.
class Trainer {
  public:
    static constexpr double kMaxTicksPerSecond = 1e7;

    // Builds the run (InputError from the parameters propagates) and publishes a first snapshot; the engine
    // thread starts with `start`.
    explicit Trainer(ParamSet params, TrainerOptions options = {});
    ~Trainer(); // stops and joins
    Trainer(const Trainer&) = delete;
    Trainer& operator=(const Trainer&) = delete;

    void start();
    void stop(); // idempotent; afterwards the run is no longer touched by the engine thread

    // Any thread. Applied between ticks in posting order; waits (yielding) while the queue is full, never
    // drops. Before `start`, at most kCommandCapacity commands can wait; one more throws std::logic_error.
    void post(Command command);
    std::uint64_t commands_posted() const { return posted_.load(std::memory_order_acquire); }
    // Counts a command once it is applied and, for a batch of commands, once the snapshot (and any message
    // and change) showing their effect is published.
    std::uint64_t commands_applied() const { return applied_.load(std::memory_order_acquire); }
    bool wait_for_commands(std::uint64_t n, std::chrono::milliseconds timeout) const;

    // Reader side, for one thread (the UI).
    bool refresh_snapshot() { return snapshots_.refresh(); }
    const Snapshot& snapshot() const { return snapshots_.front(); }
    std::size_t drain_series(std::vector<SeriesSample>& out); // appends; returns how many
    bool poll_message(EngineMessage& out) { return messages_.try_pop(out); }
    bool poll_change(Change& out) { return changes_.try_pop(out); }

    // Any thread.
    RunState state() const { return state_pub_.load(std::memory_order_acquire); }
    std::uint64_t tick() const { return tick_pub_.load(std::memory_order_acquire); }
    std::uint64_t series_dropped() const { return series_dropped_.load(std::memory_order_relaxed); }
    std::uint64_t messages_dropped() const { return messages_dropped_.load(std::memory_order_relaxed); }
    std::uint64_t changes_dropped() const { return changes_dropped_.load(std::memory_order_relaxed); }

    // Engine side, for a test or benchmark that drives no thread: the run itself. Not while started.
    Run& run() { return run_; }

    static constexpr std::size_t kCommandCapacity = 1024;
    static constexpr std::size_t kSeriesCapacity = 8192;
    static constexpr std::size_t kMessageCapacity = 256;
    static constexpr std::size_t kChangeCapacity = 4096;

  private:
    using Clock = std::chrono::steady_clock;

    // Adds the runtime's channel (the measured rate) and passes samples to the ring.
    class SeriesRing final : public SeriesWriter {
      public:
        explicit SeriesRing(Trainer& trainer) : trainer_(trainer) {}
        void write(SeriesSample& sample) override;

      private:
        Trainer& trainer_;
    };

    void engine_thread();
    void run_loop();
    void apply_pending();
    void apply(const Command& command);
    bool ticking() const { return state_ == RunState::Running || steps_left_ > 0; }
    std::uint64_t run_batch(std::uint64_t max_ticks);
    void run_paced();
    void idle_wait(Clock::duration timeout);
    void publish();
    void handle_fault();
    void forward_changes();
    void new_run_started();
    void apply_scripted();
    bool reached(const ScriptPoint& point) const;
    std::uint64_t cap_at(const ScriptPoint& point, std::uint64_t max_ticks) const;
    void check_stops();
    std::optional<std::string> set_speed(double ticks_per_second);
    void tell_pace();
    void set_state(RunState state);
    void message(std::string text, std::string key = {});

    // Engine side (before `start`: the constructing thread).
    Run run_;
    SeriesRing series_writer_{*this};
    std::uint64_t run_id_ = 0; // the run the engine last saw, to notice a rebuild
    RunState state_ = RunState::Running;
    std::uint64_t steps_left_ = 0;
    double speed_ = 0;
    std::uint64_t batch_ = 16; // ticks per advance at full speed; adapts so a batch takes about a millisecond
    Clock::time_point pace_origin_{};
    std::uint64_t pace_ticks_ = 0;
    bool pace_restart_ = true;
    double told_pace_ = -1.0; // the pace the run was last told (Run::set_pace)
    RateMeter rate_meter_;
    double rate_ = 0;
    std::uint64_t total_ticks_ = 0; // all runs, for the rate meter
    Clock::time_point next_publish_{};
    bool publish_now_ = false;
    std::uint64_t sequence_ = 0;
    std::uint64_t changes_applied_ = 0;
    std::string latest_message_, latest_key_;
    std::vector<ScriptedChange> script_;
    std::size_t next_change_ = 0;
    std::uint64_t script_runs_ = 0;   // runs the script's changes started since it began
    std::optional<ScriptPoint> seek_; // a Rewind's target, run to as fast as possible
    std::optional<ScriptPoint> pause_at_;

    // Shared.
    TripleBuffer<Snapshot> snapshots_;
    SpscRing<SeriesSample> series_;
    SpscRing<EngineMessage> messages_;
    SpscRing<Change> changes_;
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
    std::atomic<std::uint64_t> changes_dropped_{0};
    std::thread thread_;
};

} // namespace phasor
