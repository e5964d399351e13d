// The frame of shell.hpp: menus, panel windows with a default layout, shortcuts, status bar and help.
#include "ui/shell.hpp"

#include "engine/preset/preset.hpp"
#include "ui/export/atomic_file.hpp"
#include "ui/export/export_names.hpp"
#include "ui/panels/controls_panel.hpp"
#include "ui/panels/metrics_panel.hpp"
#include "ui/panels/status_bar.hpp"
#include "ui/readable_file.hpp"

#include <GLFW/glfw3.h> // key codes only: the GLFW backend indexes io.KeysDown by them
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_internal.h>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace phasor::ui {

namespace {

// Where the common panels go when the family has no layout (it has no panels of its own).
constexpr std::array<PanelPlace, 2> kCommonLayout{{
    {"Controls", 0.00f, 0.0f, 0.25f, 1.0f},
    {"Metrics", 0.25f, 0.0f, 0.75f, 1.0f},
}};

const PanelPlace* place_of(std::span<const PanelPlace> layout, std::string_view title) {
    for (const PanelPlace& p : layout)
        if (p.title == title) return &p;
    return nullptr;
}

std::string param_text(const Snapshot& snapshot, std::string_view key) {
    const ParamValue* v = snapshot.param(key);
    return v && std::holds_alternative<std::string>(*v) ? std::get<std::string>(*v) : std::string();
}

} // namespace

// The one list of shortcuts: the handler below and the help window both read it, so the help cannot drift.
constexpr Shortcut kShortcuts[] = {
    {ShortcutAction::PauseResume, GLFW_KEY_SPACE, 0, false, false, "Space", "pause / resume"},
    {ShortcutAction::Step, GLFW_KEY_RIGHT, 0, false, true, "Right arrow", "single step (pauses first)"},
    {ShortcutAction::Reset, GLFW_KEY_R, 0, false, false, "R", "reset the run"},
    {ShortcutAction::Screenshot, GLFW_KEY_F12, 0, false, false, "F12", "screenshot of the window"},
    {ShortcutAction::Bigger, GLFW_KEY_EQUAL, GLFW_KEY_KP_ADD, true, false, "Ctrl +", "bigger UI"},
    {ShortcutAction::Smaller, GLFW_KEY_MINUS, GLFW_KEY_KP_SUBTRACT, true, false, "Ctrl -", "smaller UI"},
    {ShortcutAction::NextView, GLFW_KEY_V, 0, false, false, "V", "presenter mode, then its next view"},
    {ShortcutAction::Help, GLFW_KEY_F1, 0, false, false, "F1", "this help"},
};

std::span<const Shortcut> shortcuts() {
    return kShortcuts;
}

Shell::Shell(Settings& settings, std::vector<std::filesystem::path> preset_dirs)
    : settings_(settings), preset_dirs_(std::move(preset_dirs)) {
    layout_.saved_area(
        ImVec2(static_cast<float>(settings_.layout_width), static_cast<float>(settings_.layout_height)));
    panels_.push_back(std::make_unique<ControlsPanel>());
    panels_.push_back(std::make_unique<MetricsPanel>());
    for (auto& panel : panels_)
        if (auto it = settings_.panels_open.find(panel->title()); it != settings_.panels_open.end())
            panel->open = it->second;
}

// The common panels stay; the family's are made anew when a run of another family starts.
void Shell::follow_family(const Snapshot& snapshot) {
    const std::string family = snapshot.family ? std::string(snapshot.family->name) : std::string();
    if (family == family_ && !panels_.empty()) return;
    family_ = family;
    panels_.resize(common_);
    family_ui_ = find_family_ui(family);
    if (!family_ui_) return;
    for (auto& panel : family_ui_->make_panels()) {
        if (auto it = settings_.panels_open.find(panel->title()); it != settings_.panels_open.end())
            panel->open = it->second;
        panels_.push_back(std::move(panel));
    }
}

Shell::~Shell() = default;

void Shell::add_common_panel(std::unique_ptr<Panel> panel) {
    panels_.insert(panels_.begin() + static_cast<std::ptrdiff_t>(common_), std::move(panel));
    ++common_;
}

void Shell::frame(const FrameState& state) {
    follow_family(state.snapshot);
    plots_.begin_frame();
    shortcuts(state);
    menu_bar(state);
    panel_windows(state);
    status_bar(state);
    help_window();
    save_preset_popup(state);
    open_preset_popup(state);
    notices_.draw();
    for (const auto& panel : panels_) settings_.panels_open[panel->title()] = panel->open;
}

void Shell::shortcuts(const FrameState& state) {
    const ImGuiIO& io = ImGui::GetIO();
    // While the user types into a field, keys belong to the field.
    if (io.WantTextInput) return;
    for (const Shortcut& s : kShortcuts) {
        const bool pressed =
            ImGui::IsKeyPressed(s.key, s.repeats) || (s.alt_key && ImGui::IsKeyPressed(s.alt_key, s.repeats));
        if (pressed && io.KeyCtrl == s.ctrl) run(s.action, state);
    }
}

void Shell::run(ShortcutAction action, const FrameState& state) {
    const bool running = state.snapshot.state == RunState::Running;
    switch (action) {
    case ShortcutAction::PauseResume:
        state.commands.post(running ? Command{Pause{}} : Command{Resume{}});
        break;
    case ShortcutAction::Step:
        if (running) state.commands.post(Pause{});
        state.commands.post(SingleStep{1});
        break;
    case ShortcutAction::Reset:
        state.commands.post(Reset{});
        break;
    case ShortcutAction::Screenshot:
        screenshot_ = true;
        break;
    case ShortcutAction::Bigger:
        scale_change_ = std::min(kMaxUiScale, settings_.ui_scale * 1.25f);
        break;
    case ShortcutAction::Smaller:
        scale_change_ = std::max(kMinUiScale, settings_.ui_scale / 1.25f);
        break;
    case ShortcutAction::NextView:
        if (settings_.presenter)
            show_stage_view(stage_view_ + 1);
        else
            settings_.presenter = true;
        break;
    case ShortcutAction::Help:
        help_open_ = !help_open_;
        break;
    }
}

std::span<const StageView> Shell::stage() const {
    return family_ui_ ? family_ui_->stage : std::span<const StageView>{};
}

void Shell::show_stage_view(std::size_t view) {
    stage_view_ = stage().empty() ? 0 : view % stage().size();
}

void Shell::menu_bar(const FrameState& state) {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Screenshot", "F12")) screenshot_ = true;
        if (ImGui::MenuItem("Export every plot")) export_all_ = true;
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "One dated folder: every plot as PNG, SVG and CSV in the theme and size chosen in a "
                "plot's menu, the preset as run (with its seed) and the change log, so a figure can "
                "be made again");
        if (ImGui::MenuItem("Save change log")) {
            const std::filesystem::path dir(settings_.export_dir);
            save_change_log(state, export_path(dir, "changes", "json", std::chrono::system_clock::now()));
        }
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Every change made to the run, with its tick, and a `phasor run` command that "
                              "replays them");
        if (recording_ && ImGui::MenuItem("Save recording")) save_recording_ = true;
        if (recording_ && ImGui::IsItemHovered())
            ImGui::SetTooltip("The run so far (its preset, changes and series, compressed) into the export "
                              "folder, for `phasor app --replay`; it is also saved when the app closes");
        if (ImGui::MenuItem("Open preset file...")) {
            open_open_preset_ = true;
            open_error_.clear();
        }
        if (ImGui::MenuItem("Save settings as preset...")) {
            open_save_preset_ = true;
            const std::string name = param_text(state.snapshot, "name");
            std::snprintf(preset_name_.data(), preset_name_.size(), "%s-mine", name.c_str());
        }
        ImGui::TextDisabled("Files go to %s/ (export_dir in settings.toml)", settings_.export_dir.c_str());
        ImGui::Separator();
        if (ImGui::MenuItem("Quit")) quit_ = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        for (auto& panel : panels_) {
            ImGui::MenuItem(panel->title(), nullptr, &panel->open);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", panel->tooltip());
        }
        if (ImGui::MenuItem("Reset layout")) reset_layout();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Every panel back to where it starts");
        ImGui::Separator();
        ImGui::MenuItem("Presenter mode", "V", &settings_.presenter);
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip(
                "A stage for teaching: a few large panels and the live controls; V switches views");
        if (ImGui::BeginMenu("UI scale")) {
            for (float scale : {0.75f, 1.f, 1.25f, 1.5f, 2.f, 3.f}) {
                const std::string label = fmt::format("{:g}×{}", scale, scale == 1.5f ? " (projector)" : "");
                if (ImGui::MenuItem(label.c_str(), nullptr, settings_.ui_scale == scale))
                    scale_change_ = scale;
            }
            ImGui::EndMenu();
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        if (ImGui::MenuItem("Shortcuts and panels", "F1")) help_open_ = true;
        ImGui::EndMenu();
    }
    // On the stage, its views sit in the menu bar, one click away.
    if (settings_.presenter) {
        ImGui::Separator();
        for (std::size_t v = 0; v < stage().size(); ++v) {
            const std::string name(stage()[v].name);
            if (ImGui::MenuItem(name.c_str(), nullptr, v == stage_view_)) show_stage_view(v);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", std::string(stage()[v].help).c_str());
        }
    }
    ImGui::EndMainMenuBar();
}

void Shell::panel_windows(const FrameState& state) {
    // The work area below the menu bar and above the status bar, from the display itself: ImGui's own work
    // area only learns about the menu bar a frame later, and the first frame is when the layout is placed.
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float menu_height = ImGui::GetFrameHeight();
    const float status_height = ImGui::GetFrameHeightWithSpacing();
    const ImVec2 origin(vp->Pos.x, vp->Pos.y + menu_height);
    const ImVec2 area(vp->Size.x, vp->Size.y - menu_height - status_height);
    PanelContext context{.snapshot = state.snapshot,
                         .history = state.history,
                         .commands = state.commands,
                         .plots = plots_,
                         .preset_dirs = preset_dirs_,
                         .preset = param_text(state.snapshot, "name"),
                         .presenter = settings_.presenter};
    // On the stage only its view's panels show, fixed and large; otherwise every open panel, where the user
    // put it.
    const StageView* view =
        settings_.presenter && !stage().empty() ? &stage()[stage_view_ % stage().size()] : nullptr;
    const Arrangement* arrangement = family_ui_ ? suited_arrangement(*family_ui_, state.snapshot) : nullptr;
    if (arrangement) follow_arrangement(*arrangement);
    const std::span<const PanelPlace> layout = view          ? view->places
                                               : arrangement ? arrangement->places
                                                             : kCommonLayout;
    layout_.begin_frame(origin, area);
    // A session's own common panels (the Timeline) come last, so a new window of theirs opens on top.
    for (std::size_t n = 0; n < panels_.size(); ++n) {
        const std::size_t pinned = common_ - 2;
        const std::size_t i =
            n < panels_.size() - pinned ? (n < 2 ? n : n + pinned) : n - (panels_.size() - pinned) + 2;
        Panel& panel = *panels_[i];
        const PanelPlace* place = place_of(layout, panel.title());
        // A session's own common panel (the Timeline) takes a strip along the bottom unless placed.
        static constexpr PanelPlace kPinnedPlace{"", 0.25f, 0.85f, 0.50f, 0.15f};
        if (!place && !view && i >= 2 && i < common_) place = &kPinnedPlace;
        if (view ? place == nullptr : !panel.open) continue;
        layout_.place(panel.title(), place, view != nullptr);
        const ImGuiWindowFlags flags =
            view ? ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse : 0;
        if (ImGui::Begin(panel.title(), view ? nullptr : &panel.open, flags)) {
            title_tooltip(panel, i);
            panel.draw(context);
        }
        if (!view) layout_.note(panel.title());
        ImGui::End();
    }
    layout_.end_frame();
    settings_.layout_width = static_cast<int>(std::lround(area.x));
    settings_.layout_height = static_cast<int>(std::lround(area.y));
}

// A run that needs another arrangement than the one the panels were last laid out in (the app's first run, a
// task on the plane after one that is not, Reset layout) opens the panels it places, closes the others and
// puts them in their default rectangles.
void Shell::follow_arrangement(const Arrangement& arrangement) {
    const std::string name = fmt::format("{}/{}", family_ui_->family, arrangement.name);
    if (name == settings_.arrangement) return;
    settings_.arrangement = name;
    for (std::size_t i = 0; i < panels_.size(); ++i)
        panels_[i]->open =
            place_of(arrangement.places, panels_[i]->title()) != nullptr || (i >= 2 && i < common_);
    layout_.reset();
}

// The panel's one-line description, once the mouse has rested on its title bar for a moment (not while it
// merely passes over, which would cover the panel below).
void Shell::title_tooltip(const Panel& panel, std::size_t index) {
    const bool on_title = ImGui::IsWindowHovered(ImGuiHoveredFlags_RootWindow) &&
                          ImGui::GetMousePos().y < ImGui::GetWindowPos().y + ImGui::GetFrameHeight();
    if (!on_title) {
        if (hovered_title_ == index) hovered_title_ = kNone;
        return;
    }
    if (hovered_title_ != index) {
        hovered_title_ = index;
        hover_seconds_ = 0.f;
    }
    hover_seconds_ += ImGui::GetIO().DeltaTime;
    if (hover_seconds_ > 0.5f) ImGui::SetTooltip("%s", panel.tooltip());
}

void Shell::status_bar(const FrameState& state) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float height = ImGui::GetFrameHeightWithSpacing();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x, vp->Pos.y + vp->Size.y - height));
    ImGui::SetNextWindowSize(ImVec2(vp->Size.x, height));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ImGui::GetFontSize() * 0.5f, 2.f));
    if (ImGui::Begin("##status", nullptr, flags))
        draw_status_bar(state.snapshot, state.frame_ms, state.frames_per_second);
    ImGui::End();
    ImGui::PopStyleVar();
}

void Shell::help_window() {
    if (!help_open_) return;
    ImGui::SetNextWindowSize(ImVec2(34.f * ImGui::GetFontSize(), 0.f), ImGuiCond_Appearing);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
        ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (ImGui::Begin("Help", &help_open_, ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::TextUnformatted("Keyboard shortcuts");
        if (ImGui::BeginTable("shortcuts", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) {
            for (const Shortcut& s : kShortcuts) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.keys);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.what);
            }
            ImGui::EndTable();
        }
        ImGui::Spacing();
        ImGui::TextUnformatted("Panels");
        for (const auto& panel : panels_) {
            ImGui::Bullet();
            ImGui::TextWrapped("%s: %s", panel->title(), panel->tooltip());
        }
        ImGui::Spacing();
        ImGui::TextWrapped(
            "Plots: drag to pan, wheel to zoom (Shift: y axis), double-click to fit, click a legend "
            "entry to hide it, right-click to export PNG, SVG or CSV.");
    }
    ImGui::End();
}

void Shell::save_preset_popup(const FrameState& state) {
    if (open_save_preset_) {
        ImGui::OpenPopup("Save as preset");
        open_save_preset_ = false;
    }
    if (!ImGui::BeginPopupModal("Save as preset", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const std::filesystem::path dir =
        preset_dirs_.empty() ? std::filesystem::path(".") : preset_dirs_.front();
    ImGui::TextUnformatted("The run's parameters as they are now, live changes included.");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16.f);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputText("Name", preset_name_.data(), preset_name_.size(),
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    const std::string name = sanitize_stem(preset_name_.data());
    ImGui::TextDisabled("Saved as %s", (dir / (name + ".toml")).string().c_str());
    if (entered || ImGui::Button("Save")) {
        if (save_preset(state.snapshot, dir / (name + ".toml"))) ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

// A preset file from anywhere on disk (one a colleague sent, one saved elsewhere), by its path.
void Shell::open_preset_popup(const FrameState& state) {
    if (open_open_preset_) {
        ImGui::OpenPopup("Open preset file");
        open_open_preset_ = false;
    }
    if (!ImGui::BeginPopupModal("Open preset file", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 28.f);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputTextWithHint("Path", "/path/to/experiment.toml", open_path_.data(),
                                                  open_path_.size(), ImGuiInputTextFlags_EnterReturnsTrue);
    if (!open_error_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.f, 0.38f, 0.35f, 1.f));
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36.f);
        ImGui::TextWrapped("%s", open_error_.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
    if (entered || ImGui::Button("Open")) {
        try {
            const std::filesystem::path file(open_path_.data());
            // Checked first: a FIFO or a device typed here would hang or exhaust the app.
            if (const std::string why = unreadable_reason(file); !why.empty())
                throw std::runtime_error(fmt::format("{}: {}", file.string(), why));
            auto params = std::make_shared<const ParamSet>(load_preset(file));
            state.commands.post(LoadPreset{std::move(params), file.string()});
            ImGui::CloseCurrentPopup();
        } catch (const std::exception& e) {
            open_error_ = e.what(); // the file, line and key, as for --preset
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

std::string Shell::layout_report() const {
    using json = nlohmann::ordered_json;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    json panels = json::array();
    for (const auto& panel : panels_) {
        const ImGuiWindow* w = ImGui::FindWindowByName(panel->title());
        if (!w || !w->Active) continue;
        panels.push_back({{"title", panel->title()},
                          {"x", w->Pos.x},
                          {"y", w->Pos.y},
                          {"width", w->Size.x},
                          {"height", w->Size.y},
                          {"inner_width", w->InnerRect.GetWidth()},
                          {"content_width", w->ContentSize.x},
                          {"content_height", w->ContentSize.y}});
    }
    return json{{"display", {display.x, display.y}}, {"font_size", ImGui::GetFontSize()}, {"panels", panels}}
        .dump(2);
}

namespace {

// The run's parameters as they are now (live changes included), from its snapshot.
std::optional<ParamSet> params_of(const Snapshot& snapshot) {
    if (!snapshot.family) return std::nullopt;
    ParamSet params(*snapshot.family);
    for (std::size_t i = 0; i < snapshot.params.size() && i < params.table().size(); ++i)
        if (params.set(params.table().row(i).key, snapshot.params[i])) return std::nullopt;
    return params;
}

} // namespace

std::vector<BundleFile> Shell::bundle_files(const FrameState& state) const {
    std::vector<BundleFile> files;
    if (std::optional<ParamSet> params = params_of(state.snapshot))
        files.push_back({"preset.toml", preset_text(*params)});
    files.push_back(
        {"changes.json", change_log_json(state.origin, state.history.log(), state.snapshot.tick)});
    return files;
}

bool Shell::save_preset(const Snapshot& snapshot, const std::filesystem::path& file) {
    if (!snapshot.family) return false;
    try {
        std::optional<ParamSet> params = params_of(snapshot);
        if (!params) throw ExportError(file, "the run's parameters do not fit its family's table");
        // The file's name is what the preset picker and --preset call it, so the preset carries it too.
        params->set("name", file.stem().string());
        write_file_atomic(file, preset_text(*params));
        notices_.post(fmt::format("Saved preset {}", file.string()), false);
        return true;
    } catch (const ExportError& e) {
        notices_.post(fmt::format("Could not save {}: {}", e.path().string(), e.reason()), true);
        return false;
    }
}

bool Shell::save_change_log(const FrameState& state, const std::filesystem::path& file) {
    try {
        write_file_atomic(file, change_log_json(state.origin, state.history.log(), state.snapshot.tick));
        notices_.post(fmt::format("Saved {}", file.string()), false);
        return true;
    } catch (const ExportError& e) {
        notices_.post(fmt::format("Could not save {}: {}", e.path().string(), e.reason()), true);
        return false;
    }
}

} // namespace phasor::ui
