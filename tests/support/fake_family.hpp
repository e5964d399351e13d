// A test-only family whose model is a counter: it records every build, parameter and checkpoint it is given,
// and goes non-finite or throws on request (through its own live parameters), so the runtime around a model
// (Run, Trainer) can be tested without the cost or the chance of a real one.
#pragma once
#include "engine/core/error.hpp"
#include "engine/params/param_set.hpp"
#include "engine/runtime/family.hpp"
#include "engine/runtime/model.hpp"
#include "support/runtime_support.hpp"

#include <chrono>
#include <fmt/format.h>

#include <array>
#include <atomic>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace phasor::testing {

// What the fake models saw, over every build. Written by whichever thread drives the model (a trainer's
// engine thread), read by the test: behind a mutex, and copied out.
class FakeLog {
  public:
    struct Set {
        std::uint64_t model = 0; // which build took it
        std::uint64_t tick = 0;
        std::string key;
        ParamValue value;
    };
    struct Build {
        std::uint64_t model = 0;
        ParamSet params;
    };

    void reset() {
        std::lock_guard lock(mutex_);
        sets_.clear();
        builds_.clear();
        checkpoints_.clear();
        restores_ = 0;
    }
    void set(std::uint64_t model, std::uint64_t tick, std::string_view key, const ParamValue& value) {
        std::lock_guard lock(mutex_);
        sets_.push_back({model, tick, std::string(key), value});
    }
    void build(std::uint64_t model, const ParamSet& params) {
        std::lock_guard lock(mutex_);
        builds_.push_back({model, params});
    }
    void checkpoint(std::uint64_t tick) {
        std::lock_guard lock(mutex_);
        checkpoints_.push_back(tick);
    }
    void restore() {
        std::lock_guard lock(mutex_);
        ++restores_;
    }

    std::vector<Set> sets() const {
        std::lock_guard lock(mutex_);
        return sets_;
    }
    std::vector<Build> builds() const {
        std::lock_guard lock(mutex_);
        return builds_;
    }
    std::size_t build_count() const {
        std::lock_guard lock(mutex_);
        return builds_.size();
    }
    std::vector<std::uint64_t> checkpoints() const {
        std::lock_guard lock(mutex_);
        return checkpoints_;
    }
    int restores() const {
        std::lock_guard lock(mutex_);
        return restores_;
    }

  private:
    mutable std::mutex mutex_;
    std::vector<Set> sets_;
    std::vector<Build> builds_;
    std::vector<std::uint64_t> checkpoints_;
    int restores_ = 0;
};

inline FakeLog& fake_log() {
    static FakeLog log;
    return log;
}

// The fake model's payload: its whole state.
struct FakeView final : PayloadOf<FakeView> {
    std::uint64_t model = 0;
    std::uint64_t ticks = 0;
    float rate = 0.f;
    std::int64_t depth = 0;
    std::int64_t width = 0;
    float weight = 0.f;
    std::uint64_t largest_batch = 0; // the most ticks one advance was asked for
};

class FakeModel final : public Model {
  public:
    explicit FakeModel(const ParamSet& p)
        : serial_(next_serial()), rate_(p.real("fake.rate")), depth_(p.integer("fake.depth")),
          width_(p.integer("fake.width")), series_every_(p.integer("fake.series_every")),
          nan_at_(p.integer("fake.nan_at")), nan_state_from_(p.integer("fake.nan_state_from")),
          throw_at_(p.integer("fake.throw_at")), checkpoint_every_(p.integer("fake.checkpoint_every")),
          tick_us_(p.integer("fake.tick_us")), batch_ms_(p.integer("fake.batch_ms")),
          weight_(static_cast<float>(p.integer("seed"))) {
        fake_log().build(serial_, p);
    }

    std::uint64_t advance(std::uint64_t max_ticks, SeriesWriter& series) override {
        SeriesSample sample;
        std::uint64_t done = 0;
        largest_batch_ = std::max(largest_batch_, max_ticks);
        while (done < max_ticks && !faulted_) {
            if (tick_us_ > 0) {
                // Busy, not asleep: the time a real tick's work takes.
                const auto until = std::chrono::steady_clock::now() + std::chrono::microseconds(tick_us_);
                while (std::chrono::steady_clock::now() < until) {
                }
            }
            ++ticks_;
            ++done;
            if (throw_at_ > 0 && ticks_ == static_cast<std::uint64_t>(throw_at_))
                throw std::runtime_error(fmt::format("the fake model threw at tick {}", ticks_));
            weight_ = weight_ * 0.5f + rate_;
            if (nan_state_from_ > 0 && ticks_ >= static_cast<std::uint64_t>(nan_state_from_))
                weight_ = std::numeric_limits<float>::quiet_NaN();
            if (nan_at_ > 0 && ticks_ == static_cast<std::uint64_t>(nan_at_)) {
                faulted_ = true; // the loss of this tick is not finite: stop after it
                break;
            }
            if (ticks_ % static_cast<std::uint64_t>(series_every_) == 0) {
                sample.tick = ticks_;
                sample.values[0] = rate_;
                sample.values[1] = weight_;
                series.write(sample);
            }
        }
        return done;
    }
    std::uint64_t ticks() const override { return ticks_; }
    const Fault* fault() const override { return faulted_ ? &fault_ : nullptr; }

    std::optional<std::string> set(const ParamSpec& row, const ParamValue& value) override {
        fake_log().set(serial_, ticks_, row.key, value);
        const std::string_view key = row.key;
        if (key == "fake.rate") {
            rate_ = std::get<float>(value);
        } else if (key == "fake.depth") {
            if (std::get<std::int64_t>(value) < 0)
                return std::string("the fake model takes no negative depth");
            depth_ = std::get<std::int64_t>(value);
        } else if (key == "fake.series_every") {
            series_every_ = std::get<std::int64_t>(value);
        } else if (key == "fake.nan_at") {
            nan_at_ = std::get<std::int64_t>(value);
        } else if (key == "fake.nan_state_from") {
            nan_state_from_ = std::get<std::int64_t>(value);
        } else if (key == "fake.throw_at") {
            throw_at_ = std::get<std::int64_t>(value);
        } else {
            return fmt::format("{} is not live in the fake model", key);
        }
        return std::nullopt;
    }

    std::unique_ptr<Payload> make_payload() const override { return std::make_unique<FakeView>(); }
    void fill(Snapshot& snapshot) override {
        snapshot.headline[0] = weight_;
        snapshot.headline[1] = rate_;
        auto& view = *snapshot.payload_as<FakeView>();
        view.model = serial_;
        view.ticks = ticks_;
        view.rate = rate_;
        view.depth = depth_;
        view.width = width_;
        view.weight = weight_;
        view.largest_batch = largest_batch_;
    }
    std::chrono::microseconds batch_time() const override {
        return batch_ms_ > 0 ? std::chrono::microseconds(batch_ms_ * 1000) : Model::batch_time();
    }

    bool state_finite() const override { return std::isfinite(weight_); }
    float state_scale() const override { return std::abs(weight_); }
    void checkpoint() override {
        saved_weight_ = weight_;
        checkpoint_tick_ = ticks_;
        fake_log().checkpoint(ticks_);
    }
    std::uint64_t checkpoint_tick() const override { return checkpoint_tick_; }
    void restore() override {
        weight_ = saved_weight_;
        faulted_ = false;
        nan_state_from_ = 0; // what broke the state is gone with it
        fake_log().restore();
    }
    std::uint64_t checkpoint_every() const override { return static_cast<std::uint64_t>(checkpoint_every_); }

    std::uint64_t serial() const { return serial_; }
    float weight() const { return weight_; }

  private:
    static std::uint64_t next_serial() {
        static std::atomic<std::uint64_t> next{1};
        return next.fetch_add(1);
    }

    std::uint64_t serial_;
    float rate_;
    std::int64_t depth_, width_, series_every_, nan_at_, nan_state_from_, throw_at_, checkpoint_every_;
    std::int64_t tick_us_, batch_ms_;
    std::uint64_t largest_batch_ = 0;
    float weight_;
    float saved_weight_ = 0.f;
    std::uint64_t ticks_ = 0, checkpoint_tick_ = 0;
    bool faulted_ = false;
    Fault fault_{"", "loss is not finite", false};
};

inline const Family& fake_family() {
    static const ParamTable table = [] {
        std::vector<ParamSpec> rows = common_params(1000);
        auto integer = [](std::string_view key, std::int64_t def, ParamApply apply, Range range,
                          std::string_view help) {
            return ParamSpec{.key = key,
                             .type = ParamType::Integer,
                             .default_value = def,
                             .label = key,
                             .help = help,
                             .apply = apply,
                             .range = range};
        };
        rows.push_back({.key = "fake.rate",
                        .type = ParamType::Real,
                        .default_value = 1.f,
                        .label = "Rate",
                        .help = "a live float",
                        .range = {.lo = 0, .lo_open = true}});
        rows.push_back(
            integer("fake.depth", 0, ParamApply::Live, {}, "a live int the model refuses when negative"));
        rows.push_back(integer("fake.width", 3, ParamApply::Rebuild, {.lo = 1}, "a structural int"));
        rows.push_back(
            integer("fake.series_every", 10, ParamApply::Live, {.lo = 1}, "ticks between samples"));
        rows.push_back(
            integer("fake.nan_at", 0, ParamApply::Live, {.lo = 0}, "the loss of this tick is NaN"));
        rows.push_back(
            integer("fake.nan_state_from", 0, ParamApply::Live, {.lo = 0}, "NaN state from this tick"));
        rows.push_back(integer("fake.throw_at", 0, ParamApply::Live, {.lo = 0}, "throws on this tick"));
        rows.push_back(integer("fake.checkpoint_every", 1000, ParamApply::Rebuild, {.lo = 1},
                               "ticks between checkpoints"));
        rows.push_back(integer("fake.tick_us", 0, ParamApply::Rebuild, {.lo = 0}, "busy time per tick"));
        rows.push_back(integer("fake.batch_ms", 0, ParamApply::Rebuild, {.lo = 0},
                               "how long an advance should take (0: the default)"));
        return ParamTable(std::move(rows));
    }();
    static constexpr std::array<Quantity, 2> channels{{{"rate", "Rate"}, {"weight", "Weight"}}};
    static constexpr std::array<Quantity, 2> headline{{{"weight", "Weight"}, {"rate", "Rate"}}};
    static const Family family{
        .name = "fake",
        .title = "Fake model",
        .description = "a counter for runtime tests",
        .params = table,
        .channels = channels,
        .headline = headline,
        .groups = {},
        .check =
            [](const ParamSet& p) {
                if (p.integer("fake.width") > 100)
                    throw InputError(fmt::format("fake.width: at most 100 for the fake model, got {}",
                                                 p.integer("fake.width")));
            },
        .build = [](const ParamSet& p) -> std::unique_ptr<Model> { return std::make_unique<FakeModel>(p); },
    };
    return family;
}

// The fake family's defaults with changes (key, value).
inline ParamSet fake_params(std::initializer_list<std::pair<std::string_view, ParamValue>> changes = {}) {
    return named_params(fake_family(), "fake", changes);
}

inline const FakeView& fake_view(const Snapshot& snapshot) {
    const FakeView* view = snapshot.payload_as<FakeView>();
    if (!view) throw std::logic_error("not a fake model's snapshot");
    return *view;
}

} // namespace phasor::testing
