// `phasor run --replay FILE`: trains a recorded run again headless (its preset, its changes as a script, to
// the tick it ended at) and checks that the series match the recorded ones exactly.
#include "app/run_command.hpp"
#include "app/seed_runner.hpp"
#include "app/stop_signals.hpp"
#include "engine/record/recording.hpp"
#include "engine/runtime/family.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace phasor {

int replay_command(const RunOptions& o) {
    const std::filesystem::path file = o.replay;
    const Recording recording = read_recording(file);
    RunPlan plan{.params = recording_params(recording, file),
                 .seeds = {},
                 .ticks = recording.ticks,
                 .script = {},
                 .collect_series = true,
                 .stream_series = {}};
    plan.seeds = {static_cast<std::uint64_t>(plan.params.integer("seed"))};
    // Recorded in the app: sampled at the pace it was shown at, which the replay takes too.
    if (recording.paced) plan.pace = plan.params.real("speed");
    plan.script = parse_script(script_entries(recording.changes), plan.params.table());
    const bool exact = replays_exactly(plan.params);
    const std::string name = plan.params.text("name");
    if (!o.json)
        fmt::print("replaying {}: preset {} ({}), {} ticks, {} recorded changes, {} recorded samples\n",
                   file.string(), name, plan.params.family().title, plan.ticks, plan.script.size(),
                   recording.series.size());
    std::fflush(stdout);

    std::vector<SeedResult> results = run_seeds(plan, 1, &stop_signal());
    if (const int signal = stop_signal().load()) throw Stopped(signal);
    SeedResult& r = results.front();
    if (r.failure) std::rethrow_exception(r.failure);
    number_runs(r.changes, r.series);
    std::size_t compared = 0;
    const std::optional<SeriesDifference> difference = compare_series(recording, r.series, &compared);

    if (o.json) {
        nlohmann::ordered_json out = {{"recording", file.string()},
                                      {"family", recording.family},
                                      {"preset", name},
                                      {"ticks", recording.ticks},
                                      {"seed", r.seed},
                                      {"changes", plan.script.size()},
                                      {"samples_recorded", recording.series.size()},
                                      {"samples_replayed", r.series.size()},
                                      {"samples_compared", compared},
                                      {"deterministic", exact},
                                      {"replay_matches", !difference.has_value()},
                                      {"first_difference_tick", nullptr},
                                      {"first_difference", nullptr}};
        if (difference) {
            out["first_difference_tick"] = difference->tick;
            out["first_difference"] = {
                {"run", difference->run}, {"tick", difference->tick}, {"what", difference->what}};
        }
        fmt::print("{}\n", out.dump(2));
    } else if (!difference) {
        fmt::print("replay matches the recording: {} samples compared, every channel bit for bit\n",
                   compared);
    } else {
        fmt::print("replay differs from the recording first at {}\n", difference->describe());
        if (!exact)
            fmt::print("this run's threads interleave freely (mach in free order): a replay trains it again "
                       "and may differ\n");
    }
    if (r.diverged) fmt::print(stderr, "phasor: the replay {}\n", r.fault);
    return difference ? 1 : 0;
}

} // namespace phasor
