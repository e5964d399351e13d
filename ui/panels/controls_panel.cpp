// Controls panel (controls_panel.hpp). Every control posts one command per user edit and otherwise shows the
// snapshot's value, so a value the engine rejected snaps back and its message explains why.
#include "ui/panels/controls_panel.hpp"

#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <memory>

namespace phasor::ui {

namespace {

constexpr std::array kModes{BackwardMode::Snapshot, BackwardMode::Aligned, BackwardMode::Pipelined};
constexpr std::array kScheduleKinds{ScheduleKind::Constant, ScheduleKind::Exponential, ScheduleKind::Step};

// A field `ems` font sizes wide, but never more than `share` of the panel's width, so its label and the
// buttons beside it stay visible in a narrow panel or at a large UI scale.
float fitted_width(float ems, float share = 0.6f) {
    return std::min(ImGui::GetFontSize() * ems, ImGui::GetContentRegionAvail().x * share);
}

const char* mode_explanation(BackwardMode mode) {
    switch (mode) {
    case BackwardMode::Snapshot:
        return "Backprop through the current buffers: layers may hold different samples.";
    case BackwardMode::Aligned:
        return "Exact backprop for the scored sample, from each layer's stored history.";
    case BackwardMode::Pipelined:
        return "The error travels down one layer per tick; each stage updates locally.";
    }
    return "";
}

bool same_schedule(const ScheduleSpec& a, const ScheduleSpec& b) {
    return a.kind == b.kind && a.lr == b.lr && a.decay == b.decay && a.floor == b.floor &&
           a.step_every == b.step_every && a.gamma == b.gamma;
}

// Returns true once per committed edit (Enter or leaving the field), never while typing.
template <class T>
bool committed_input(const char* label, ControlsPanel::Field<T>& field, T shown, ImGuiDataType type,
                     const char* format) {
    if (!field.editing) field.value = shown;
    ImGui::InputScalar(label, type, &field.value, nullptr, nullptr, format);
    field.editing = ImGui::IsItemActive();
    return ImGui::IsItemDeactivatedAfterEdit();
}

void hover_tip(const char* text) {
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

} // namespace

void ControlsPanel::draw(PanelContext& context) {
    if (!schedule_known_ || !same_schedule(config_schedule_, context.config.schedule)) {
        config_schedule_ = schedule_ = context.config.schedule;
        schedule_known_ = true;
    }
    if (config_seed_ != context.config.seed) config_seed_ = seed_ = context.config.seed;

    draw_preset(context);
    draw_run(context);
    draw_training(context);
    if (!context.presenter) {
        draw_schedule(context);
        draw_advanced(context);
    }
    if (!context.engine_message.empty()) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, kWarningColor);
        ImGui::TextWrapped("%s", context.engine_message.c_str());
        ImGui::PopStyleColor();
    }
}

void ControlsPanel::draw_preset(PanelContext& context) {
    const float width = fitted_width(12.f);
    const std::string& current = context.preset.empty() ? context.config.name : context.preset;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("Preset", current.c_str())) {
        if (ImGui::IsWindowAppearing() || !presets_listed_) { // read the folders when the list opens
            try {
                presets_ = list_presets(context.preset_dirs);
            } catch (const std::exception& error) {
                presets_.clear();
                preset_error_ = error.what();
            }
            presets_listed_ = true;
        }
        for (const PresetInfo& info : presets_) {
            if (ImGui::Selectable(info.name.c_str(), info.name == current)) {
                try {
                    auto config = std::make_shared<const StepNetConfig>(load_preset(info.file));
                    context.commands.post(Rebuild{std::move(config)});
                    preset_error_.clear();
                } catch (const std::exception& error) {
                    preset_error_ = error.what();
                }
            }
            if (ImGui::IsItemHovered() && !info.description.empty())
                ImGui::SetTooltip("%s", info.description.c_str());
        }
        ImGui::EndCombo();
    }
    if (!context.config.description.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", context.config.description.c_str());
        ImGui::PopStyleColor();
    }
    if (!preset_error_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::TextWrapped("%s", preset_error_.c_str());
        ImGui::PopStyleColor();
    }
}

void ControlsPanel::draw_run(PanelContext& context) {
    const Snapshot& snap = context.snapshot;
    const float font = ImGui::GetFontSize();
    // Three buttons share a row; in presenter mode they grow to fill it, up to a size read from the back row.
    const float row = ImGui::GetContentRegionAvail().x - 2.f * ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 button = context.presenter
                              ? ImVec2(std::clamp(row / 3.f, font * 4.f, font * 8.f), font * 2.4f)
                              : ImVec2(font * 5.f, 0.f);
    section_heading("Run");
    const bool running = snap.state == RunState::Running;
    // "###run" keeps one ID for both verbs, so the button stays the same widget when it flips.
    if (ImGui::Button(running ? "Pause###run" : "Play###run", button))
        context.commands.post(running ? Command{Pause{}} : Command{Resume{}});
    ImGui::SameLine();
    if (ImGui::Button("Step", button)) context.commands.post(SingleStep{1});
    hover_tip("Advance one tick, then stay paused: the signal moves one layer.");
    ImGui::SameLine();
    if (ImGui::Button("Reset", button)) context.commands.post(Reset{});
    hover_tip("Start the run again from its config and seed.");

    if (ImGui::Checkbox("Max speed", &max_speed_))
        context.commands.post(SetSpeed{max_speed_ ? 0.0 : static_cast<double>(speed_)});
    if (!max_speed_) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(font * 10.f);
        ImGui::SliderFloat("Ticks/s", &speed_, 1.f, 1e6f, "%.0f", ImGuiSliderFlags_Logarithmic);
        if (ImGui::IsItemDeactivatedAfterEdit()) context.commands.post(SetSpeed{static_cast<double>(speed_)});
        hover_tip("Slow it down to a few ticks per second to watch a signal cross the network.");
    }
}

void ControlsPanel::draw_training(PanelContext& context) {
    const Snapshot& snap = context.snapshot;
    section_heading("Training");

    ImGui::SetNextItemWidth(fitted_width(6.f, 0.4f));
    if (committed_input("Learning rate", lr_, snap.lr, ImGuiDataType_Float, "%.6g"))
        context.commands.post(SetLearningRate{lr_.value});
    ImGui::SameLine();
    if (ImGui::SmallButton("x0.5")) context.commands.post(SetLearningRate{snap.lr * 0.5f});
    ImGui::SameLine();
    if (ImGui::SmallButton("x2")) context.commands.post(SetLearningRate{snap.lr * 2.f});

    ImGui::SetNextItemWidth(fitted_width(6.f, 0.4f));
    if (committed_input("Delay depth", delay_depth_, snap.delay_depth, ImGuiDataType_S32, "%d"))
        context.commands.post(SetDelayDepth{delay_depth_.value});
    hover_tip("Ticks a target waits in the queue before it is scored (0 to 1024).");
    ImGui::SameLine();
    if (ImGui::SmallButton("-##depth")) context.commands.post(SetDelayDepth{snap.delay_depth - 1});
    ImGui::SameLine();
    if (ImGui::SmallButton("+##depth")) context.commands.post(SetDelayDepth{snap.delay_depth + 1});
    ImGui::SameLine();
    if (ImGui::SmallButton("Align")) context.commands.post(SetDelayDepth{snap.pipeline_lag});
    hover_tip(
        "Set the delay depth to the pipeline lag, the only depth that scores each output against its own "
        "input's target.");
    ImGui::TextColored(snap.aligned ? kGoodColor : kWarningColor, "%s (pipeline lag %d)",
                       snap.aligned ? "aligned" : "not aligned", snap.pipeline_lag);

    bool attention = snap.attention;
    if (ImGui::Checkbox("Gradient attention", &attention)) context.commands.post(SetAttention{attention});
    hover_tip("Re-weight each gradient by a softmax over its magnitudes before the update.");
}

void ControlsPanel::draw_schedule(PanelContext& context) {
    const float width = fitted_width(8.f);
    section_heading("Learning-rate schedule");
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("Schedule", std::string(to_string(schedule_.kind)).c_str())) {
        for (ScheduleKind kind : kScheduleKinds) {
            if (ImGui::Selectable(std::string(to_string(kind)).c_str(), kind == schedule_.kind)) {
                changed = kind != schedule_.kind;
                schedule_.kind = kind;
            }
        }
        ImGui::EndCombo();
    }
    auto edited = [] { return ImGui::IsItemDeactivatedAfterEdit(); };
    if (schedule_.kind == ScheduleKind::Exponential) {
        ImGui::SetNextItemWidth(width);
        ImGui::InputFloat("Decay per update", &schedule_.decay, 0.f, 0.f, "%.6g");
        changed |= edited();
    }
    if (schedule_.kind == ScheduleKind::Step) {
        ImGui::SetNextItemWidth(width);
        ImGui::InputInt("Every (updates)", &schedule_.step_every, 0, 0);
        changed |= edited();
        ImGui::SetNextItemWidth(width);
        ImGui::InputFloat("Gamma", &schedule_.gamma, 0.f, 0.f, "%.4g");
        changed |= edited();
    }
    if (schedule_.kind != ScheduleKind::Constant) {
        ImGui::SetNextItemWidth(width);
        ImGui::InputFloat("Floor", &schedule_.floor, 0.f, 0.f, "%.6g");
        changed |= edited();
    }
    if (changed) {
        ScheduleSpec spec = schedule_;
        spec.lr = context.snapshot.lr; // the current rate carries on
        context.commands.post(SetSchedule{spec});
    }
}

void ControlsPanel::draw_advanced(PanelContext& context) {
    const Snapshot& snap = context.snapshot;
    const float width = fitted_width(8.f);
    section_heading("Advanced");

    ImGui::SetNextItemWidth(width);
    if (committed_input("Temperature", temperature_, snap.temperature, ImGuiDataType_Float, "%.4g"))
        context.commands.post(SetTemperature{temperature_.value});
    hover_tip("Attention softmax temperature: low sharpens the re-weighting, high makes it uniform.");

    const auto mode = parse_backward_mode(snap.mode);
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo("Backward mode", snap.mode.empty() ? "-" : snap.mode.c_str())) {
        for (BackwardMode m : kModes) {
            const std::string name(to_string(m));
            if (ImGui::Selectable(name.c_str(), mode == m) && mode != m)
                context.commands.post(SetBackwardMode{m});
            hover_tip(mode_explanation(m));
        }
        ImGui::EndCombo();
    }
    if (mode) hover_tip(mode_explanation(*mode));

    ImGui::SetNextItemWidth(width);
    ImGui::InputScalar("Seed", ImGuiDataType_U64, &seed_);
    ImGui::SameLine();
    if (ImGui::Button("Reset with seed")) context.commands.post(Reset{seed_});
}

} // namespace phasor::ui
