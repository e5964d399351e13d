// Controls panel (controls_panel.hpp). Every control posts one command per user edit and otherwise shows the
// snapshot's value, so a value the engine refused snaps back and its message explains why.
#include "ui/panels/controls_panel.hpp"

#include "engine/runtime/family.hpp"
#include "ui/panels/family_ui.hpp"
#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <memory>

namespace phasor::ui {

namespace {

// A field `ems` font sizes wide, but never more than `share` of the panel's width, so its label and the
// buttons beside it stay visible in a narrow panel or at a large UI scale.
float fitted_width(float ems, float share = 0.6f) {
    return std::min(ImGui::GetFontSize() * ems, ImGui::GetContentRegionAvail().x * share);
}

void hover_tip(const char* text) {
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", text);
}

std::string text_param(const Snapshot& snapshot, std::string_view key) {
    const ParamValue* v = snapshot.param(key);
    return v && std::holds_alternative<std::string>(*v) ? std::get<std::string>(*v) : std::string();
}

} // namespace

void ControlsPanel::draw(PanelContext& context) {
    draw_preset(context);
    draw_run(context);
    draw_params(context);
    // A refusal about a parameter stands next to its control; anything else (a divergence, a refused run
    // control, a refusal about a row not shown) here.
    const Snapshot& snap = context.snapshot;
    if (!snap.message.empty() && !fields_.showed(snap.message_key)) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, kWarningColor);
        ImGui::TextWrapped("%s", snap.message.c_str());
        ImGui::PopStyleColor();
    }
}

void ControlsPanel::list(PanelContext& context) {
    try {
        presets_ = list_presets(context.preset_dirs);
    } catch (const std::exception& error) {
        presets_.clear();
        preset_error_ = error.what();
    }
    presets_listed_ = true;
}

void ControlsPanel::load(PanelContext& context, const PresetInfo& info) {
    try {
        auto params = std::make_shared<const ParamSet>(load_preset(info.file));
        context.commands.post(LoadPreset{std::move(params), info.name});
        preset_error_.clear();
    } catch (const std::exception& error) {
        preset_error_ = error.what();
    }
}

void ControlsPanel::draw_preset(PanelContext& context) {
    const std::string current =
        context.preset.empty() ? text_param(context.snapshot, "name") : context.preset;
    // The label goes above the list when both do not fit on one line.
    const float label = ImGui::CalcTextSize("Preset").x + ImGui::GetStyle().ItemInnerSpacing.x;
    const bool stacked = fitted_width(12.f) + label > ImGui::GetContentRegionAvail().x;
    if (stacked) ImGui::TextWrapped("Preset");
    ImGui::SetNextItemWidth(stacked ? ImGui::GetContentRegionAvail().x * 0.9f : fitted_width(12.f));
    // As tall as the window allows, and grouped by family under its title, so every preset is in view.
    if (ImGui::BeginCombo(stacked ? "###Preset" : "Preset###Preset", current.c_str(),
                          ImGuiComboFlags_HeightLargest)) {
        if (ImGui::IsWindowAppearing() || !presets_listed_) list(context); // read the folders when it opens
        for (const Family* family : families()) {
            bool heading = false;
            for (const PresetInfo& info : presets_) {
                if (info.family != family->name) continue;
                if (!heading) {
                    ImGui::TextDisabled("%.*s", static_cast<int>(family->title.size()), family->title.data());
                    heading = true;
                }
                ImGui::Indent();
                if (ImGui::Selectable(info.name.c_str(), info.name == current)) load(context, info);
                if (ImGui::IsItemHovered() && !info.description.empty())
                    ImGui::SetTooltip("%s", info.description.c_str());
                ImGui::Unindent();
            }
        }
        // A preset naming a family this build does not have is still listed, so its error can be read.
        for (const PresetInfo& info : presets_) {
            if (find_family(info.family)) continue;
            if (ImGui::Selectable(info.name.c_str(), info.name == current)) load(context, info);
            if (ImGui::IsItemHovered() && !info.description.empty())
                ImGui::SetTooltip("%s", info.description.c_str());
        }
        ImGui::EndCombo();
    }
    // Back to the file's settings (Reset keeps those changed since).
    same_line_if_fits(small_buttons_width({"Reload"}));
    if (ImGui::SmallButton("Reload")) {
        list(context);
        const auto it = std::find_if(presets_.begin(), presets_.end(),
                                     [&](const PresetInfo& p) { return p.name == current; });
        if (it != presets_.end())
            load(context, *it);
        else
            preset_error_ = "there is no preset file named " + current + " to reload";
    }
    hover_tip("Load the preset again from its file: its settings, not the ones changed since.");
    // On the stage the room goes to the live controls; the preset list's tooltips still describe each one.
    const std::string description =
        context.presenter ? std::string() : text_param(context.snapshot, "description");
    if (!description.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", description.c_str());
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
    const float third = std::floor(row / 3.f) - 1.f;
    // Three to a row while their words fit; one above the other, as wide as the panel, when they do not.
    const float needed = ImGui::CalcTextSize("Pause").x + 2.f * ImGui::GetStyle().FramePadding.x;
    const bool stacked = third < needed;
    const float width = stacked ? ImGui::GetContentRegionAvail().x : third;
    const ImVec2 button = context.presenter ? ImVec2(std::min(width, font * 8.f), font * 1.9f)
                                            : ImVec2(std::min(font * 5.f, width), 0.f);
    auto next = [&] {
        if (!stacked) ImGui::SameLine();
    };
    section_heading("Run");
    const bool running = snap.state == RunState::Running;
    // "###run" keeps one ID for both verbs, so the button stays the same widget when it flips.
    if (ImGui::Button(running ? "Pause###run" : "Play###run", button))
        context.commands.post(running ? Command{Pause{}} : Command{Resume{}});
    next();
    if (ImGui::Button("Step", button)) context.commands.post(SingleStep{1});
    hover_tip("Advance one tick, then stay paused: the signal moves one layer.");
    next();
    if (ImGui::Button("Reset", button)) context.commands.post(Reset{});
    hover_tip("Start the run again from tick 0 with the parameters as they are now (live changes kept).");

    // One obvious switch between the pace a class can follow and full speed, and the pace itself.
    const bool full_speed = snap.speed == 0.0;
    if (!full_speed) speed_ = static_cast<float>(snap.speed);
    const float wide = stacked ? button.x : 3.f * button.x + 2.f * ImGui::GetStyle().ItemSpacing.x;
    if (full_speed) {
        if (ImGui::Button("Slow down###speed", ImVec2(wide, button.y)))
            context.commands.post(SetSpeed{static_cast<double>(speed_)});
        hover_tip("Back to a pace a class can follow; set it below.");
    } else {
        if (ImGui::Button("Full speed###speed", ImVec2(wide, button.y))) context.commands.post(SetSpeed{0.0});
        hover_tip("As fast as the machine goes: millions of ticks a second.");
        ImGui::SetNextItemWidth(fitted_width(10.f, 0.6f));
        ImGui::SliderFloat("Ticks/s", &speed_, 1.f, 1e6f, "%.0f", ImGuiSliderFlags_Logarithmic);
        if (ImGui::IsItemDeactivatedAfterEdit()) context.commands.post(SetSpeed{static_cast<double>(speed_)});
        hover_tip("A few ticks a second shows a signal crossing the network layer by layer.");
    }
}

void ControlsPanel::draw_params(PanelContext& context) {
    fields_.begin_frame();
    const Family* family = context.snapshot.family;
    if (!family) return;
    const FamilyUi* family_ui = find_family_ui(family->name);
    const ParamTable& table = family->params;
    auto draw_row = [&](const ParamSpec& row) {
        if (!family_ui || !family_ui->draw_param(row, context, fields_)) fields_.draw(row, context);
    };
    auto shown = [&](const ParamSpec& row, std::string_view group) {
        return row.group == group && param_shown(row, context.snapshot);
    };
    for (const ControlGroup& group : family->groups) {
        if (context.presenter && group.advanced) continue;
        if (std::none_of(table.rows().begin(), table.rows().end(),
                         [&](const auto& r) { return shown(r, group.name); }))
            continue;
        const std::string name(group.name);
        if (group.folded) {
            if (!ImGui::CollapsingHeader(name.c_str())) continue;
        } else {
            section_heading(name.c_str());
        }
        for (const ParamSpec& row : table.rows())
            if (shown(row, group.name)) draw_row(row);
    }
}

} // namespace phasor::ui
