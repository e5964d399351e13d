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

void draw_status_bar(const Snapshot& snapshot, float frame_ms, float frames_per_second) {
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
    // What a viewer sees (frames shown per second, the swap and any software rasterising included), then what
    // the UI itself costs.
    ImGui::Text("%.0f fps", static_cast<double>(frames_per_second));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Frames shown per second, the buffer swap included");
    divider();
    ImGui::Text("UI %.1f ms", static_cast<double>(frame_ms));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "The UI thread's CPU time per frame: draining the engine's data and drawing every panel");
    if (!snapshot.message.empty()) {
        divider();
        ImGui::TextColored(kWarningColor, "%s", snapshot.message.c_str());
    }
}

} // namespace phasor::ui
