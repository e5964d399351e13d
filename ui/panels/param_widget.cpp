// ParamFields (param_widget.hpp).
#include "ui/panels/param_widget.hpp"

#include "engine/core/error.hpp"
#include "engine/params/param_toml.hpp"
#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <imgui.h>

namespace phasor::ui {

namespace {

const std::string kNoReason;

void post(PanelContext& context, const ParamSpec& row, ParamValue value) {
    context.commands.post(SetParam{std::string(row.key), std::move(value)});
}

float fitted(float width, const ParamSpec& row) {
    if (width > 0.f) return width;
    const float avail = ImGui::GetContentRegionAvail().x;
    if (row.type == ParamType::Choice) {
        // Wide enough for its longest choice ("cross_entropy"), so a combo never shows a clipped word; its
        // label goes above it when both do not fit.
        float widest = ImGui::CalcTextSize("auto").x;
        for (std::string_view choice : row.choices)
            widest = std::max(widest, ImGui::CalcTextSize(choice.data(), choice.data() + choice.size()).x);
        const float needed = widest + ImGui::GetFrameHeight() + 2.f * ImGui::GetStyle().FramePadding.x;
        return std::min(std::max(needed, ImGui::GetFontSize() * 7.f), avail);
    }
    // A list may take the whole line (its label then goes above it): cut short it would hide its end.
    if (row.type == ParamType::IntegerList || row.type == ParamType::ChoiceList)
        return std::min(ImGui::GetFontSize() * 12.f, avail);
    return std::min(ImGui::GetFontSize() * 7.f, avail * 0.5f);
}

} // namespace

std::string param_label(const ParamSpec& row) {
    // "###": the ID is the key alone, so the control stays the same widget when its label moves above it.
    if (row.unit.empty()) return fmt::format("{}###{}", row.label, row.key);
    return fmt::format("{} ({})###{}", row.label, row.unit, row.key);
}

std::string param_tooltip(const ParamSpec& row) {
    std::string text(row.help);
    if (!row.choices.empty())
        text += fmt::format("\nOne of: {}", fmt::join(row.choices, ", "));
    else if (const std::string range = row.range.describe(); !range.empty())
        text += fmt::format("\nMust be {}", range);
    if (!row.automatic.empty()) text += fmt::format("\nauto: {}", row.automatic);
    text += row.apply == ParamApply::Rebuild ? "\nChanging it starts a new run from tick 0."
                                             : "\nApplies on the next tick.";
    text += fmt::format("\n{}", row.key);
    return text;
}

bool param_relevant(const ParamSpec& row, const Snapshot& snapshot) {
    if (row.when_key.empty()) return true;
    const ParamValue* value = snapshot.param(row.when_key);
    if (!value) return true;
    const std::string shown = to_display(*value);
    return std::find(row.when_values.begin(), row.when_values.end(), shown) != row.when_values.end();
}

bool param_shown(const ParamSpec& row, const Snapshot& snapshot) {
    return !row.otherwise.empty() || param_relevant(row, snapshot);
}

bool ParamFields::draw(const ParamSpec& row, PanelContext& context, float width, std::string_view automatic) {
    const ParamValue* current = context.snapshot.param(row.key);
    if (!current) return false;
    if (!param_relevant(row, context.snapshot)) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        const std::string label = param_label(row);
        ImGui::TextWrapped("%.*s: does not apply; %.*s", static_cast<int>(label.find("###")), label.c_str(),
                           static_cast<int>(row.otherwise.size()), row.otherwise.data());
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", param_tooltip(row).c_str());
        shown_.push_back(row.key);
        return false;
    }
    std::string label = param_label(row);
    bool posted = false;
    // A label that does not fit beside its field goes above it, so nothing is cut off in a narrow panel or at
    // a projector's scale. (A checkbox keeps its label: it needs no room for a field.)
    const float field = fitted(width, row);
    const float label_width = ImGui::CalcTextSize(label.c_str(), nullptr, true).x;
    if (row.type != ParamType::Flag &&
        field + ImGui::GetStyle().ItemInnerSpacing.x + label_width > ImGui::GetContentRegionAvail().x) {
        ImGui::TextWrapped("%.*s", static_cast<int>(label.find("###")), label.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", param_tooltip(row).c_str());
        label.erase(0, label.find("###"));
    }
    ImGui::SetNextItemWidth(field);
    switch (row.type) {
    case ParamType::Flag: {
        bool on = std::holds_alternative<bool>(*current) && std::get<bool>(*current);
        // A label longer than the panel is wide wraps beside the box rather than running past the edge.
        const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
        const bool wraps = box + label_width > ImGui::GetContentRegionAvail().x;
        if (ImGui::Checkbox(wraps ? label.c_str() + label.find("###") : label.c_str(), &on)) {
            post(context, row, on);
            posted = true;
        }
        if (wraps) {
            const bool hovered = ImGui::IsItemHovered();
            ImGui::SameLine(0.f, ImGui::GetStyle().ItemInnerSpacing.x);
            ImGui::TextWrapped("%.*s", static_cast<int>(label.find("###")), label.c_str());
            if (hovered || ImGui::IsItemHovered()) ImGui::SetTooltip("%s", param_tooltip(row).c_str());
            shown_.push_back(row.key);
            return posted;
        }
        break;
    }
    case ParamType::Choice: {
        const std::string shown = to_display(*current);
        if (ImGui::BeginCombo(label.c_str(), shown.c_str())) {
            if (!row.automatic.empty() && ImGui::Selectable("auto", shown == "auto") && shown != "auto") {
                post(context, row, std::monostate{});
                posted = true;
            }
            for (std::string_view choice : row.choices) {
                const std::string name(choice);
                if (ImGui::Selectable(name.c_str(), shown == name) && shown != name) {
                    post(context, row, name);
                    posted = true;
                }
            }
            ImGui::EndCombo();
        }
        break;
    }
    default:
        posted = draw_text(row, context, label.c_str(), automatic);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", param_tooltip(row).c_str());
    draw_refusal(row, context);
    return posted;
}

void ParamFields::draw_refusal(const ParamSpec& row, const PanelContext& context) {
    shown_.push_back(row.key);
    // Why the value is not what was typed: the text was not a value of the row's type, or the engine refused
    // it (until a change is accepted).
    const auto it = fields_.find(row.key);
    const std::string& why = it != fields_.end() && !it->second.error.empty() ? it->second.error
                             : context.snapshot.message_key == row.key        ? context.snapshot.message
                                                                              : kNoReason;
    if (!why.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
        ImGui::TextWrapped("%s", why.c_str());
        ImGui::PopStyleColor();
    }
}

bool ParamFields::draw_text(const ParamSpec& row, PanelContext& context, const char* label,
                            std::string_view automatic) {
    Field& field = fields_[std::string(row.key)];
    if (!field.editing) {
        const ParamValue& current = *context.snapshot.param(row.key);
        const std::string shown =
            std::holds_alternative<std::monostate>(current) ? std::string() : to_display(current);
        const std::size_t n = std::min(shown.size(), field.text.size() - 1);
        std::memcpy(field.text.data(), shown.data(), n);
        field.text[n] = '\0';
    }
    const std::string hint = row.automatic.empty() ? std::string()
                             : automatic.empty()   ? "auto"
                                                   : std::string(automatic);
    // Clicking selects the whole value, so typing replaces it, as numeric fields do.
    ImGui::InputTextWithHint(label, hint.c_str(), field.text.data(), field.text.size(),
                             ImGuiInputTextFlags_AutoSelectAll);
    field.editing = ImGui::IsItemActive();
    if (!ImGui::IsItemDeactivatedAfterEdit()) return false;
    const std::string_view typed(field.text.data());
    try {
        ParamValue value = typed.find_first_not_of(" \t") == std::string_view::npos && !row.automatic.empty()
                               ? ParamValue{std::monostate{}}
                               : convert_value(row, typed);
        field.error.clear();
        post(context, row, std::move(value));
        return true;
    } catch (const InputError& e) {
        field.error = fmt::format("{}: {}", row.label, e.what());
        return false;
    }
}

} // namespace phasor::ui
