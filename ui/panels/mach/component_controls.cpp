// Per-component controls (component_controls.hpp).
#include "ui/panels/mach/component_controls.hpp"

#include "ui/panels/mach/components_drawing.hpp"
#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <imgui.h>

namespace phasor::ui {

namespace {

constexpr std::array<std::string_view, 3> kStateNames{"run", "pause", "kill"};
constexpr std::array<const char*, 3> kStateLabels{"Run", "Pause", "Kill"};
constexpr std::array<const char*, 3> kStateHelp{
    "Run it (a killed component restarts with the weights it had)",
    "Pause it: it keeps everything, its queues fill and its parents train on synthetic inputs",
    "Kill it: its optimizer's state, its stashed batches and every message sent to it are lost",
};
constexpr std::size_t kCapDigits = 8;
constexpr const char* kOneMustRun = "At least one component must run: this is the only one running.";

std::string_view state_text(ComponentState state) {
    return kStateNames[static_cast<std::size_t>(state)];
}

ComponentState parse_state(std::string_view name) {
    if (name == "pause") return ComponentState::Pause;
    if (name == "kill") return ComponentState::Kill;
    return ComponentState::Run;
}

void hover_tip(const char* text) {
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", text);
}

const MachView* components_of(const Snapshot& snapshot) {
    const auto* view = snapshot.payload_as<MachView>();
    return view && !view->nodes.empty() ? view : nullptr;
}

// The row's label above its lines, with the generic widget's hover text.
void heading(const ParamSpec& row) {
    const std::string label = param_label(row);
    ImGui::TextUnformatted(label.c_str(), label.c_str() + label.find("###"));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", param_tooltip(row).c_str());
}

// Where a line's controls start after the component's name: in a column when the name and `controls` fit
// side by side, else under the name.
float name_column(const MachView& view, float controls) {
    float widest = 0.f;
    for (const MachNodeView& node : view.nodes)
        widest = std::max(widest, ImGui::CalcTextSize(node.name.c_str()).x);
    const float column = widest + ImGui::GetStyle().ItemSpacing.x * 2.f;
    return column + controls <= ImGui::GetContentRegionAvail().x ? column : 0.f;
}

void component_name(const MachNodeView& node, float x0, float column) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(node.name.c_str());
    if (column > 0.f) ImGui::SameLine(x0 + column);
}

// Only digits reach the cap fields: a cap is a whole number of steps a second.
int digits_only(ImGuiInputTextCallbackData* data) {
    return data->EventChar < '0' || data->EventChar > '9';
}

} // namespace

std::vector<std::string> component_states(const Snapshot& snapshot, const MachView& view) {
    const ParamValue* value = snapshot.param(kStateKey);
    if (const auto* list = value ? std::get_if<std::vector<std::string>>(value) : nullptr;
        list && list->size() == view.nodes.size())
        return *list;
    std::vector<std::string> states;
    const bool automatic = !value || std::holds_alternative<std::monostate>(*value);
    for (const MachNodeView& node : view.nodes)
        states.emplace_back(state_text(automatic ? ComponentState::Run : node.state));
    return states;
}

std::vector<std::int64_t> component_caps(const Snapshot& snapshot, const MachView& view) {
    const ParamValue* value = snapshot.param(kSpeedKey);
    if (const auto* list = value ? std::get_if<std::vector<std::int64_t>>(value) : nullptr;
        list && list->size() == view.nodes.size())
        return *list;
    std::vector<std::int64_t> caps;
    const bool automatic = !value || std::holds_alternative<std::monostate>(*value);
    for (const MachNodeView& node : view.nodes)
        caps.push_back(automatic ? 0 : std::llround(static_cast<double>(node.speed_cap)));
    return caps;
}

void set_component_state(PanelContext& context, const MachView& view, std::size_t node,
                         ComponentState state) {
    std::vector<std::string> states = component_states(context.snapshot, view);
    if (node >= states.size() || states[node] == state_text(state)) return;
    states[node] = std::string(state_text(state));
    context.commands.post(SetParam{std::string(kStateKey), std::move(states)});
}

void set_component_cap(PanelContext& context, const MachView& view, std::size_t node, std::int64_t cap) {
    std::vector<std::int64_t> caps = component_caps(context.snapshot, view);
    if (node >= caps.size() || caps[node] == cap) return;
    caps[node] = cap;
    context.commands.post(SetParam{std::string(kSpeedKey), std::move(caps)});
}

bool last_running(const Snapshot& snapshot, const MachView& view, std::size_t node) {
    const std::vector<std::string> states = component_states(snapshot, view);
    for (std::size_t i = 0; i < states.size(); ++i)
        if ((states[i] == "run") != (i == node)) return false;
    return node < states.size();
}

std::int64_t tenth_speed(const Snapshot& snapshot, const MachView& view, std::size_t node) {
    if (node >= view.nodes.size()) return 0;
    const double rate = view.nodes[node].steps_per_second;
    const double base =
        std::isfinite(rate) && rate > 0.0 ? rate : static_cast<double>(component_caps(snapshot, view)[node]);
    if (base <= 0.0) return 0;
    return std::clamp<std::int64_t>(std::llround(base / 10.0), 1, 100000);
}

bool draw_component_states(const ParamSpec& row, PanelContext& context, ParamFields& fields) {
    const MachView* view = components_of(context.snapshot);
    if (!view || !context.snapshot.param(row.key) || !param_relevant(row, context.snapshot)) return false;
    const std::vector<std::string> states = component_states(context.snapshot, *view);
    heading(row);
    const ImGuiStyle& style = ImGui::GetStyle();
    float controls = 0.f;
    for (const char* label : kStateLabels)
        controls += ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x +
                    style.ItemSpacing.x;
    const float x0 = ImGui::GetCursorPosX(), column = name_column(*view, controls);
    for (std::size_t i = 0; i < view->nodes.size(); ++i) {
        component_name(view->nodes[i], x0, column);
        const ComponentState now = parse_state(states[i]);
        const bool last = last_running(context.snapshot, *view, i);
        for (std::size_t s = 0; s < kStateLabels.size(); ++s) {
            const auto state = static_cast<ComponentState>(s);
            if (s > 0) ImGui::SameLine();
            // Stopping the only running component would be refused: never one click away.
            ImGui::BeginDisabled(last && state != ComponentState::Run);
            char label[64];
            std::snprintf(label, sizeof label, "%s##%.*s.%zu", kStateLabels[s],
                          static_cast<int>(row.key.size()), row.key.data(), i);
            if (ImGui::RadioButton(label, now == state)) set_component_state(context, *view, i, state);
            ImGui::EndDisabled();
            hover_tip(last && state != ComponentState::Run ? kOneMustRun : kStateHelp[s]);
        }
    }
    fields.draw_refusal(row, context);
    return true;
}

bool draw_component_speeds(const ParamSpec& row, PanelContext& context, ParamFields& fields) {
    const MachView* view = components_of(context.snapshot);
    if (!view || !context.snapshot.param(row.key) || !param_relevant(row, context.snapshot)) return false;
    const std::vector<std::int64_t> caps = component_caps(context.snapshot, *view);
    heading(row);
    const float field = ImGui::CalcTextSize("00000000").x + 2.f * ImGui::GetStyle().FramePadding.x;
    const float x0 = ImGui::GetCursorPosX(),
                column = name_column(*view, field + ImGui::CalcTextSize(" 12.3 k/s now").x);
    for (std::size_t i = 0; i < view->nodes.size(); ++i) {
        component_name(view->nodes[i], x0, column);
        // No cap is an empty field showing "no cap". The field takes 8 digits, more than the range allows, so
        // a cap too large still reaches the engine, which says why it refuses it.
        std::array<char, 24> text{};
        if (caps[i] > 0) std::snprintf(text.data(), text.size(), "%lld", static_cast<long long>(caps[i]));
        char label[64];
        std::snprintf(label, sizeof label, "##%.*s.%zu", static_cast<int>(row.key.size()), row.key.data(), i);
        ImGui::SetNextItemWidth(field);
        // While the field is active ImGui edits its own copy and writes it back into `text` on every frame,
        // the one that ends the edit included, so a buffer made afresh each frame still holds what was typed.
        ImGui::InputTextWithHint(label, "no cap", text.data(), kCapDigits + 1,
                                 ImGuiInputTextFlags_CallbackCharFilter | ImGuiInputTextFlags_AutoSelectAll,
                                 digits_only);
        hover_tip("The most steps this component takes a second. Empty or 0: no cap.");
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            std::int64_t cap = 0;
            const char* end = text.data() + std::strlen(text.data());
            std::from_chars(text.data(), end, cap);
            set_component_cap(context, *view, i, cap);
        }
        ImGui::SameLine();
        char rate[16];
        ImGui::TextDisabled("%s/s now", compact_number(view->nodes[i].steps_per_second, rate));
        hover_tip("The steps it took a second, over about the last second");
    }
    fields.draw_refusal(row, context);
    return true;
}

void component_menu(PanelContext& context, const MachView& view, std::size_t node) {
    if (node >= view.nodes.size()) return;
    const ComponentState now = parse_state(component_states(context.snapshot, view)[node]);
    const std::int64_t cap = component_caps(context.snapshot, view)[node];
    const bool last = last_running(context.snapshot, view, node);
    ImGui::TextDisabled("%s, %s", view.nodes[node].name.c_str(), state_word(now));
    ImGui::Separator();
    if (ImGui::MenuItem(now == ComponentState::Kill ? "Restart" : "Run", nullptr, false,
                        now != ComponentState::Run))
        set_component_state(context, view, node, ComponentState::Run);
    hover_tip(kStateHelp[0]);
    if (ImGui::MenuItem("Pause", nullptr, false, now != ComponentState::Pause && !last))
        set_component_state(context, view, node, ComponentState::Pause);
    hover_tip(last ? kOneMustRun : kStateHelp[1]);
    if (ImGui::MenuItem("Kill", nullptr, false, now != ComponentState::Kill && !last))
        set_component_state(context, view, node, ComponentState::Kill);
    hover_tip(last ? kOneMustRun : kStateHelp[2]);
    ImGui::Separator();
    const std::int64_t tenth = tenth_speed(context.snapshot, view, node);
    char shortcut[32] = "";
    if (tenth > 0) std::snprintf(shortcut, sizeof shortcut, "%lld steps/s", static_cast<long long>(tenth));
    if (ImGui::MenuItem("Slow to 1/10 of its speed", shortcut, false, tenth > 0))
        set_component_cap(context, view, node, tenth);
    hover_tip("Caps its steps a second at a tenth of what it runs at now");
    if (ImGui::MenuItem("Remove speed cap", nullptr, false, cap > 0))
        set_component_cap(context, view, node, 0);
}

} // namespace phasor::ui
