// A threaded test family: N components on ComponentThreads, each step incrementing a counter `a`, doing some
// busy work (a live parameter sets how much), incrementing `b`, and passing a value to its neighbour through
// a thread-safe mailbox. Parameters make a named component throw or go non-finite at a given step, so the
// runtime's threaded paths (pause, steps, reset, shutdown, faults, consistent snapshots) can be tested
// through the Trainer.
#pragma once
#include "engine/core/error.hpp"
#include "engine/params/param_set.hpp"
#include "engine/runtime/component_threads.hpp"
#include "engine/runtime/family.hpp"
#include "engine/runtime/model.hpp"
#include "support/runtime_support.hpp"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <cmath>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace phasor::testing {

// The whole state, per component.
struct WorkerView final : PayloadOf<WorkerView> {
    std::uint64_t model = 0; // which build
    std::uint64_t ticks = 0; // steps taken by all components together
    std::vector<std::uint64_t> a, b, steps;
    std::vector<float> value, gain_seen;
    std::vector<std::uint64_t> torn; // steps that saw the gain change within one release (must stay 0)
};

class WorkerModel final : public Model {
  public:
    static constexpr std::uint64_t kSeriesEvery = 100;

    explicit WorkerModel(const ParamSet& p)
        : serial_(next_serial()), gain_(p.real("workers.gain")), work_(p.integer("workers.work")),
          throw_at_(p.integer("workers.throw_at")), nan_at_(p.integer("workers.nan_at")),
          faulty_(static_cast<std::size_t>(p.integer("workers.faulty"))),
          components_(static_cast<std::size_t>(p.integer("workers.count"))),
          threads_(
              names(components_.size()), [this](std::size_t i) { step(i); },
              p.text("workers.order") == "round_robin" ? ComponentThreads::Order::RoundRobin
                                                       : ComponentThreads::Order::Free) {
        fired_.assign(components_.size(), 0);
        for (std::size_t i = 0; i < components_.size(); ++i) {
            components_[i].value =
                static_cast<float>(p.integer("seed")) * 0.01f + static_cast<float>(i) * 0.1f;
            mailboxes_.push_back(std::make_unique<Mailbox>());
        }
    }

    std::uint64_t advance(std::uint64_t max_ticks, SeriesWriter& series) override {
        if (fault_) return 0;
        ++release_;
        const std::uint64_t before = ticks_;
        const std::uint64_t done = threads_.run(max_ticks);
        ticks_ += done;
        if (const Fault* f = threads_.fault()) {
            fault_ = *f;
            threads_.clear_fault();
        }
        if (!fault_ && ticks_ / kSeriesEvery != before / kSeriesEvery) {
            SeriesSample sample;
            sample.tick = ticks_;
            sample.values[0] = static_cast<float>(ticks_);
            sample.values[1] = components_[0].value;
            series.write(sample);
        }
        return done;
    }
    std::uint64_t ticks() const override { return ticks_; }
    const Fault* fault() const override { return fault_ ? &*fault_ : nullptr; }

    std::optional<std::string> set(const ParamSpec& row, const ParamValue& value) override {
        const std::string_view key = row.key;
        if (key == "workers.gain") {
            gain_ = std::get<float>(value);
        } else if (key == "workers.work") {
            work_ = std::get<std::int64_t>(value);
        } else if (key == "workers.throw_at") {
            throw_at_ = std::get<std::int64_t>(value);
        } else if (key == "workers.nan_at") {
            nan_at_ = std::get<std::int64_t>(value);
        } else if (key == "workers.faulty") {
            if (std::get<std::int64_t>(value) >= static_cast<std::int64_t>(components_.size()))
                return fmt::format("there are only {} workers", components_.size());
            faulty_ = static_cast<std::size_t>(std::get<std::int64_t>(value));
        } else {
            return fmt::format("{} is not live", key);
        }
        fired_.assign(components_.size(), 0); // a new request fires again
        return std::nullopt;
    }

    std::unique_ptr<Payload> make_payload() const override { return std::make_unique<WorkerView>(); }
    void fill(Snapshot& snapshot) override {
        auto& v = *snapshot.payload_as<WorkerView>();
        const std::size_t n = components_.size();
        v.model = serial_;
        v.ticks = ticks_;
        v.a.resize(n);
        v.b.resize(n);
        v.steps.resize(n);
        v.value.resize(n);
        v.gain_seen.resize(n);
        v.torn.resize(n);
        float sum = 0.f;
        for (std::size_t i = 0; i < n; ++i) {
            const Component& c = components_[i];
            v.a[i] = c.a;
            v.b[i] = c.b;
            v.steps[i] = c.steps;
            v.value[i] = c.value;
            v.gain_seen[i] = c.gain_seen;
            v.torn[i] = c.torn;
            sum += c.value;
        }
        snapshot.headline[0] = static_cast<float>(ticks_);
        snapshot.headline[1] = sum / static_cast<float>(n);
    }

    bool state_finite() const override {
        for (const Component& c : components_)
            if (!std::isfinite(c.value)) return false;
        return true;
    }
    void checkpoint() override {
        saved_ = components_;
        checkpoint_tick_ = ticks_;
    }
    std::uint64_t checkpoint_tick() const override { return checkpoint_tick_; }
    void restore() override {
        components_ = saved_;
        for (auto& m : mailboxes_) m->values.clear();
        fault_.reset();
    }
    std::uint64_t checkpoint_every() const override { return 500; }

  private:
    struct Component {
        std::uint64_t a = 0, b = 0, steps = 0;
        float value = 0.f;
        float gain_seen = 0.f;
        std::uint64_t release_seen = 0;
        std::uint64_t torn = 0;
    };
    struct Mailbox {
        std::mutex mutex;
        std::deque<float> values;
    };

    static std::vector<std::string> names(std::size_t n) {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < n; ++i) out.push_back(fmt::format("worker {}", i));
        return out;
    }
    static std::uint64_t next_serial() {
        static std::atomic<std::uint64_t> next{1};
        return next.fetch_add(1);
    }

    void step(std::size_t i) {
        Component& c = components_[i];
        ++c.a;
        if (c.release_seen == release_ && c.gain_seen != gain_) ++c.torn;
        c.release_seen = release_;
        c.gain_seen = gain_;
        float x = c.value;
        for (std::int64_t k = 0; k < work_; ++k) x = x * 0.999f + gain_ * 1e-3f;
        c.value = x;
        ++c.steps;
        // Each request fires once (fired_[i] is this component's own), so the run carries on after the
        // restore.
        const bool faulty = i == faulty_ && !fired_[i];
        if (faulty && throw_at_ > 0 && c.steps == static_cast<std::uint64_t>(throw_at_)) {
            fired_[i] = 1;
            ++c.b;
            throw std::runtime_error(fmt::format("worker {} exploded at step {}", i, c.steps));
        }
        if (faulty && nan_at_ > 0 && c.steps == static_cast<std::uint64_t>(nan_at_)) {
            fired_[i] = 1;
            c.value = std::numeric_limits<float>::quiet_NaN();
            threads_.fail(i, "value is not finite");
        }
        {
            Mailbox& next = *mailboxes_[(i + 1) % mailboxes_.size()];
            std::lock_guard lock(next.mutex);
            next.values.push_back(c.value);
            if (next.values.size() > 16) next.values.pop_front();
        }
        {
            Mailbox& mine = *mailboxes_[i];
            std::lock_guard lock(mine.mutex);
            if (!mine.values.empty()) {
                c.value += 1e-3f * mine.values.front();
                mine.values.pop_front();
            }
        }
        ++c.b;
    }

    std::uint64_t serial_;
    float gain_;
    std::int64_t work_, throw_at_, nan_at_;
    std::size_t faulty_;
    std::uint64_t release_ = 0;
    std::vector<Component> components_, saved_;
    std::vector<std::unique_ptr<Mailbox>> mailboxes_;
    std::vector<std::uint8_t> fired_; // per component: its fault request has fired (not part of the state)
    std::uint64_t ticks_ = 0, checkpoint_tick_ = 0;
    std::optional<Fault> fault_;
    ComponentThreads threads_; // last: its threads start once the rest is built and are joined first
};

inline const Family& worker_family() {
    static const ParamTable table = [] {
        std::vector<ParamSpec> rows = common_params(10000);
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
        rows.push_back(integer("workers.count", 4, ParamApply::Rebuild, {.lo = 1, .hi = 16}, "components"));
        rows.push_back({.key = "workers.order",
                        .type = ParamType::Choice,
                        .default_value = std::string("free"),
                        .label = "Order",
                        .help = "free or round_robin",
                        .apply = ParamApply::Rebuild,
                        .choices = {"free", "round_robin"}});
        rows.push_back(
            integer("workers.work", 50, ParamApply::Live, {.lo = 0, .hi = 1e6}, "busy work per step"));
        rows.push_back({.key = "workers.gain",
                        .type = ParamType::Real,
                        .default_value = 1.f,
                        .label = "Gain",
                        .help = "a live float",
                        .range = {.lo = 0, .lo_open = true}});
        rows.push_back(integer("workers.throw_at", 0, ParamApply::Live, {.lo = 0},
                               "the faulty one throws at this step"));
        rows.push_back(integer("workers.nan_at", 0, ParamApply::Live, {.lo = 0},
                               "the faulty one goes NaN at this step"));
        rows.push_back(integer("workers.faulty", 0, ParamApply::Live, {.lo = 0},
                               "which component throw_at and nan_at name"));
        return ParamTable(std::move(rows));
    }();
    static constexpr std::array<Quantity, 2> channels{{{"steps", "Steps"}, {"value", "Value of worker 0"}}};
    static constexpr std::array<Quantity, 2> headline{{{"steps", "Steps"}, {"mean_value", "Mean value"}}};
    static const Family family{
        .name = "workers",
        .title = "Threaded workers",
        .description = "components on their own threads, for runtime tests",
        .params = table,
        .channels = channels,
        .headline = headline,
        .groups = {},
        .check =
            [](const ParamSet& p) {
                if (p.integer("workers.faulty") >= p.integer("workers.count"))
                    throw InputError(
                        fmt::format("workers.faulty: there are only {} workers", p.integer("workers.count")));
            },
        .build = [](const ParamSet& p) -> std::unique_ptr<Model> { return std::make_unique<WorkerModel>(p); },
    };
    return family;
}

inline ParamSet worker_params(std::initializer_list<std::pair<std::string_view, ParamValue>> changes = {}) {
    return named_params(worker_family(), "workers", changes);
}

inline const WorkerView& worker_view(const Snapshot& snapshot) {
    const WorkerView* view = snapshot.payload_as<WorkerView>();
    if (!view) throw std::logic_error("not a workers snapshot");
    return *view;
}

inline std::uint64_t total(const std::vector<std::uint64_t>& counts) {
    std::uint64_t sum = 0;
    for (std::uint64_t c : counts) sum += c;
    return sum;
}

} // namespace phasor::testing
