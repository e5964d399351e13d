// Entry point of the phasor executable: parses the command line and dispatches to a subcommand.
// Exit status: 0 success, 1 runtime failure (divergence, unwritable file), 2 bad input.
#include "app/app_command.hpp"
#include "app/params_command.hpp"
#include "app/presets_command.hpp"
#include "app/run_command.hpp"
#include "app/stop_signals.hpp"
#include "engine/core/error.hpp"

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdio>
#include <fmt/format.h>
#include <limits>
#include <new>
#include <vector>

namespace {

using phasor::RunOptions;

#ifdef PHASOR_PRESET_DIR
const std::vector<std::filesystem::path> kPresetDirs{PHASOR_PRESET_DIR};
#else
const std::vector<std::filesystem::path> kPresetDirs;
#endif

// The longest run `phasor run --ticks` takes: days at the fastest rates measured (docs/BENCHMARKS.md).
constexpr std::uint64_t kMaxTicks = 1'000'000'000'000;

// A whole number in [lo, hi] for `option`, or InputError naming the option and its range. Read as text, not
// by CLI11 into an unsigned type, which turned "-1" into 18446744073709551615.
std::uint64_t parse_count(const std::string& option, const std::string& text, std::uint64_t lo,
                          std::uint64_t hi) {
    std::uint64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || stop != end || value < lo || value > hi)
        throw phasor::InputError(
            fmt::format("{} {}: must be a whole number from {} to {}", option, text, lo, hi));
    return value;
}

void add_run_options(CLI::App& run, RunOptions& o, std::string& ticks, std::string& seed) {
    run.add_option("-p,--preset", o.preset, "Preset name (see `phasor presets`) or .toml file")
        ->capture_default_str();
    run.add_option("-t,--ticks", ticks,
                   fmt::format("Ticks to train per seed, 1 to {} (default: the preset's)", kMaxTicks));
    auto* one = run.add_option("--seed", seed, "Seed, 0 to 2^63-1 (default: the preset's)");
    auto* range = run.add_option("--seeds", o.seeds, "Range of seeds A..B, run in parallel");
    one->excludes(range);
    run.add_option("-s,--set", o.sets, "Override preset keys, e.g. --set train.lr=0.05 (repeatable)");
    // The rule lab's race, short for --set race.variants=...: every variant a learner from the same state.
    run.add_option_function<std::string>(
        "--race", [&o](const std::string& race) { o.sets.push_back("race.variants=" + race); },
        "Race learners from one state (the rule lab): 'sgd; dfa: rule=dfa; T=0.01: rule=threshold, "
        "threshold=0.01'");
    run.add_option("--at", o.at,
                   "Change a parameter at a tick, e.g. --at 20000:train.lr=0.05, several as one change "
                   "joined by ';' (--at '20000:task.name=spirals;network.layers=[2,8,2]'), or reset: --at "
                   "5000:reset (repeatable, applied in order)");
    run.add_option("--csv", o.csv,
                   "Write the time series of every seed to this CSV file (- for stdout, the report then goes "
                   "to stderr)");
    run.add_flag("--json", o.json, "Print one JSON object on stdout instead of the text report");
    auto* record = run.add_option("--record", o.record,
                                  "Record the run (its preset, scripted changes and series, compressed) to "
                                  "this file, for `phasor app --replay` or `phasor run --replay`");
    auto* replay = run.add_option("--replay", o.replay,
                                  "Train a recording again and check that its series match the recorded "
                                  "ones exactly (exit 1 where they differ)");
    for (const char* other : {"--preset", "--ticks", "--seed", "--seeds", "--set", "--race", "--at", "--csv"})
        replay->excludes(run.get_option(other));
    replay->excludes(record);
}

// "1200x800" or "1200x800@300" (pixels, with the dpi the figure is meant for), "85mm@300" or "3.5in@300"
// (a printed width; the height two thirds of it).
std::optional<phasor::plot::FigureSize> parse_figure_size(const std::string& text) {
    using phasor::plot::FigureSize;
    float width = 0, height = 0, dpi = 0;
    char unit[3] = {};
    if (std::sscanf(text.c_str(), "%fx%f@%f", &width, &height, &dpi) >= 2 && width >= 16 && height >= 16 &&
        width <= 16384 && height <= 16384 && dpi >= 0)
        return FigureSize::pixels(width, height, dpi);
    if (std::sscanf(text.c_str(), "%f%2[a-z]@%f", &width, unit, &dpi) >= 2 && width > 0 && width <= 2000) {
        if (dpi <= 0) dpi = 300;
        if (std::string(unit) == "mm") return FigureSize::millimetres(width, 0, dpi);
        if (std::string(unit) == "in") return FigureSize{width, 0, FigureSize::Unit::Inches, dpi};
    }
    return std::nullopt;
}

int dispatch(int argc, char** argv) {
    CLI::App app{"Phasor: a lab for asynchronous neural-network training.\n"
                 "With no arguments, opens the app on the default preset (lowhighmix)."};
    app.name("phasor");
    app.require_subcommand(0, 1);

    RunOptions run_options;
    std::string ticks, seed;
    CLI::App* run = app.add_subcommand("run", "Train a preset headless and report the accuracy reached");
    add_run_options(*run, run_options, ticks, seed);
    CLI::App* presets = app.add_subcommand("presets", "List the presets and their descriptions");

    phasor::ParamsOptions params_options;
    CLI::App* params =
        app.add_subcommand("params", "List a family's parameters: type, range, default, current value");
    auto* params_preset = params->add_option("-p,--preset", params_options.preset,
                                             "Preset name or .toml file whose values to show");
    params->add_option("--family", params_options.family, "A family's defaults (default: stepnet)")
        ->excludes(params_preset);
    params->add_option("-s,--set", params_options.sets, "Override preset keys, as for `phasor run`");
    params->add_flag("--json", params_options.json, "Print one JSON object");

    phasor::AppOptions app_options;
    long frames = 0;
    float scale = 1.f;
    CLI::App* window = app.add_subcommand("app", "Open the live desktop app on a preset");
    window->add_option("-p,--preset", app_options.preset,
                       "Preset name or .toml file (default: the last one)");
    window->add_option("-s,--set", app_options.sets, "Override preset keys, e.g. --set train.lr=0.05");
    window->add_option_function<std::string>(
        "--race", [&](const std::string& race) { app_options.sets.push_back("race.variants=" + race); },
        "Race learners from one state (the rule lab), as for `phasor run`");
    window->add_option("--at", app_options.at,
                       "Change a parameter at an exact tick, e.g. --at 20000:train.lr=0.05, several as one "
                       "change joined by ';' (repeatable)");
    auto* record = window->add_option("--record", app_options.record,
                                      "Record the live run (its preset, the changes made and its series, "
                                      "compressed) into this file when the app closes");
    auto* replay =
        window->add_option("--replay", app_options.replay,
                           "Play a recording back: the run trained again, with a Timeline to scrub, "
                           "pause and step, checked against the recorded series");
    for (const char* other : {"--preset", "--set", "--race", "--at"})
        replay->excludes(window->get_option(other));
    replay->excludes(record);
    window->add_option("--frames", frames, "Run this many frames, write the files asked for, and exit")
        ->check(CLI::Range(1L, 100'000'000L));
    window
        ->add_option("--screenshot", app_options.screenshot,
                     "After the last frame, save the window as this PNG")
        ->needs("--frames");
    window
        ->add_option("--export-plots", app_options.export_plots,
                     "After the last frame, export every plot as PNG, SVG and CSV into this folder")
        ->needs("--frames");
    window
        ->add_option(
            "--save-changes", app_options.save_changes,
            "After the last frame, save the log of changes (JSON, with a replay command) to this file")
        ->needs("--frames");
    window
        ->add_option("--save-preset", app_options.save_preset,
                     "After the last frame, save the run's parameters as a preset file")
        ->needs("--frames");
    window
        ->add_option(
            "--layout-report", app_options.layout_report,
            "After the last frame, write where every panel lies and how far its contents reach (JSON)")
        ->needs("--frames");
    std::string export_theme, export_size;
    window->add_option("--export-theme", export_theme,
                       "Theme of exported plots: dark, light or light-transparent");
    window->add_option(
        "--export-size", export_size,
        "Size of exported plots: WxH pixels (1200x800, 1200x800@300 for its dpi), or a printed width "
        "(85mm@300, 3.5in@300)");
    window->add_option("--scale", scale, "UI scale, e.g. 1.5 for a projector (default: the saved one)");
    window->add_flag("--presenter", app_options.presenter, "Presenter mode: hide the advanced controls");
    window->add_flag("--frame-stats", app_options.frame_stats,
                     "On exit, print the UI thread's CPU time per frame and the engine's ticks/s");
    double soak = 0;
    window
        ->add_option("--soak", soak,
                     "Random keys and clicks for this many seconds, then exit (scripts/soak.sh)")
        ->group(""); // hidden: a test tool, not a feature

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e); // --help
        fmt::print(stderr, "phasor: {}\nRun 'phasor --help' for usage.\n", e.what());
        return 2;
    }
    if (presets->parsed()) return phasor::presets_command(kPresetDirs);
    if (params->parsed()) return phasor::params_command(params_options, kPresetDirs);
    if (run->parsed()) {
        if (run->count("--ticks")) run_options.ticks = parse_count("--ticks", ticks, 1, kMaxTicks);
        if (run->count("--seed"))
            run_options.seed = parse_count("--seed", seed, 0, std::numeric_limits<std::int64_t>::max());
        phasor::catch_stop_signals();
        if (!run_options.replay.empty()) return phasor::replay_command(run_options);
        return phasor::run_command(run_options, kPresetDirs);
    }
    if (window->count("--frames")) app_options.frames = frames;
    if (window->count("--soak")) app_options.soak_seconds = soak;
    if (!export_theme.empty()) {
        app_options.export_theme = phasor::plot::theme_named(export_theme);
        if (!app_options.export_theme)
            throw phasor::InputError(fmt::format(
                "--export-theme {}: unknown theme (known: dark, light, light-transparent)", export_theme));
    }
    if (!export_size.empty()) {
        app_options.export_size = parse_figure_size(export_size);
        if (!app_options.export_size)
            throw phasor::InputError(fmt::format("--export-size {}: expected WxH pixels (1200x800, or "
                                                 "1200x800@300) or a printed width (85mm@300)",
                                                 export_size));
    }
    if (window->count("--scale")) app_options.scale = scale;
    phasor::catch_stop_signals();
    return phasor::app_command(app_options, kPresetDirs);
}

} // namespace

int main(int argc, char** argv) {
    try {
        return dispatch(argc, argv);
    } catch (const phasor::InputError& e) {
        fmt::print(stderr, "phasor: {}\n", e.what());
        return 2;
    } catch (const phasor::Stopped& e) {
        fmt::print(stderr, "phasor: {}\n", e.what());
        return 128 + e.signal;
    } catch (const std::bad_alloc&) {
        // A last resort: the limits on --ticks, layer sizes and the series should keep this from happening.
        fmt::print(stderr,
                   "phasor: out of memory: the run needs more memory than this machine has; use smaller "
                   "layers, fewer seeds or fewer ticks\n");
        return 1;
    } catch (const std::exception& e) {
        // A stop signal can also surface as an interrupted system call (a wait for a FIFO's reader).
        if (const int signal = phasor::stop_signal().load()) {
            fmt::print(stderr, "phasor: {}\n", phasor::Stopped(signal).what());
            return 128 + signal;
        }
        fmt::print(stderr, "phasor: {}\n", e.what());
        return 1;
    }
}
