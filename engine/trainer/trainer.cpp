// The engine thread: commands between ticks, pacing, faults, and telemetry publishing.
#include "engine/trainer/trainer.hpp"

#include "engine/core/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <exception>
#include <optional>
#include <stdexcept>
#include <utility>
#include <variant>

namespace phasor {
namespace {

using namespace std::chrono_literals;

constexpr auto kPublishEvery = 16ms;
constexpr auto kMaxSleep = 5ms;      // paced sleeps are sliced so commands still apply promptly
constexpr auto kIdleTimeout = 100ms; // a paused engine also wakes on every post
// A batch of ticks runs to its end before commands are looked at, so it is kept near a millisecond: long
// enough that the clock and a threaded model's release cost little, short enough that a click feels instant.
constexpr std::uint64_t kMaxBatch = std::uint64_t{1} << 16;

template <class... F> struct Overloaded : F... { using F::operator()...; };
template <class... F> Overloaded(F...) -> Overloaded<F...>;

std::optional<std::string> check_speed(double ticks_per_second) {
    if (ticks_per_second == 0.0) return std::nullopt;
    if (ticks_per_second >= 1.0 && ticks_per_second <= Trainer::kMaxTicksPerSecond) return std::nullopt;
    return fmt::format(
        "speed must be 0 (as fast as possible) or between 1 and {:g} ticks per second, not {:g}",
        Trainer::kMaxTicksPerSecond, ticks_per_second);
}

// Filled once so the three snapshot slots start with vectors of the right sizes and a payload each.
Snapshot prototype(Run& run) {
    Snapshot snapshot;
    run.fill(snapshot);
    return snapshot;
}

} // namespace

void Trainer::SeriesRing::write(SeriesSample& sample) {
    sample.run = trainer_.run_.id();
    sample.values[trainer_.run_.family().channels.size()] = static_cast<float>(trainer_.rate_);
    if (!trainer_.series_.try_push(sample)) trainer_.series_dropped_.fetch_add(1, std::memory_order_relaxed);
}

Trainer::Trainer(ParamSet params, TrainerOptions options)
    : run_(std::move(params)), run_id_(run_.id()), script_(std::move(options.script)),
      pause_at_(options.pause_at), snapshots_(prototype(run_)), series_(kSeriesCapacity),
      messages_(kMessageCapacity), changes_(kChangeCapacity), commands_(kCommandCapacity) {
    const double speed = options.ticks_per_second.value_or(run_.params().real("speed"));
    if (auto reason = check_speed(speed)) throw InputError(*reason);
    speed_ = speed;
    tell_pace();
    set_state(options.start_paused ? RunState::Paused : RunState::Running);
    tick_pub_.store(run_.ticks(), std::memory_order_release);
    publish();
}

Trainer::~Trainer() {
    stop();
}

void Trainer::start() {
    if (thread_.joinable() || stop_.load(std::memory_order_acquire)) return;
    thread_ = std::thread([this] { engine_thread(); });
    started_.store(true, std::memory_order_release);
}

void Trainer::stop() {
    stop_.store(true, std::memory_order_release);
    { std::lock_guard lock(wake_mutex_); }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Trainer::post(Command command) {
    {
        std::lock_guard lock(post_mutex_);
        while (!commands_.try_push(std::move(command))) {
            if (stop_.load(std::memory_order_acquire)) return; // no engine is left to make room
            // Before start() nothing drains the queue: waiting would hang the caller for ever.
            if (!started_.load(std::memory_order_acquire))
                throw std::logic_error("Trainer::post: command queue full before start()");
            wake_.notify_one();
            std::this_thread::yield();
        }
        posted_.fetch_add(1, std::memory_order_release);
    }
    // Taking the lock orders this push against the engine's check-then-sleep, so the wake-up cannot be lost.
    { std::lock_guard lock(wake_mutex_); }
    wake_.notify_one();
}

bool Trainer::wait_for_commands(std::uint64_t n, std::chrono::milliseconds timeout) const {
    const auto deadline = Clock::now() + timeout;
    while (commands_applied() < n) {
        if (Clock::now() >= deadline) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

std::size_t Trainer::drain_series(std::vector<SeriesSample>& out) {
    std::size_t n = 0;
    SeriesSample sample;
    while (series_.try_pop(sample)) {
        out.push_back(sample);
        ++n;
    }
    return n;
}

void Trainer::engine_thread() {
    try {
        run_loop();
    } catch (const std::exception& e) {
        // Something outside the model's ticks threw (a snapshot fill, say): leave the thread, but say so
        // rather than terminate the whole program.
        steps_left_ = 0;
        set_state(RunState::Failed);
        message(fmt::format("engine stopped: {}", e.what()));
        stop_.store(true, std::memory_order_release);
        try {
            publish();
        } catch (const std::exception&) {
            // The message is still in the message ring.
        }
    }
}

void Trainer::run_loop() {
    next_publish_ = Clock::now() + kPublishEvery;
    std::uint64_t published_total = total_ticks_;
    while (!stop_.load(std::memory_order_acquire)) {
        if (!commands_.empty()) {
            apply_pending();
            published_total = total_ticks_;
            continue;
        }
        if (!ticking()) {
            rate_meter_.reset();
            rate_ = 0;
            pace_restart_ = true;
            idle_wait(kIdleTimeout);
            continue;
        }
        const std::uint64_t before = total_ticks_;
        if (speed_ == 0 || seek_) { // a scrub runs to its tick as fast as possible, whatever the pace
            const auto start = Clock::now();
            run_batch(batch_);
            const auto took = Clock::now() - start;
            const auto target = run_.model().batch_time();
            if (took > 2 * target && batch_ > 1)
                batch_ /= 2;
            else if (took < target / 2 && batch_ < kMaxBatch)
                batch_ *= 2;
        } else {
            run_paced();
        }
        const auto now = Clock::now();
        if (total_ticks_ != before) {
            rate_meter_.add(now, total_ticks_);
            rate_ = rate_meter_.rate();
        }
        if (publish_now_ || (now >= next_publish_ && total_ticks_ != published_total)) {
            publish();
            published_total = total_ticks_;
        }
    }
}

// Slow motion and single steps want every tick in the pictures; at full speed the family's own intervals.
void Trainer::tell_pace() {
    const double pace = state_ != RunState::Running && steps_left_ > 0 ? 1.0 : speed_;
    if (pace == told_pace_) return;
    told_pace_ = pace;
    run_.set_pace(pace);
}

void Trainer::apply_pending() {
    // Bounded, so producers that never stop posting cannot starve the publish below.
    std::uint64_t n = 0;
    Command command;
    while (n < kCommandCapacity && commands_.try_pop(command)) {
        apply(command);
        ++n;
    }
    command = Pause{}; // drop a preset's parameters now rather than at the next batch
    handle_fault();    // a change may have found the state non-finite
    tell_pace();
    forward_changes();
    publish();
    applied_.fetch_add(n, std::memory_order_release);
}

namespace {

// The control a refusal stands beside: the parameter set, or, of several set together, the one the reason
// starts with ("network.layers: ...").
std::string refused_key(const Command& command, std::string_view reason) {
    if (const auto* c = std::get_if<SetParam>(&command)) return c->key;
    if (std::holds_alternative<SetSpeed>(command)) return "speed";
    const auto* several = std::get_if<SetParams>(&command);
    if (!several || several->changes.empty()) return {};
    for (const ParamChange& c : several->changes)
        if (reason.starts_with(c.key) && reason.substr(c.key.size()).starts_with(":")) return c.key;
    return several->changes.front().key;
}

// The pace is the trainer's, checked and applied apart from the run's parameters: never part of a change of
// several.
std::optional<std::string> pace_among(const SetParams& command, const ParamTable& table) {
    for (const ParamChange& c : command.changes)
        if (const ParamSpec* row = table.find(c.key); row && row->apply == ParamApply::Pace)
            return fmt::format("{}: set it on its own; it paces the app, not the run", c.key);
    return std::nullopt;
}

} // namespace

void Trainer::apply(const Command& command) {
    std::optional<std::string> refused;
    const bool was_running = state_ == RunState::Running;
    // Taking the controls (pausing, stepping, another run) ends a scrub where it is.
    if (!std::holds_alternative<SetParam>(command) && !std::holds_alternative<SetParams>(command) &&
        !std::holds_alternative<SetSpeed>(command))
        seek_.reset();
    try {
        std::visit(Overloaded{
                       [&](const SetSpeed& c) { refused = set_speed(c.ticks_per_second); },
                       [&](const SingleStep& c) {
                           if (c.ticks < 1) {
                               refused = fmt::format("a single step needs at least 1 tick, not {}", c.ticks);
                               return;
                           }
                           set_state(RunState::Paused);
                           steps_left_ += static_cast<std::uint64_t>(c.ticks);
                           pace_restart_ = true;
                           run_.note("step", fmt::format("{}", c.ticks));
                       },
                       [&](const Reset&) { refused = run_.reset(); },
                       [&](const LoadPreset& c) {
                           if (!c.params) {
                               refused = "a preset to load needs its parameters";
                               return;
                           }
                           // A preset is shown at its own pace, unless that pace is not one the trainer
                           // takes.
                           if ((refused = run_.load(*c.params, c.name))) return;
                           const double speed = run_.params().real("speed");
                           if (!check_speed(speed)) speed_ = speed, pace_restart_ = true;
                       },
                       [&](const SetParam& c) {
                           const ParamSpec* row = run_.params().table().find(c.key);
                           if (row && row->apply == ParamApply::Pace &&
                               std::holds_alternative<float>(c.value))
                               refused = set_speed(std::get<float>(c.value));
                           else
                               refused = run_.set(c.key, c.value);
                       },
                       [&](const SetParams& c) {
                           if (!(refused = pace_among(c, run_.params().table())))
                               refused = run_.set(c.changes);
                       },
                       [&](const Pause&) {
                           steps_left_ = 0;
                           // A faulted run is already paused and should keep saying why.
                           if (state_ == RunState::Running) set_state(RunState::Paused);
                           if (was_running) run_.note("pause");
                       },
                       [&](const Rewind& c) {
                           if (!c.params) {
                               refused = "a rewind needs the parameters to start from";
                               return;
                           }
                           if ((refused = run_.load(*c.params, c.name))) return;
                           script_ = c.script;
                           next_change_ = 0;
                           script_runs_ = 0;
                           steps_left_ = 0;
                           pace_restart_ = true;
                           pause_at_ = c.end;
                           seek_ = c.to;
                           set_state(RunState::Running);
                       },
                       [&](const Resume&) {
                           steps_left_ = 0;
                           set_state(RunState::Running);
                           pace_restart_ = true;
                           if (!was_running) run_.note("resume");
                       },
                   },
                   command);
    } catch (const InputError& e) {
        refused = e.what();
    }
    if (run_.id() != run_id_) new_run_started();
    if (std::holds_alternative<Rewind>(command) && !refused) check_stops(); // a rewind to tick 0
    // A refused change stands, next to its control, until a change is accepted.
    const bool change = std::holds_alternative<SetParam>(command) ||
                        std::holds_alternative<SetParams>(command) ||
                        std::holds_alternative<SetSpeed>(command) || std::holds_alternative<Reset>(command) ||
                        std::holds_alternative<LoadPreset>(command);
    if (refused) {
        std::string key = refused_key(command, *refused);
        message(std::move(*refused), std::move(key));
    } else if (change) {
        latest_message_.clear();
        latest_key_.clear();
    }
}

// The speed is the run's `speed` parameter: logged like any change and kept in a saved preset.
std::optional<std::string> Trainer::set_speed(double ticks_per_second) {
    if (auto reason = check_speed(ticks_per_second)) return reason;
    if (auto refused = run_.set("speed", static_cast<float>(ticks_per_second))) return refused;
    speed_ = ticks_per_second;
    pace_restart_ = true;
    return std::nullopt;
}

void Trainer::new_run_started() {
    run_id_ = run_.id();
    steps_left_ = 0;
    if (state_ == RunState::Diverged || state_ == RunState::Failed) set_state(RunState::Paused);
    tick_pub_.store(run_.ticks(), std::memory_order_release);
    latest_message_.clear(); // whatever it said was about the previous run
    latest_key_.clear();
    pace_restart_ = true;
}

void Trainer::apply_scripted() {
    const ScriptedChange& change = script_[next_change_++];
    const std::optional<std::string> refused = run_.replay(change);
    if (run_.id() != run_id_) {
        // The user did not ask for this new run: ticks they asked to step through are still to come.
        const std::uint64_t steps = steps_left_;
        new_run_started();
        steps_left_ = steps;
        ++script_runs_;
    }
    if (refused) message(fmt::format("--at {}: {}", change.text, *refused));
    handle_fault();
    forward_changes();
    publish_now_ = true;
}

std::uint64_t Trainer::run_batch(std::uint64_t max_ticks) {
    if (steps_left_ > 0) max_ticks = std::min(max_ticks, steps_left_);
    while (next_change_ < script_.size() && script_[next_change_].tick == run_.ticks()) apply_scripted();
    if (next_change_ < script_.size() && script_[next_change_].tick > run_.ticks())
        max_ticks = std::min(max_ticks, script_[next_change_].tick - run_.ticks());
    if (seek_) max_ticks = cap_at(*seek_, max_ticks);
    if (pause_at_) max_ticks = cap_at(*pause_at_, max_ticks);
    const std::uint64_t done = max_ticks ? run_.advance(max_ticks, series_writer_) : 0;
    total_ticks_ += done;
    tick_pub_.store(run_.ticks(), std::memory_order_release);
    if (steps_left_ > 0) {
        steps_left_ -= std::min(steps_left_, done);
        if (steps_left_ == 0) publish_now_ = true;
    }
    handle_fault();
    check_stops();
    return done;
}

bool Trainer::reached(const ScriptPoint& point) const {
    return script_runs_ > point.run || (script_runs_ == point.run && run_.ticks() >= point.tick);
}

// Ticks to run in this batch so that it ends exactly at `point` when the point is in the current run.
std::uint64_t Trainer::cap_at(const ScriptPoint& point, std::uint64_t max_ticks) const {
    if (script_runs_ != point.run) return max_ticks;
    return run_.ticks() >= point.tick ? max_ticks : std::min(max_ticks, point.tick - run_.ticks());
}

// A scrub that got to its point, or a replay that got to the recording's end, pauses there (once).
void Trainer::check_stops() {
    const bool seek_done = seek_ && reached(*seek_);
    const bool end_done = pause_at_ && reached(*pause_at_);
    if (seek_done) seek_.reset();
    if (end_done) pause_at_.reset();
    if (!seek_done && !end_done) return;
    steps_left_ = 0;
    if (state_ == RunState::Running) set_state(RunState::Paused);
    publish_now_ = true;
}

void Trainer::run_paced() {
    const auto now = Clock::now();
    if (pace_restart_) {
        pace_origin_ = now;
        pace_ticks_ = 0;
        pace_restart_ = false;
    }
    const double elapsed = std::chrono::duration<double>(now - pace_origin_).count();
    // Tick k (counting from 0) is due at k / speed after the origin.
    double due = std::floor(elapsed * speed_) + 1.0 - static_cast<double>(pace_ticks_);
    if (due >= 1.0) {
        if (due > speed_ * 0.25 + 256) { // far behind (slow ticks, a long rebuild): no catch-up burst
            pace_origin_ = now;
            pace_ticks_ = 0;
            due = 1.0;
        }
        const auto n = std::min(static_cast<std::uint64_t>(due), std::max<std::uint64_t>(batch_, 1));
        pace_ticks_ += run_batch(n);
        return;
    }
    const double wait = static_cast<double>(pace_ticks_) / speed_ - elapsed;
    const auto slice = std::min<Clock::duration>(
        std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(wait)), kMaxSleep);
    idle_wait(slice);
}

void Trainer::idle_wait(Clock::duration timeout) {
    std::unique_lock lock(wake_mutex_);
    wake_.wait_for(lock, timeout,
                   [&] { return stop_.load(std::memory_order_acquire) || !commands_.empty(); });
}

void Trainer::publish() {
    run_.verify();
    handle_fault();
    Snapshot& snapshot = snapshots_.back();
    run_.fill(snapshot);
    snapshot.state = state_;
    snapshot.speed = speed_;
    snapshot.ticks_per_second = ticking() ? static_cast<float>(rate_) : 0.f;
    snapshot.sequence = ++sequence_;
    snapshot.changes = changes_applied_;
    snapshot.message = latest_message_;
    snapshot.message_key = latest_key_;
    snapshots_.publish();
    publish_now_ = false;
    next_publish_ = Clock::now() + kPublishEvery;
}

void Trainer::handle_fault() {
    const std::optional<FaultReport> report = run_.take_fault();
    if (!report) return;
    steps_left_ = 0;
    seek_.reset();
    // The message goes first: whoever sees the faulted state (the UI, a test) must find the reason waiting.
    message(fmt::format("{}; paused", report->describe()));
    tick_pub_.store(run_.ticks(), std::memory_order_release);
    set_state(report->fault.thrown ? RunState::Failed : RunState::Diverged);
    publish_now_ = true;
}

void Trainer::forward_changes() {
    for (Change& change : run_.log()) {
        ++changes_applied_;
        if (!changes_.try_push(std::move(change))) changes_dropped_.fetch_add(1, std::memory_order_relaxed);
    }
    run_.log().clear();
}

void Trainer::set_state(RunState state) {
    state_ = state;
    state_pub_.store(state, std::memory_order_release);
}

void Trainer::message(std::string text, std::string key) {
    latest_message_ = text;
    latest_key_ = key;
    if (!messages_.try_push(EngineMessage{run_.ticks(), std::move(text), std::move(key)}))
        messages_dropped_.fetch_add(1, std::memory_order_relaxed);
}

} // namespace phasor
