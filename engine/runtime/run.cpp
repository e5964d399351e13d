// Run (run.hpp): building, the divergence rule, and changes with their log.
#include "engine/runtime/run.hpp"

#include "engine/core/error.hpp"
#include "engine/core/float_mode.hpp"
#include "engine/params/param_toml.hpp"

#include <algorithm>
#include <atomic>
#include <fmt/format.h>

namespace phasor {

namespace {

std::uint64_t next_run_id() {
    static std::atomic<std::uint64_t> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

std::vector<Quantity> run_channels(const Family& family) {
    std::vector<Quantity> channels(family.channels.begin(), family.channels.end());
    channels.push_back(kTicksPerSecond);
    if (channels.size() > kMaxChannels)
        throw std::logic_error(
            fmt::format("family {} has more than {} channels", family.name, kMaxChannels - 1));
    return channels;
}

} // namespace

std::string FaultReport::describe() const {
    const std::string who = fault.where.empty() ? std::string{} : fmt::format("{} ", fault.where);
    if (fault.thrown)
        return fmt::format("{}failed at tick {} ({}); restored the state of tick {}", who, at, fault.what,
                           restored_from);
    return fmt::format("{}diverged at tick {} ({}); restored the state of tick {}", who, at, fault.what,
                       restored_from);
}

std::unique_ptr<Model> build_model(const ParamSet& params) {
    params.family().check(params);
    std::unique_ptr<Model> model = params.family().build(params);
    if (!model) throw InputError(fmt::format("family {} built no model", params.family().name));
    // A fault before the first checkpoint is due still has a state to go back to.
    model->checkpoint();
    return model;
}

Run::Run(ParamSet params)
    : params_(std::move(params)), model_(build_model(params_)), id_(next_run_id()),
      channels_(run_channels(params_.family())), start_scale_(model_->state_scale()) {}

Run::~Run() = default;

std::uint64_t Run::advance(std::uint64_t max_ticks, SeriesWriter& series) {
    const FlushDenormals flush;
    const std::uint64_t start = model_->ticks();
    // In pieces that end on the checkpoint ticks, so checkpoints fall every checkpoint_every() ticks whatever
    // the callers' batches: a fault loses at most that much, and the app and `phasor run` keep the same ones.
    while (model_->ticks() - start < max_ticks && !fault_) {
        const std::uint64_t since = model_->ticks() - model_->checkpoint_tick();
        const std::uint64_t every = std::max<std::uint64_t>(model_->checkpoint_every(), 1);
        const std::uint64_t piece =
            std::min(max_ticks - (model_->ticks() - start), since < every ? every - since : every);
        const std::uint64_t before = model_->ticks();
        try {
            model_->advance(piece, series);
        } catch (const std::exception& e) {
            // A model that throws is reported like a fault; what it held may be half-updated, so it goes back
            // to the checkpoint.
            fault({"", e.what(), true});
            break;
        }
        if (const Fault* f = model_->fault()) {
            fault(*f);
        } else if (model_->ticks() - model_->checkpoint_tick() >= every) {
            if (const auto problem = state_problem())
                fault({"", *problem, false});
            else
                model_->checkpoint();
        } else if (model_->ticks() == before) {
            break; // the model ran nothing: never spin
        }
    }
    return model_->ticks() - start;
}

// A state that is not finite, or finite but blown up: larger than kBlowUp times its own scale at the start
// (at least 1, so a network that starts near 0 is not held to a tiny bound). A learning rate of 1e30 gives
// weights of 1e28 that stay finite while the accuracy sits at chance.
std::optional<std::string> Run::state_problem() const {
    if (!model_->state_finite()) return "state is not finite";
    const float scale = model_->state_scale();
    const float bound = kBlowUp * std::max(start_scale_, 1.f);
    if (scale > bound)
        return fmt::format("the weights blew up: largest {:.3g}, past {:g} times their start ({:.3g})", scale,
                           kBlowUp, start_scale_);
    return std::nullopt;
}

void Run::verify() {
    if (fault_) return;
    if (const auto problem = state_problem()) fault({"", *problem, false});
}

std::optional<FaultReport> Run::take_fault() {
    return std::exchange(fault_, std::nullopt);
}

void Run::fault(const Fault& f) {
    fault_ = FaultReport{model_->ticks(), model_->checkpoint_tick(), f};
    model_->restore();
}

// Before a change, the state as it is becomes the checkpoint when it is finite: if the change (a huge
// learning rate) makes the run diverge, it goes back to just before the change, never to a state the change
// produced.
void Run::guard() {
    if (model_->ticks() == model_->checkpoint_tick()) return;
    if (const auto problem = state_problem())
        fault({"", *problem, false});
    else
        model_->checkpoint();
}

void Run::rebuild(ParamSet params) {
    std::unique_ptr<Model> model = build_model(params); // may throw: nothing has changed yet
    channels_ = run_channels(params.family());
    model_ = std::move(model);
    start_scale_ = model_->state_scale();
    model_->set_pace(pace_);
    params_ = std::move(params);
    id_ = next_run_id();
    fault_.reset();
}

void Run::set_pace(double ticks_per_second) {
    pace_ = ticks_per_second;
    model_->set_pace(pace_);
}

void Run::record(std::string_view key, std::string value, bool rebuilds, std::uint64_t tick,
                 std::uint64_t run, bool joined) {
    log_.push_back(Change{tick, run, std::string(key), std::move(value), rebuilds, joined});
}

namespace {

// Adds to `changes`, and sets in `changed`, the keys that follow the ones the change sets, by the family's
// rules in order; a key the change gives itself is never overridden.
void follow(const Family& family, ParamSet& changed, std::vector<ParamChange>& changes) {
    const std::size_t given = changes.size();
    auto index_of = [&](std::string_view key, std::size_t end) {
        const auto it = std::find_if(changes.begin(), changes.begin() + static_cast<std::ptrdiff_t>(end),
                                     [&](const ParamChange& c) { return c.key == key; });
        return static_cast<std::size_t>(it - changes.begin());
    };
    for (const ParamFollow& rule : family.follows) {
        if (index_of(rule.cause, changes.size()) == changes.size()) continue;
        ParamSet adapted = changed;
        rule.adapt(adapted);
        for (std::string_view key : rule.keys) {
            const ParamValue& value = adapted.value(key);
            if (index_of(key, given) < given || value == changed.value(key)) continue;
            if (auto why = changed.set(key, value)) throw InputError(*why);
            if (const std::size_t at = index_of(key, changes.size()); at < changes.size())
                changes[at].value = value;
            else
                changes.push_back({std::string(key), value});
        }
    }
}

} // namespace

std::optional<std::string> Run::set(std::string_view key, ParamValue value) {
    std::vector<ParamChange> changes;
    changes.push_back({std::string(key), std::move(value)});
    return set(std::move(changes));
}

std::optional<std::string> Run::set(std::vector<ParamChange> changes) {
    if (changes.empty()) return std::string("a change needs at least one parameter");
    const ParamTable& table = params_.table();
    ParamSet changed = params_;
    bool rebuilds = false;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const ParamChange& c = changes[i];
        const ParamSpec* row = table.find(c.key);
        if (!row) return unknown_parameter(table, c.key);
        for (std::size_t j = 0; j < i; ++j)
            if (changes[j].key == c.key) return fmt::format("{}: set twice in one change", c.key);
        if (row->apply == ParamApply::Runner)
            return fmt::format(
                "{}: only `phasor run` reads it (the run length); a run in the app goes on until "
                "you pause it",
                c.key);
        if (auto why = changed.set(c.key, c.value)) return why;
        rebuilds = rebuilds || row->apply == ParamApply::Rebuild;
    }
    try {
        follow(family(), changed, changes);
    } catch (const InputError& e) {
        return std::string(e.what());
    }
    for (const ParamChange& c : changes)
        rebuilds = rebuilds || table.find(c.key)->apply == ParamApply::Rebuild;

    const std::uint64_t tick = ticks(), run = id_;
    if (rebuilds) {
        // The new model takes every value, the live ones too, from the changed set.
        try {
            rebuild(std::move(changed));
        } catch (const InputError& e) {
            return std::string(e.what());
        }
    } else {
        if (auto why = apply_live(changes)) return why;
        params_ = std::move(changed);
    }
    for (std::size_t i = 0; i < changes.size(); ++i)
        record(changes[i].key, to_toml(changes[i].value), rebuilds, tick, run, i > 0);
    return std::nullopt;
}

// Hands the live values to the model in order. When it refuses one, the ones it took go back to their values
// before the change (which it took once already), so a change applies whole or not at all.
std::optional<std::string> Run::apply_live(std::span<const ParamChange> changes) {
    const ParamTable& table = params_.table();
    auto live = [&](const ParamChange& c) -> const ParamSpec* {
        const ParamSpec* row = table.find(c.key);
        return row->apply == ParamApply::Live ? row : nullptr;
    };
    if (std::any_of(changes.begin(), changes.end(), live)) guard();
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const ParamSpec* row = live(changes[i]);
        if (!row) continue;
        if (auto why = model_->set(*row, changes[i].value)) {
            for (std::size_t j = i; j-- > 0;)
                if (const ParamSpec* back = live(changes[j]))
                    (void)model_->set(*back, params_.value(back->key));
            return fmt::format("{}: {}", row->key, *why);
        }
    }
    return std::nullopt;
}

std::optional<std::string> Run::set_text(std::string_view key, std::string_view text) {
    const Setting setting{std::string(key), std::string(text)};
    return set_text(std::span(&setting, 1));
}

std::optional<std::string> Run::set_text(std::span<const Setting> settings) {
    std::vector<ParamChange> changes;
    for (const Setting& s : settings) {
        const ParamSpec* row = params_.table().find(s.key);
        if (!row) return unknown_parameter(params_.table(), s.key);
        try {
            changes.push_back({s.key, parse_value(*row, s.value)});
        } catch (const InputError& e) {
            return fmt::format("{}: {}", s.key, e.what());
        }
    }
    return set(std::move(changes));
}

std::optional<std::string> Run::replay(const ScriptedChange& change) {
    return change.reset() ? reset() : set_text(change.settings);
}

std::optional<std::string> Run::reset() {
    const std::uint64_t tick = ticks(), run = id_;
    try {
        rebuild(params_);
    } catch (const InputError& e) {
        return std::string(e.what());
    }
    record("reset", {}, true, tick, run);
    return std::nullopt;
}

std::optional<std::string> Run::load(ParamSet params, std::string_view label) {
    const std::uint64_t tick = ticks(), run = id_;
    try {
        rebuild(std::move(params));
    } catch (const InputError& e) {
        return std::string(e.what());
    }
    record("load", to_toml(std::string(label)), true, tick, run);
    return std::nullopt;
}

void Run::note(std::string_view key, std::string value) {
    record(key, std::move(value), false, ticks(), id_);
}

void Run::fill(Snapshot& snapshot) {
    if (snapshot.run != id_ || !snapshot.payload) snapshot.payload = model_->make_payload();
    snapshot.family = &family();
    snapshot.run = id_;
    snapshot.tick = model_->ticks();
    snapshot.headline.resize(family().headline.size());
    snapshot.params.assign(params_.values().begin(), params_.values().end());
    model_->fill(snapshot);
}

} // namespace phasor
