// Draws and expires the notices of notices.hpp.
#include "ui/notices.hpp"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <imgui.h>

namespace phasor::ui {

namespace {
constexpr double kShowSeconds = 4.0, kErrorSeconds = 10.0, kFadeSeconds = 0.6;
}

void Notices::post(std::string text, bool error) {
    fmt::print(stderr, "phasor: {}\n", text);
    live_.push_back({std::move(text), error, Clock::now()});
    if (live_.size() > 6) live_.erase(live_.begin());
}

void Notices::draw() {
    const auto now = Clock::now();
    std::erase_if(live_, [&](const Notice& n) {
        return std::chrono::duration<double>(now - n.shown).count() >
               (n.error ? kErrorSeconds : kShowSeconds);
    });
    if (live_.empty()) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x - em, vp->WorkPos.y + vp->WorkSize.y - 2.5f * em),
        ImGuiCond_Always, ImVec2(1.f, 1.f));
    ImGui::SetNextWindowBgAlpha(0.92f);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                   ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove;
    if (ImGui::Begin("##notices", nullptr, flags)) {
        for (const Notice& n : live_) {
            const double age = std::chrono::duration<double>(now - n.shown).count();
            const double left = (n.error ? kErrorSeconds : kShowSeconds) - age;
            const float alpha = static_cast<float>(std::clamp(left / kFadeSeconds, 0.0, 1.0));
            const ImVec4 colour =
                n.error ? ImVec4(1.f, 0.45f, 0.4f, alpha) : ImVec4(0.55f, 0.9f, 0.6f, alpha);
            ImGui::PushTextWrapPos(40.f * em);
            ImGui::TextColored(colour, "%s", n.text.c_str());
            ImGui::PopTextWrapPos();
        }
    }
    ImGui::End();
}

} // namespace phasor::ui
