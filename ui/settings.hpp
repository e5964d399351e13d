// The app's own settings, kept between sessions in the user's config folder next to ImGui's window layout
// (imgui.ini): UI scale, presenter mode, the last preset, the export folder, which panels are open and the
// arrangement they were laid out in.
#pragma once
#include <filesystem>
#include <map>
#include <string>

namespace phasor::ui {

struct Settings {
    float ui_scale = 1.f;                      // on top of the monitor's content scale
    bool presenter = false;                    // hide advanced controls
    std::string preset;                        // the preset opened last (empty: the default)
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

// Reads the settings file. A missing file gives the defaults; a malformed one also gives the defaults and
// sets `problem` to what was wrong with it (file, line, key), so a bad file never stops the app from
// starting.
Settings load_settings(const std::filesystem::path& file, std::string& problem);

// Writes atomically (a temporary file, then a rename). Throws std::runtime_error saying why it could not.
void save_settings(const std::filesystem::path& file, const Settings& settings);

} // namespace phasor::ui
