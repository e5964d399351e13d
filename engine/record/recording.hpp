// A recorded run (any family): its preset, its log of changes and its telemetry series, kept in one
// compressed file, and what replaying it needs: the changes as a script, the runs numbered from 0, and the
// comparison of a replay's series with the recorded ones. A replay trains the run again (every family is
// deterministic per seed, but `mach` in free order), so every panel works as live; the recorded series are
// what the replay is checked against.
#pragma once
#include "engine/params/param_set.hpp"
#include "engine/runtime/change.hpp"
#include "engine/telemetry/series.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace phasor {

class OutputFile;

inline constexpr int kRecordingVersion = 1;

// Runs are numbered within the recording (0: the run it started with; each change that `rebuilds` starts the
// next), not by the process-wide ids a live run has, so a replay in another process compares equal.
struct Recording {
    std::string family;
    std::string preset_toml;           // the whole ParamSet the recording started from (preset_text)
    std::vector<Change> changes;       // the log, run control included; `run` is the run's number
    std::vector<std::string> channels; // names of SeriesSample::values, the family's then the runtime's
    std::vector<SeriesSample> series;  // `run` is the run's number
    std::uint64_t ticks = 0;           // where the last run ended
    // Sampled as the app showed the run (more often in slow motion): a replay compares the ticks both have.
    // A headless run samples at the family's own ticks, so its replay must have exactly the same samples.
    bool paced = false;
};

// Gzip-compressed JSON ({"format": "phasor-recording", "version": 1, ...}), written whole or not at all
// (OutputFile). Throws OutputError naming the file and why.
void write_recording(const Recording& recording, const std::filesystem::path& file);
// The same into a file opened already (before a long run, so a bad path costs nothing); commits it.
void write_recording(const Recording& recording, OutputFile& out);

// Throws InputError naming the file: not a recording, another version, corrupt or truncated data.
Recording read_recording(const std::filesystem::path& file);

// The parameters a recording starts from (its preset text, read as a preset). Throws InputError naming
// `file` (for messages only).
ParamSet recording_params(const Recording& recording, const std::filesystem::path& file);

// Replaces the process-wide run ids of `changes` and `series` by run numbers: a change that rebuilds names
// the run it ended, and ids only grow, so a run's number is how many of those ended runs came before it.
void number_runs(std::vector<Change>& changes, std::vector<SeriesSample>& series);

// The `--at` entries that replay the changes that train (parameters and resets; not pause, resume, step,
// speed), changes applied as one as one entry. Parse them with parse_script against the family's table.
std::vector<std::string> script_entries(std::span<const Change> changes);

// Where each numbered run ends: the tick of the change that rebuilt it, and the recording's end for the last.
std::vector<std::uint64_t> run_lengths(const Recording& recording);

// The family is deterministic per seed, so a replay must match: all but `mach` in free order, whose
// components' threads interleave as they will.
bool replays_exactly(const ParamSet& params);

// Run numbers for a live stream of changes and samples (the app): the same rule as number_runs, kept as
// the changes arrive. A `load` (another preset, or a replay starting over) starts the numbering again;
// samples of runs before it have no number.
class RunNumbers {
  public:
    void change(const Change& change);
    std::optional<std::uint64_t> number(std::uint64_t run_id) const;

  private:
    std::uint64_t floor_ = 0; // ids up to this belong to what came before the last load
    std::vector<std::uint64_t> ended_;
};

// Where a replay first differed from the recording.
struct SeriesDifference {
    std::uint64_t run = 0;
    std::uint64_t tick = 0;
    std::string what; // "loss: recorded 0.25, replayed 0.2500001", "no sample recorded at this tick"
    std::string describe() const; // "tick 1200 (run 1): loss: recorded ..., replayed ..."
};

// Whether two samples of the same numbered run agree on the family's channels (bit for bit, NaN included);
// the runtime's last channel, a measured rate, is never compared.
std::optional<std::string> sample_difference(const SeriesSample& recorded, const SeriesSample& replayed,
                                             std::span<const std::string> channels);

// The whole replayed series against the recorded one, sample by sample (a headless replay samples exactly
// the ticks the recording did): the first difference, or nullopt. A paced recording is compared at the ticks
// both have; `compared` (when given) says at how many.
std::optional<SeriesDifference> compare_series(const Recording& recording,
                                               std::span<const SeriesSample> replayed,
                                               std::size_t* compared = nullptr);

// A replay's series checked as they arrive (the app): the app samples to suit the pace it shows, and a
// sample summarises the ticks since the one before it (a mean loss), so a sample is compared only where the
// recording has one at the same tick taken after the same previous tick; others are skipped.
class ReplayCheck {
  public:
    explicit ReplayCheck(const Recording& recording) : recording_(recording) {}
    void restart(); // the replay starts over (a scrub)
    void compare(const SeriesSample& numbered);
    std::size_t compared() const { return compared_; }
    const std::optional<SeriesDifference>& difference() const { return difference_; }

  private:
    const Recording& recording_;
    std::size_t compared_ = 0;
    std::optional<SeriesDifference> difference_;
    std::optional<SeriesSample> previous_; // the replay's sample before, for its run and tick
};

// A recording kept as a live run goes (the app's --record): samples and changes with their process-wide run
// ids, numbered when the recording is taken. Appending is all it does, on the thread that drains the
// telemetry, never on the engine's.
class Recorder {
  public:
    explicit Recorder(const ParamSet& params) { restart(params); }
    // Another preset was loaded: the recording starts again from it.
    void restart(const ParamSet& params);
    void add(std::span<const SeriesSample> samples) {
        series_.insert(series_.end(), samples.begin(), samples.end());
    }
    void add(const Change& change) { changes_.push_back(change); }
    // The recording so far; `ticks` is where the current run is.
    Recording recording(std::uint64_t ticks) const;
    bool paced = false; // see Recording::paced

  private:
    Recording base_;
    std::vector<Change> changes_;
    std::vector<SeriesSample> series_;
};

} // namespace phasor
