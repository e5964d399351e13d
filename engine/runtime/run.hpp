// One run of a family: the model built from its parameters, the changes applied to it and their log,
// checkpoints, and the divergence rule. The trainer thread and the headless runner both drive a Run, so a
// live session and its replay follow exactly the same rules.
#pragma once
#include "engine/params/param_set.hpp"
#include "engine/runtime/change.hpp"
#include "engine/runtime/family.hpp"
#include "engine/runtime/model.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace phasor {

// A fault caught by the rule: the tick it happened on, the checkpoint restored, and what went wrong.
struct FaultReport {
    std::uint64_t at = 0;
    std::uint64_t restored_from = 0;
    Fault fault;
    // "diverged at tick 812 (loss is not finite); restored the state of tick 800"
    std::string describe() const;
};

class Run {
  public:
    static constexpr float kBlowUp = 1e6f;
    // Builds the model; InputError from the family's checks propagates.
    explicit Run(ParamSet params);
    ~Run();
    Run(const Run&) = delete;
    Run& operator=(const Run&) = delete;

    const Family& family() const { return params_.family(); }
    const ParamSet& params() const { return params_; }
    Model& model() { return *model_; }
    const Model& model() const { return *model_; }
    std::uint64_t ticks() const { return model_->ticks(); }
    // Unique among all runs of the process; a rebuild, reset or new preset gets a new one.
    std::uint64_t id() const { return id_; }
    // The family's channels, then the runtime's (kTicksPerSecond), as SeriesSample::values holds them.
    std::span<const Quantity> channels() const { return channels_; }

    // Runs up to `max_ticks` ticks under the rule: a fault (non-finite loss or state, a component that threw)
    // restores the last checkpoint and is kept for take_fault(); every checkpoint_every() ticks a sound state
    // becomes the new checkpoint, and one that is not finite or has blown up (state_scale() past kBlowUp
    // times its value at the build, or 1 if that was smaller) is a fault. Returns the ticks run.
    std::uint64_t advance(std::uint64_t max_ticks, SeriesWriter& series);
    // Checks the state now (the trainer does at every publish, so a slow run is caught between checkpoints).
    void verify();
    std::optional<FaultReport> take_fault();

    // Changes. Each returns the reason when it is refused (naming the key); nothing changes then and nothing
    // is logged. A live parameter goes to the model; a structural one builds a new run from tick 0.
    // Any change also sets the keys that follow those it sets (Family::follows: a new task brings the layer
    // sizes that fit it), as part of the same change.
    std::optional<std::string> set(std::string_view key, ParamValue value);
    // Several parameters as one change: checked together, so values that only fit each other pass; applied
    // in one rebuild when any is structural; logged as one (the entries after the first `joined`). Refused
    // whole, with the first reason, and then nothing changes: live values the model took are given back.
    std::optional<std::string> set(std::vector<ParamChange> changes);
    // Text as typed (--at, a script): read by the key's row, then set.
    std::optional<std::string> set_text(std::string_view key, std::string_view text);
    std::optional<std::string> set_text(std::span<const Setting> settings);
    // A script's entry: its settings as one change, or a reset.
    std::optional<std::string> replay(const ScriptedChange& change);
    // A new run from the current parameters (live changes included).
    std::optional<std::string> reset();
    // A new run from other parameters (another preset, maybe another family); `label` names it in the log.
    std::optional<std::string> load(ParamSet params, std::string_view label);
    // Logs run control that the trainer applies itself (pause, resume, step, speed).
    void note(std::string_view key, std::string value = {});
    // Tells the model how fast it is shown (Model::set_pace), now and after every rebuild.
    void set_pace(double ticks_per_second);

    // What was applied, oldest first. The trainer moves entries out as it forwards them.
    std::vector<Change>& log() { return log_; }

    // The header fields the run owns (family, run, tick, parameters) and the model's own; makes the payload
    // when the snapshot holds none for this run.
    void fill(Snapshot& snapshot);

  private:
    void guard();
    void rebuild(ParamSet params);
    std::optional<std::string> apply_live(std::span<const ParamChange> changes);
    void record(std::string_view key, std::string value, bool rebuilds, std::uint64_t tick, std::uint64_t run,
                bool joined = false);
    void fault(const Fault& fault);
    std::optional<std::string> state_problem() const;

    ParamSet params_;
    std::unique_ptr<Model> model_;
    std::uint64_t id_;
    std::vector<Quantity> channels_;
    std::vector<Change> log_;
    float start_scale_ = 0.f; // the model's state_scale() when it was built
    std::optional<FaultReport> fault_;
    double pace_ = 0.0;
};

// Checks the parameters with the family and builds its model, with a first checkpoint.
std::unique_ptr<Model> build_model(const ParamSet& params);

} // namespace phasor
