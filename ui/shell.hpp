// One frame of the whole UI, between ImGui::NewFrame and ImGui::Render: the menu bar, every panel in its own
// window, the status bar, notices, the help window and the keyboard shortcuts. Needs no window or GL, so the
// UI-logic tests drive it with injected input; the app (app/) only feeds it and acts on what it asks for.
#pragma once
#include "ui/change_log.hpp"
#include "ui/export/bundle.hpp"
#include "ui/notices.hpp"
#include "ui/panel_layout.hpp"
#include "ui/panels/family_ui.hpp"
#include "ui/panels/panel.hpp"
#include "ui/settings.hpp"

#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace phasor::ui {

enum class ShortcutAction { PauseResume, Step, Reset, Screenshot, Bigger, Smaller, NextView, Help };

struct Shortcut {
    ShortcutAction action;
    int key;          // GLFW key code (the GLFW backend indexes io.KeysDown by them)
    int alt_key;      // another key doing the same (the keypad's + and -), 0 for none
    bool ctrl;        // with Ctrl held, and only then
    bool repeats;     // held down, it repeats (stepping)
    const char* keys; // as the help shows it
    const char* what;
};
std::span<const Shortcut> shortcuts();

struct FrameState {
    const Snapshot& snapshot;
    const RunHistory& history;
    CommandSink& commands;
    float frame_ms = 0.f;          // the UI thread's CPU time for the last frame, without the buffer swap
    float frames_per_second = 0.f; // the frames actually shown per second, swap included
    const RunOrigin& origin;       // the preset the run came from, for the change log's replay
};

class Shell {
  public:
    // `preset_dirs` are searched for presets after the usual places; the first of them is where "Save as
    // preset" writes (the user's own preset folder).
    Shell(Settings& settings, std::vector<std::filesystem::path> preset_dirs);
    ~Shell();

    void frame(const FrameState& state);

    plot::PlotShelf& plots() { return plots_; }
    Notices& notices() { return notices_; }

    // What the user asked for this frame that only the app can do (after rendering); each is cleared when
    // taken.
    bool take_screenshot_request() { return std::exchange(screenshot_, false); }
    bool take_export_all_request() { return std::exchange(export_all_, false); }
    std::optional<float> take_scale_change() { return std::exchange(scale_change_, std::nullopt); }
    bool quit_requested() const { return quit_; }
    // File → Save recording, shown once the app records (`phasor app --record`).
    void enable_recording() { recording_ = true; }
    bool take_save_recording_request() { return std::exchange(save_recording_, false); }

    // A panel common to every family for this session (the replay's Timeline): kept open when an
    // arrangement starts, and placed along the bottom unless the user moved it.
    void add_common_panel(std::unique_ptr<Panel> panel);

    // The common panels (Controls, Metrics), then the running family's.
    const std::vector<std::unique_ptr<Panel>>& panels() const { return panels_; }
    // The presenter stage's views for the running family (empty without one) and the one shown.
    std::span<const StageView> stage() const;
    std::size_t stage_view() const { return stage_view_; }
    void show_stage_view(std::size_t view);
    // Every panel of the run's arrangement open and back in its default rectangle, from the next frame.
    void reset_layout() {
        settings_.arrangement.clear();
        layout_.reset();
    }

    // Where every panel shown this frame lies and how far its contents reach, as JSON, for tests and scripts
    // (`phasor app --layout-report FILE`): {"display": [w, h], "panels": [{"title", "x", "y", "width",
    // "height", "inner_width", "content_width", "content_height"}]}.
    std::string layout_report() const;

    // File → Save as preset and Save change log, also for scripts (--save-preset, --save-changes). Each posts
    // a notice and returns whether the file was written.
    bool save_preset(const Snapshot& snapshot, const std::filesystem::path& file);
    // The files an export bundle carries beside the plots: the preset as run and the change log.
    std::vector<BundleFile> bundle_files(const FrameState& state) const;
    bool save_change_log(const FrameState& state, const std::filesystem::path& file);

  private:
    void follow_family(const Snapshot& snapshot);
    void follow_arrangement(const Arrangement& arrangement);
    void save_preset_popup(const FrameState& state);
    void open_preset_popup(const FrameState& state);
    void menu_bar(const FrameState& state);
    void shortcuts(const FrameState& state);
    void run(ShortcutAction action, const FrameState& state);
    void panel_windows(const FrameState& state);
    void status_bar(const FrameState& state);
    void help_window();
    void title_tooltip(const Panel& panel, std::size_t index);

    Settings& settings_;
    std::vector<std::filesystem::path> preset_dirs_;
    std::vector<std::unique_ptr<Panel>> panels_;
    const FamilyUi* family_ui_ = nullptr;
    std::string family_;
    bool open_save_preset_ = false, open_open_preset_ = false;
    std::array<char, 512> open_path_{};
    std::string open_error_;
    PanelLayout layout_;
    std::size_t stage_view_ = 0;
    std::array<char, 128> preset_name_{};
    plot::PlotShelf plots_;
    Notices notices_;
    static constexpr std::size_t kNone = ~std::size_t{0};
    std::size_t hovered_title_ = kNone;
    float hover_seconds_ = 0.f;
    bool help_open_ = false;
    bool screenshot_ = false, export_all_ = false, quit_ = false;
    bool recording_ = false, save_recording_ = false;
    std::size_t common_ = 2; // panels_[0, common_) stay whatever the family; those past 2 are pinned open
    std::optional<float> scale_change_;
};

} // namespace phasor::ui
