// The app's own settings, kept between sessions in the user's config folder next to ImGui's window layout
// (imgui.ini): UI scale, presenter mode, the last preset, the export folder, which panels are open and the
// arrangement they were laid out in.
#pragma once
#include <filesystem>
#include <map>
#include <string>

namespace phasor::ui {

struct Settings {
    float ui_scale = 1.f;   // on top of the monitor's content scale
    bool presenter = false; // hide advanced controls
    // The preset opened last, by where it came from: a name on the preset search path (a shipped preset),
    // or the absolute path of a file (opened from anywhere, or saved to the user's preset folder), which is
    // reopened from that path and never confused with a shipped preset of the same name. Both empty: the
    // default.
    std::string preset;
    std::string preset_file;
    std::string export_dir = "phasor-exports"; // relative to the working directory unless absolute
    int window_width = 1600, window_height = 1000;
    std::map<std::string, bool> panels_open; // by panel title
    // The default arrangement the panels were last laid out in ("stepnet/patterns"): a run that needs
    // another one lays them out afresh; empty lays out the next run's.
    std::string arrangement;
    // The panels' work area in pixels when the layout was last saved (0: not known): a layout saved on
    // another screen size is stretched to this one rather than only pushed inside it.
    int layout_width = 0, layout_height = 0;
};

inline constexpr float kMinUiScale = 0.5f, kMaxUiScale = 4.f;

// $XDG_CONFIG_HOME/phasor, else $HOME/.config/phasor, else the working directory.
std::filesystem::path config_dir();

struct LoadedSettings {
    Settings settings;
    // What was wrong, each with file, line and key, joined by "; " (empty: the file was read whole).
    std::string problem;
    // The file exists but is not a readable regular file (a folder, a FIFO, no permission): nothing of it
    // was read, and the app must not write over it when it closes.
    bool keep_file = false;
};

// Reads the settings file, key by key: a missing file gives the defaults; a value of the wrong type or out
// of range is reported and that key keeps its default while the rest of the file is used; a file that is
// not TOML at all gives the defaults. A bad file never stops the app from starting.
LoadedSettings load_settings(const std::filesystem::path& file);

// Copies a settings file that had a problem to `<file>.bad-YYYYMMDD-HHMMSS` beside it, so the values the
// app could not read survive the save at exit; returns the copy's path. Throws std::runtime_error saying why
// it could not.
std::filesystem::path keep_bad_settings(const std::filesystem::path& file);

// Writes atomically (a temporary file, then a rename). Throws std::runtime_error saying why it could not,
// with the system's reason.
void save_settings(const std::filesystem::path& file, const Settings& settings);

} // namespace phasor::ui
