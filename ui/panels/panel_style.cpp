// Shared panel look: see panel_style.hpp.
#include "ui/panels/panel_style.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace phasor::ui {

void section_heading(const char* text) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%s", text); // a long heading at a projector's scale wraps, never runs past the edge
    ImGui::PopStyleColor();
    ImGui::Separator();
}

void same_line_if_fits(float width) {
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

float small_buttons_width(std::initializer_list<const char*> labels) {
    const ImGuiStyle& style = ImGui::GetStyle();
    float width = 0.f;
    for (const char* label : labels)
        width +=
            ImGui::CalcTextSize(label, nullptr, true).x + 2.f * style.FramePadding.x + style.ItemSpacing.x;
    return width;
}

ActivationScale activation_scale(std::string_view activation, std::span<const float> values) {
    float largest = 0.f;
    for (float v : values)
        if (std::isfinite(v)) largest = std::max(largest, std::abs(v));
    if (largest <= 0.f) largest = 1.f;
    if (activation == "sigmoid" || activation == "softmax") return {plot::Colormap::Viridis, 0.f, 1.f};
    if (activation == "relu") return {plot::Colormap::Viridis, 0.f, largest};
    if (activation == "tanh") return {plot::Colormap::Diverging, -1.f, 1.f};
    return {plot::Colormap::Diverging, -largest, largest};
}

const char* state_name(RunState state) {
    switch (state) {
    case RunState::Running:
        return "Running";
    case RunState::Paused:
        return "Paused";
    case RunState::Diverged:
        return "Diverged";
    case RunState::Failed:
        return "Failed";
    }
    return "?";
}

void wrapped_text(std::string_view text) {
    const float width = std::max(ImGui::GetContentRegionAvail().x, 1.f);
    const auto measure = [&](std::size_t from, std::size_t to) {
        return ImGui::CalcTextSize(text.data() + from, text.data() + to).x;
    };
    std::size_t start = 0;
    while (start < text.size()) {
        // Take whole words while they fit; a line ends early at an explicit newline.
        const std::size_t newline = std::min(text.find('\n', start), text.size());
        std::size_t fit = start;
        while (fit < newline) {
            std::size_t next = text.find(' ', fit + 1);
            next = std::min(next, newline);
            if (fit > start && measure(start, next) > width) break;
            fit = next;
        }
        // Lines of one paragraph sit as close as ImGui's own wrapped lines do.
        const bool last = fit >= text.size();
        if (!last)
            ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0.f));
        if (measure(start, fit) > width)
            ImGui::TextWrapped("%.*s", static_cast<int>(fit - start), text.data() + start);
        else
            ImGui::TextUnformatted(text.data() + start, text.data() + fit);
        if (!last) ImGui::PopStyleVar();
        start = fit;
        while (start < text.size() && (text[start] == ' ' || text[start] == '\n')) ++start;
    }
}

const char* compact_number(double value, std::span<char> out) {
    const double size = std::abs(value);
    if (!std::isfinite(value))
        std::snprintf(out.data(), out.size(), "%s", "-");
    else if (size >= 1e9)
        std::snprintf(out.data(), out.size(), "%.3g G", value / 1e9);
    else if (size >= 1e6)
        std::snprintf(out.data(), out.size(), "%.3g M", value / 1e6);
    else if (size >= 1e4)
        std::snprintf(out.data(), out.size(), "%.3g k", value / 1e3);
    else
        std::snprintf(out.data(), out.size(), "%.0f", value);
    return out.data();
}

const char* class_name(std::span<const std::string> names, int label, std::span<char> out) {
    if (label >= 0 && static_cast<std::size_t>(label) < names.size())
        std::snprintf(out.data(), out.size(), "%s", names[static_cast<std::size_t>(label)].c_str());
    else
        std::snprintf(out.data(), out.size(), "class %d", label);
    return out.data();
}

} // namespace phasor::ui
