// `phasor run`: load the preset, check the script, run the seeds, report, and write the series file.
#include "app/run_command.hpp"

#include "app/csv_output.hpp"
#include "app/report.hpp"
#include "app/seed_range.hpp"
#include "app/seed_runner.hpp"
#include "app/stop_signals.hpp"
#include "engine/core/error.hpp"
#include "engine/io/output_file.hpp"
#include "engine/preset/preset.hpp"
#include "engine/record/recording.hpp"
#include "engine/runtime/family.hpp"

#include <chrono>
#include <fmt/format.h>
#include <memory>
#include <thread>

namespace phasor {

namespace {

// Changes after the script's last reset (or structural change) belong to the final run, which ends at
// --ticks: one at or past it would never apply.
void check_script_ends(const RunPlan& plan) {
    std::size_t final_run = 0;
    for (std::size_t i = 0; i < plan.script.size(); ++i)
        if (plan.script[i].rebuilds) final_run = i + 1;
    for (std::size_t i = final_run; i < plan.script.size(); ++i)
        if (plan.script[i].tick >= plan.ticks)
            throw InputError(fmt::format("--at {}: tick {} is not before the end of the run (--ticks {})",
                                         plan.script[i].text, plan.script[i].tick, plan.ticks));
}

// What the --csv series of several seeds may hold in memory at the end of the run (each sample is a
// fixed-size record): past this, say so before training rather than fail hours later, or on a std::bad_alloc.
constexpr std::uint64_t kMaxSeriesBytes = std::uint64_t{4} << 30;

void check_series_memory(const RunPlan& plan) {
    const ParamSet& params = plan.params;
    // Families sample every `train.series_every` ticks when they have that row; assume every tick otherwise.
    std::uint64_t every = 1;
    if (params.table().find("train.series_every"))
        every = static_cast<std::uint64_t>(std::max<std::int64_t>(1, params.integer("train.series_every")));
    const std::uint64_t per_seed = plan.ticks_per_seed() / every + 1;
    const double bytes = static_cast<double>(per_seed) * static_cast<double>(plan.seeds.size()) *
                         static_cast<double>(sizeof(SeriesSample));
    if (bytes > static_cast<double>(kMaxSeriesBytes))
        throw InputError(
            fmt::format("--ticks {} with --csv: the series would hold {} samples per seed for {} seed{} "
                        "(about {:.1f} GiB in memory), more than the {} GiB allowed; sample less often "
                        "(--set train.series_every=N) or run fewer ticks",
                        plan.ticks, per_seed, plan.seeds.size(), plan.seeds.size() == 1 ? "" : "s",
                        bytes / double(1u << 30), kMaxSeriesBytes >> 30));
}

} // namespace

int run_command(const RunOptions& o, std::span<const std::filesystem::path> preset_dirs) {
    const std::filesystem::path file = resolve_preset(o.preset, preset_dirs);
    RunPlan plan{.params = load_preset(file, o.sets),
                 .seeds = {},
                 .ticks = 0,
                 .script = {},
                 .collect_series = false,
                 .stream_series = {}};
    const ParamSet& params = plan.params;
    plan.ticks = o.ticks.value_or(static_cast<std::uint64_t>(params.integer("ticks")));
    if (plan.ticks < 1) throw InputError("--ticks must be at least 1");
    if (!o.seeds.empty())
        plan.seeds = parse_seed_range(o.seeds);
    else
        plan.seeds = {o.seed.value_or(static_cast<std::uint64_t>(params.integer("seed")))};
    plan.script = parse_script(o.at, params.table());
    check_script_ends(plan);
    plan.collect_series = !o.csv.empty() || !o.record.empty();
    if (!o.record.empty() && plan.seeds.size() != 1)
        throw InputError(
            fmt::format("--record {}: a recording is of one run; record one seed (--seed N), not "
                        "--seeds {}",
                        o.record, o.seeds));
    // One seed streams its rows as they are sampled; several keep theirs until the end, to write them seed by
    // seed, so only they are bounded by memory. A recording keeps them all, so it is bounded too.
    const bool stream = plan.collect_series && plan.seeds.size() == 1 && o.record.empty();
    if (plan.collect_series && !stream) check_series_memory(plan);
    // Opened before training so that a bad path costs nothing; a failed write leaves no file.
    std::unique_ptr<OutputFile> recording;
    if (!o.record.empty()) recording = std::make_unique<OutputFile>(o.record);

    // Opened before training so that a bad path costs nothing.
    std::unique_ptr<CsvOutput> csv;
    if (!o.csv.empty()) {
        csv = std::make_unique<CsvOutput>(o.csv);
        csv->begin(params.family());
        if (stream)
            plan.stream_series = [&csv](std::uint64_t seed, std::span<const SeriesSample> samples) {
                csv->write_rows(seed, samples);
            };
    }
    // The CSV on stdout keeps stdout to itself: the report, text or JSON, goes to stderr.
    std::FILE* report = csv && csv->on_stdout() ? stderr : stdout;

    const unsigned threads = static_cast<unsigned>(
        std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), plan.seeds.size()));
    const Family& family = params.family();
    const std::string name = params.text("name");
    if (!o.json)
        fmt::print(report, "preset {} ({}): {}, {} ticks per seed, {} seed{}{}\n", name, file.string(),
                   family.title, plan.ticks_per_seed(), plan.seeds.size(), plan.seeds.size() == 1 ? "" : "s",
                   plan.script.empty() ? "" : fmt::format(", {} scripted changes", plan.script.size()));
    std::fflush(report);

    const auto start = std::chrono::steady_clock::now();
    const std::vector<SeedResult> results = run_seeds(plan, threads, &stop_signal());
    // Interrupted: nothing is reported or written, and the CSV's temporary goes with `csv`.
    if (const int signal = stop_signal().load()) throw Stopped(signal);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const SeedResult& r : results)
        if (r.failure) std::rethrow_exception(r.failure);

    const RunSummary summary{name,    file.string(), &family,    plan.ticks_per_seed(),
                             seconds, threads,       plan.script};
    if (o.json)
        print_json_report(summary, results, report);
    else
        print_text_report(summary, results, report);

    int status = 0;
    for (const SeedResult& r : results) {
        if (!r.diverged) continue;
        fmt::print(stderr, "phasor: seed {} {}; evaluated with the state of tick {}\n", r.seed, r.fault,
                   r.evaluated_from);
        status = 1;
    }
    if (csv) csv->commit(results);
    if (recording) {
        // The preset as run (its seed and length included), the scripted changes as the log, and the series.
        ParamSet as_run = params;
        (void)as_run.set("seed", static_cast<std::int64_t>(results.front().seed));
        (void)as_run.set("ticks", static_cast<std::int64_t>(plan.ticks));
        Recorder recorder(as_run);
        for (const Change& change : results.front().changes) recorder.add(change);
        recorder.add(results.front().series);
        write_recording(recorder.recording(plan.ticks), *recording);
    }
    return status;
}

} // namespace phasor
