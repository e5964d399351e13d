// The bad-input catalogue of the app itself, on a virtual display: settings, window state, shaders and
// outputs that are wrong in every way we know, and the stop signals. Each row: the exit status, the first
// line on stderr, nothing left behind, and nothing that was there saved over (a FIFO stays a FIFO). Rows
// marked "before:" are faults that once got through.
#include "support/bad_input.hpp"

#include <fstream>

namespace {

using phasor::testing::BadInput;

constexpr const char* kSaved = "config/phasor/settings.toml config/phasor/imgui.ini";

// clang-format off
const BadInput kRows[] = {
    // Settings: one bad key costs that key, the file is kept aside, never saved over with defaults.
    {"SettingsBadValue", "mkdir -p config/phasor && echo 'ui_scale = \"big\"' > config/phasor/settings.toml",
     "$PHASOR app --preset xor --frames 3", 0,
     "phasor: {dir}/config/phasor/settings.toml:1: 'ui_scale' must be a number; those keys keep their defaults",
     "the file as it was is kept as", "config/phasor/settings.toml.bad-* config/phasor/imgui.ini"},
    {"SettingsPanelNotABool", // before: ignored silently
     "mkdir -p config/phasor && printf '[panels]\\nMetrics = \"yes\"\\n' > config/phasor/settings.toml",
     "$PHASOR app --preset xor --frames 3", 0,
     "phasor: {dir}/config/phasor/settings.toml:2: 'panels.Metrics' must be true or false", "",
     "config/phasor/settings.toml.bad-* config/phasor/imgui.ini"},
    {"SettingsIsAFifo", "mkdir -p config/phasor && mkfifo config/phasor/settings.toml", // before: hung
     "$PHASOR app --preset xor --frames 3", 0,
     "phasor: {dir}/config/phasor/settings.toml: is a FIFO; using the default settings, and they will not be "
     "saved over it", "", "config/phasor/imgui.ini"},
    {"WindowStateIsAFifo", "mkdir -p config/phasor && mkfifo config/phasor/imgui.ini", // before: hung
     "$PHASOR app --preset xor --frames 3", 0,
     "phasor: {dir}/config/phasor/imgui.ini: is a FIFO; window positions are neither read nor saved", "",
     "config/phasor/settings.toml"},
    {"ConfigFolderUnreadable", "mkdir -p config/phasor && chmod 000 config", // before: did not start
     "$AS_USER $PHASOR app --preset xor --frames 3", 0,
     "phasor: {dir}/config/phasor/settings.toml: permission denied; using the default settings", "", ""},
    // Shaders: reported, and the heatmaps drawn without them.
    {"ShaderIsDevZero", // before: read until memory ran out
     "mkdir sh && cp \"$SHADERS/heatmap.vert\" sh/ && ln -s /dev/zero sh/heatmap.frag",
     "PHASOR_SHADER_DIR=sh $PHASOR app --preset xor --frames 3", 0,
     "phasor: cannot read sh/heatmap.frag: is a device; heatmaps are drawn without the shader", "", kSaved},
    {"ShaderDoesNotCompile",
     "mkdir sh && cp \"$SHADERS/heatmap.vert\" sh/ && printf '#version 330 core\\nnot glsl;\\n' > sh/heatmap.frag",
     "PHASOR_SHADER_DIR=sh $PHASOR app --preset xor --frames 3", 0, "phasor: cannot compile sh/heatmap.frag:",
     "heatmaps are drawn without the shader", kSaved},
    // Outputs: refused with the reason, nothing partial left, nothing replaced.
    {"ScreenshotUnderAFile", "touch f", "$PHASOR app --preset xor --frames 3 --screenshot f/s.png", 1,
     "phasor: Could not save f/s.png: Not a directory", "", kSaved},
    {"ScreenshotIsAFolder", "mkdir shot.png", "$PHASOR app --preset xor --frames 3 --screenshot shot.png", 1,
     "phasor: Could not save shot.png: is a directory", "", kSaved},
    {"ScreenshotToDevNullIsWrittenNotReplaced", "", // before: /dev/null replaced by a PNG as root
     "$PHASOR app --preset xor --frames 3 --screenshot /dev/null && test -c /dev/null", 0, "phasor: Saved", "",
     kSaved},
    {"ExportFolderIsAFile", "touch f", // before: the same error 54 times
     "$PHASOR app --preset xor --frames 3 --export-plots f", 1, "phasor: Could not save f/phasor-",
     "f is a file, not a folder (nothing of the export bundle was saved)", kSaved},
    {"SavedPresetIsAFolder", "mkdir p.toml", "$PHASOR app --preset xor --frames 3 --save-preset p.toml", 1,
     "phasor: Could not save p.toml: is a directory", "", kSaved},
    {"ChangeLogIsAFolder", "mkdir c.json", "$PHASOR app --preset xor --frames 3 --save-changes c.json", 1,
     "phasor: Could not save c.json: is a directory", "", kSaved},
    {"LayoutReportUnderAFile", "touch f", "$PHASOR app --preset xor --frames 3 --layout-report f/l.json", 1,
     "phasor: Could not save f/l.json: Not a directory", "", kSaved},
    // Stop signals close the app between frames as its close button does (before: killed where it stood).
    {"SigtermClosesTheApp", "", "timeout --preserve-status -s TERM 3 $PHASOR app --preset xor", 143,
     "phasor: closed by SIGTERM", "", kSaved},
    {"SigintClosesTheApp", "", "timeout --preserve-status -s INT 3 $PHASOR app --preset xor", 130,
     "phasor: closed by Ctrl-C (SIGINT)", "", kSaved},
};
// clang-format on

class AppBadInput : public ::testing::TestWithParam<BadInput> {
  protected:
    AppBadInput() : dir_(phasor::testing::scratch_folder("phasor-app-bad-")) {}
    ~AppBadInput() override {
        std::error_code ec;
        std::filesystem::permissions(dir_ / "config", std::filesystem::perms::owner_all, ec);
        std::filesystem::remove_all(dir_, ec);
    }
    std::filesystem::path dir_;
};

TEST_P(AppBadInput, IsReportedAndLeavesNothing) {
    // The command goes through a script so that the display, the config folder and (under AddressSanitizer)
    // the preloaded driver reach every command of the row.
    const auto on_display = [this](const std::string& command) {
        std::ofstream(dir_ / "row.sh") << command << "\n";
        const std::string preload = *PHASOR_APP_PRELOAD ? "LD_PRELOAD='" PHASOR_APP_PRELOAD "' " : "";
        return phasor::testing::on_virtual_display(
            "1280x720", "env -u PHASOR_PRESET_DIR XDG_CONFIG_HOME=\"$PWD/config\" LIBGL_ALWAYS_SOFTWARE=1 " +
                            preload + "sh row.sh");
    };
    BadInput row = GetParam();
    const std::string setup = std::string("SHADERS='") + PHASOR_SOURCE_DIR + "/shaders'; " + row.setup;
    row.setup = setup.c_str();
    phasor::testing::check_bad_input(row, dir_, on_display,
                                     "row.sh display.txt xvfb.log config config/phasor");
}

INSTANTIATE_TEST_SUITE_P(App, AppBadInput, ::testing::ValuesIn(kRows),
                         [](const auto& info) { return std::string(info.param.name); });

} // namespace
