// Status bar (status_bar.hpp): short readouts separated by bars, with the run state and message coloured so a
// diverged or rejected run is noticed from the back of a room.
#include "ui/panels/status_bar.hpp"

#include "ui/panels/panel_style.hpp"

namespace phasor::ui {

namespace {
void divider() {
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
}
} // namespace

void draw_status_bar(const Snapshot& snapshot, float frame_ms) {
    const ImVec4 state_color = snapshot.state == RunState::Running  ? kGoodColor
                               : snapshot.state == RunState::Paused ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                                                    : kErrorColor;
    ImGui::TextColored(state_color, "%s", state_name(snapshot.state));
    divider();
    ImGui::Text("tick %llu", static_cast<unsigned long long>(snapshot.tick));
    divider();
    char rate[32];
    ImGui::Text("%s ticks/s", compact_number(snapshot.ticks_per_second, rate));
    divider();
    ImGui::Text("%.1f ms/frame", static_cast<double>(frame_ms));
    if (!snapshot.message.empty()) {
        divider();
        ImGui::TextColored(kWarningColor, "%s", snapshot.message.c_str());
    }
}

} // namespace phasor::ui
