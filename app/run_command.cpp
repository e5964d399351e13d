// `phasor run`: load the preset, run the seeds, report, and write the series file.
#include "app/run_command.hpp"

#include "app/csv_output.hpp"
#include "app/report.hpp"
#include "app/seed_range.hpp"
#include "app/seed_runner.hpp"
#include "engine/core/error.hpp"
#include "engine/preset/preset.hpp"

#include <chrono>
#include <fmt/format.h>
#include <memory>
#include <thread>

namespace phasor {

namespace {

std::string shape(const StepNetConfig& c) {
    std::string s;
    for (std::size_t i = 0; i < c.layers.size(); ++i) s += fmt::format("{}{}", i ? "-" : "", c.layers[i]);
    return s;
}

} // namespace

int run_command(const RunOptions& o, std::span<const std::filesystem::path> preset_dirs) {
    const std::filesystem::path file = resolve_preset(o.preset, preset_dirs);
    RunPlan plan;
    plan.config = load_preset(file, o.sets);
    plan.ticks = o.ticks.value_or(plan.config.ticks);
    if (plan.ticks < 1) throw InputError("--ticks must be at least 1");
    if (!o.seeds.empty())
        plan.seeds = parse_seed_range(o.seeds);
    else
        plan.seeds = {o.seed.value_or(plan.config.seed)};
    plan.collect_series = !o.csv.empty();

    // Opened before training so that a bad path costs nothing.
    std::unique_ptr<CsvOutput> csv;
    if (!o.csv.empty()) csv = std::make_unique<CsvOutput>(o.csv);

    const unsigned threads = static_cast<unsigned>(
        std::min<std::size_t>(std::max(1u, std::thread::hardware_concurrency()), plan.seeds.size()));
    const auto& c = plan.config;
    if (!o.json)
        fmt::print("preset {} ({}): {} on {}, {} backward, attention {}, {} ticks per seed, {} seed{}\n",
                   c.name, file.string(), c.task.name, shape(c), to_string(c.backward),
                   c.attention ? "on" : "off", plan.ticks, plan.seeds.size(),
                   plan.seeds.size() == 1 ? "" : "s");
    std::fflush(stdout);

    const auto start = std::chrono::steady_clock::now();
    const std::vector<SeedResult> results = run_seeds(plan, threads);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const SeedResult& r : results)
        if (r.failure) std::rethrow_exception(r.failure);

    const RunSummary summary{c.name, file.string(), plan.ticks, seconds, threads};
    if (o.json)
        print_json_report(summary, results);
    else
        print_text_report(summary, results);

    int status = 0;
    for (const SeedResult& r : results) {
        if (!r.diverged) continue;
        fmt::print(stderr, "phasor: seed {} diverged at tick {}; evaluated with the weights from tick {}\n",
                   r.seed, r.diverged_at, r.evaluated_from);
        status = 1;
    }
    if (csv) csv->commit(results);
    return status;
}

} // namespace phasor
