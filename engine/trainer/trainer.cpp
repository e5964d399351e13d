// The engine thread: commands between ticks, pacing, divergence recovery, and telemetry publishing.
#include "engine/trainer/trainer.hpp"

#include "engine/core/error.hpp"
#include "engine/stepnet/stepnet.hpp"

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
constexpr std::uint64_t kMaxBatch = 256;
constexpr auto kSlowBatch = 2ms;   // batches longer than this shrink, so the clock is read often enough
constexpr auto kFastBatch = 500us; // ... and shorter ones grow, so it is read rarely

template <class... F> struct Overloaded : F... { using F::operator()...; };
template <class... F> Overloaded(F...) -> Overloaded<F...>;

std::optional<std::string> check_speed(double ticks_per_second) {
    if (ticks_per_second == 0.0) return std::nullopt;
    if (ticks_per_second >= 1.0 && ticks_per_second <= Trainer::kMaxTicksPerSecond) return std::nullopt;
    return fmt::format(
        "speed must be 0 (as fast as possible) or between 1 and {:g} ticks per second, not {:g}",
        Trainer::kMaxTicksPerSecond, ticks_per_second);
}

ModelFactory default_factory() {
    return [](const StepNetConfig& config) -> std::unique_ptr<Model> {
        return std::make_unique<StepNet>(config);
    };
}

// Every model starts with a checkpoint, so a divergence before the first publish still has a state to go back
// to.
std::unique_ptr<Model> build(const ModelFactory& make_model, const StepNetConfig& config) {
    std::unique_ptr<Model> model = make_model(config);
    if (!model) throw InputError("the model factory returned no model");
    model->checkpoint();
    return model;
}

// Filled once so the three snapshot slots start with vectors of the right sizes.
Snapshot prototype(Model& model) {
    Snapshot snapshot;
    model.fill(snapshot);
    return snapshot;
}

} // namespace

Trainer::Trainer(StepNetConfig config, TrainerOptions options)
    : config_(std::move(config)),
      make_model_(options.make_model ? std::move(options.make_model) : default_factory()),
      model_(build(make_model_, config_)), snapshots_(prototype(*model_)), series_(kSeriesCapacity),
      messages_(kMessageCapacity), commands_(kCommandCapacity) {
    if (auto reason = check_speed(options.ticks_per_second)) throw InputError(*reason);
    speed_ = options.ticks_per_second;
    set_state(options.start_paused ? RunState::Paused : RunState::Running);
    tick_pub_.store(model_->ticks(), std::memory_order_release);
    publish();
}

Trainer::~Trainer() {
    stop();
}

void Trainer::start() {
    if (thread_.joinable() || stop_.load(std::memory_order_acquire)) return;
    thread_ = std::thread([this] { run(); });
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

void Trainer::run() {
    try {
        run_loop();
    } catch (const std::exception& e) {
        // A model that throws mid-run leaves the thread; say so rather than terminate the whole program.
        steps_left_ = 0;
        set_state(RunState::Paused);
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
        if (speed_ == 0) {
            const auto start = Clock::now();
            run_batch(batch_);
            const auto took = Clock::now() - start;
            if (took > kSlowBatch && batch_ > 1)
                batch_ /= 2;
            else if (took < kFastBatch && batch_ < kMaxBatch)
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

void Trainer::apply_pending() {
    // Checkpoint before the commands too: if one of them (a huge learning rate) makes the run diverge, the
    // restored state is the one from before it, not one taken by the publish just after it.
    if (model_->ticks() != model_->checkpoint_tick() && model_->weights_finite()) model_->checkpoint();
    // Bounded, so producers that never stop posting cannot starve the publish below.
    std::uint64_t n = 0;
    Command command;
    while (n < kCommandCapacity && commands_.try_pop(command)) {
        apply(command);
        ++n;
    }
    command = Pause{}; // drop a Rebuild's config reference now rather than at the next batch
    publish();
    applied_.fetch_add(n, std::memory_order_release);
}

void Trainer::apply(const Command& command) {
    std::optional<std::string> rejected;
    try {
        std::visit(Overloaded{
                       [&](const SetSpeed& c) {
                           if ((rejected = check_speed(c.ticks_per_second))) return;
                           speed_ = c.ticks_per_second;
                           pace_restart_ = true;
                       },
                       [&](const SingleStep& c) {
                           if (c.ticks < 1) {
                               rejected = fmt::format("a single step needs at least 1 tick, not {}", c.ticks);
                               return;
                           }
                           set_state(RunState::Paused);
                           steps_left_ += static_cast<std::uint64_t>(c.ticks);
                           pace_restart_ = true;
                       },
                       [&](const Reset& c) {
                           StepNetConfig config = config_;
                           if (c.seed) config.seed = *c.seed;
                           rebuild(config);
                       },
                       [&](const Rebuild& c) {
                           if (!c.config)
                               rejected = "rebuild needs a config";
                           else
                               rebuild(*c.config);
                       },
                       [&](const Pause&) {
                           steps_left_ = 0;
                           // A diverged run is already paused and should keep saying why.
                           if (state_ != RunState::Diverged) set_state(RunState::Paused);
                       },
                       [&](const Resume&) {
                           steps_left_ = 0;
                           set_state(RunState::Running);
                           pace_restart_ = true;
                       },
                       [&](const auto&) { rejected = model_->apply(command); },
                   },
                   command);
    } catch (const InputError& e) {
        rejected = e.what();
    }
    if (rejected) message(std::move(*rejected));
}

bool Trainer::rebuild(const StepNetConfig& config) {
    std::unique_ptr<Model> model;
    try {
        model = build(make_model_, config);
    } catch (const std::exception& e) { // InputError for a bad config; anything else is reported the same way
        message(fmt::format("rebuild rejected, the run goes on unchanged: {}", e.what()));
        return false;
    }
    model_ = std::move(model);
    config_ = config;
    steps_left_ = 0;
    if (state_ == RunState::Diverged) set_state(RunState::Paused);
    tick_pub_.store(model_->ticks(), std::memory_order_release);
    latest_message_.clear(); // whatever it said was about the previous run
    pace_restart_ = true;
    return true;
}

std::uint64_t Trainer::run_batch(std::uint64_t max_ticks) {
    std::uint64_t done = 0;
    while (done < max_ticks && ticking() && commands_.empty()) {
        tick_once();
        ++done;
    }
    return done;
}

void Trainer::tick_once() {
    model_->tick();
    ++total_ticks_;
    tick_pub_.store(model_->ticks(), std::memory_order_release);
    if (steps_left_ > 0 && --steps_left_ == 0) publish_now_ = true;
    if (model_->series_due()) {
        model_->sample(sample_);
        sample_.ticks_per_second = static_cast<float>(rate_);
        if (!series_.try_push(sample_)) series_dropped_.fetch_add(1, std::memory_order_relaxed);
    }
    if (model_->loss_diverged()) diverge("loss is not finite");
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
        if (due > speed_ * 0.25 + kMaxBatch) { // far behind (slow ticks, a long rebuild): no catch-up burst
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
    if (!model_->weights_finite())
        diverge("weights are not finite");
    else if (model_->ticks() != model_->checkpoint_tick())
        model_->checkpoint();

    Snapshot& snapshot = snapshots_.back();
    model_->fill(snapshot);
    snapshot.tick = model_->ticks();
    snapshot.state = state_;
    snapshot.ticks_per_second = ticking() ? static_cast<float>(rate_) : 0.f;
    snapshot.sequence = ++sequence_;
    snapshot.message = latest_message_;
    snapshots_.publish();
    publish_now_ = false;
    next_publish_ = Clock::now() + kPublishEvery;
}

void Trainer::diverge(const char* reason) {
    const std::uint64_t at = model_->ticks();
    const std::uint64_t from = model_->checkpoint_tick();
    model_->restore();
    steps_left_ = 0;
    // The message goes first: whoever sees the Diverged state (the UI, a test) must find the reason waiting.
    message(fmt::format("diverged at tick {} ({}); weights restored from tick {}; paused", at, reason, from));
    tick_pub_.store(model_->ticks(), std::memory_order_release);
    set_state(RunState::Diverged);
    publish_now_ = true;
}

void Trainer::set_state(RunState state) {
    state_ = state;
    state_pub_.store(state, std::memory_order_release);
}

void Trainer::message(std::string text) {
    latest_message_ = text;
    if (!messages_.try_push(EngineMessage{model_->ticks(), std::move(text)}))
        messages_dropped_.fetch_add(1, std::memory_order_relaxed);
}

} // namespace phasor
