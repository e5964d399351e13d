// `phasor app` (and `phasor` with no arguments): the live desktop app on a preset.
#pragma once
#include "ui/plot/figure.hpp"
#include "ui/plot/theme.hpp"

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace phasor {

struct AppOptions {
    std::string preset;            // empty: the preset opened last, else the default
    std::vector<std::string> sets; // key=value overrides, as for `phasor run`
    std::vector<std::string> at;   // TICK:key=value changes applied at exact ticks, as for `phasor run`
    std::optional<long> frames;    // run this many frames, write the files below, and exit
    std::string screenshot;        // PNG of the whole window after the last frame
    std::string export_plots; // an export bundle (every plot, the preset, the change log) into this folder
    std::optional<plot::ThemeKind> export_theme; // the bundle's and the plot menus' theme (default dark)
    std::optional<plot::FigureSize> export_size; // ... and size (default 1200×800 px)
    std::string save_changes;                    // the change log (JSON) after the last frame
    std::string save_preset;                     // the run's parameters as a preset file after the last frame
    std::string layout_report;  // where every panel lies and how far its contents reach (JSON)
    std::optional<float> scale; // UI scale (default: the saved one)
    bool presenter = false;
    bool frame_stats = false; // print the UI thread's frame times and the engine's rate on exit
    std::string record; // record the live run (preset, changes, series) into this file when the app closes
    std::string replay; // play a recording back: its run trained again, with a Timeline to scrub
    // Hidden, for scripts/soak.sh: random keys and clicks for this many seconds, then exit.
    std::optional<double> soak_seconds;
};

// Returns the exit status: 0, or 1 when a requested file could not be written. Throws InputError for a bad
// preset (exit 2) and std::runtime_error when the window cannot open (exit 1).
int app_command(const AppOptions& options, std::span<const std::filesystem::path> preset_dirs);

} // namespace phasor
