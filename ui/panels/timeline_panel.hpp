// The replay of a recording (`phasor app --replay FILE`): what the app feeds it (the changes and series as
// they arrive, compared with the recorded ones), and the Timeline panel that shows the recorded run's length,
// its changes and the current tick, scrubs (the run trained again to the tick dragged to, then paused),
// plays, pauses and steps. The replay is the run itself trained again, so every other panel works as live.
#pragma once
#include "engine/record/recording.hpp"
#include "engine/trainer/command.hpp"
#include "ui/panels/panel.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace phasor::ui {

class Replay {
  public:
    // Reads the recording's preset and script; InputError naming the file when they do not load.
    Replay(Recording recording, std::filesystem::path file);
    Replay(const Replay&) = delete;
    Replay& operator=(const Replay&) = delete;

    const Recording& recording() const { return recording_; }
    const std::filesystem::path& file() const { return file_; }
    const ParamSet& params() const { return *params_; }
    const std::vector<ScriptedChange>& script() const { return script_; }
    bool exact() const { return exact_; } // the family replays bit for bit (not mach in free order)
    ScriptPoint end() const;
    std::span<const std::uint64_t> lengths() const { return lengths_; }
    std::uint64_t total_ticks() const; // every run's ticks, one after the other: the timeline's length

    // The app, every frame: the changes first (a rebuild numbers the runs after it), then the samples.
    void observe(const Change& change);
    void observe(std::span<const SeriesSample> samples);
    const ReplayCheck& check() const { return check_; }

    // Where the shown run is on the timeline (nullopt: a run from before the last scrub).
    std::optional<ScriptPoint> position(const Snapshot& snapshot) const;
    std::uint64_t global(const ScriptPoint& point) const;
    ScriptPoint point_at(std::uint64_t global_tick) const;
    // The command that trains the run again to `point` and pauses there.
    Rewind rewind_to(ScriptPoint point) const;

  private:
    Recording recording_;
    std::filesystem::path file_;
    std::shared_ptr<const ParamSet> params_;
    std::vector<ScriptedChange> script_;
    std::vector<std::uint64_t> lengths_;
    bool exact_ = true;
    RunNumbers numbers_;
    ReplayCheck check_{recording_};
    std::vector<SeriesSample> numbered_; // reused
};

class TimelinePanel final : public Panel {
  public:
    explicit TimelinePanel(std::shared_ptr<Replay> replay) : replay_(std::move(replay)) {}
    const char* title() const override { return "Timeline"; }
    const char* tooltip() const override {
        return "The recorded run: drag to a tick to train the run again to it, play, pause and step";
    }
    void draw(PanelContext& context) override;

  private:
    std::shared_ptr<Replay> replay_;
    std::optional<std::uint64_t> dragging_; // the global tick under the pointer while the bar is dragged
};

} // namespace phasor::ui
