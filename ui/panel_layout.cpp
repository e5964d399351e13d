// PanelLayout (panel_layout.hpp).
#include "ui/panel_layout.hpp"

#include <algorithm>
#include <cmath>
#include <imgui_internal.h>
#include <string>

namespace phasor::ui {

void PanelLayout::begin_frame(ImVec2 origin, ImVec2 area) {
    origin_ = origin;
    area_ = area;
    area_changed_ =
        seen_frame_ &&
        (std::abs(area.x - last_area_.x) > 0.5f || std::abs(area.y - last_area_.y) > 0.5f ||
         std::abs(origin.x - last_origin_.x) > 0.5f || std::abs(origin.y - last_origin_.y) > 0.5f);
}

void PanelLayout::end_frame() {
    last_origin_ = origin_;
    last_area_ = area_;
    seen_frame_ = true;
    reset_ = false;
}

PanelLayout::Rect PanelLayout::default_rect(const PanelPlace& p) const {
    return {{origin_.x + p.x * area_.x, origin_.y + p.y * area_.y}, {p.width * area_.x, p.height * area_.y}};
}

PanelLayout::Rect PanelLayout::inside(Rect r) const {
    r.size.x = std::min(r.size.x, area_.x);
    r.size.y = std::min(r.size.y, area_.y);
    r.pos.x = std::clamp(r.pos.x, origin_.x, origin_.x + area_.x - r.size.x);
    r.pos.y = std::clamp(r.pos.y, origin_.y, origin_.y + area_.y - r.size.y);
    return r;
}

void PanelLayout::set(const Rect& r, ImGuiCond cond) {
    ImGui::SetNextWindowPos(r.pos, cond);
    ImGui::SetNextWindowSize(r.size, cond);
}

void PanelLayout::place(std::string_view title, const PanelPlace* p, bool fixed) {
    if (p && fixed) {
        set(default_rect(*p), ImGuiCond_Always);
        staged_.insert(std::string(title));
        return;
    }
    if (p && reset_) {
        set(default_rect(*p), ImGuiCond_Always);
        return;
    }
    const auto known = rects_.find(title);
    if (const auto staged = staged_.find(title); staged != staged_.end()) {
        staged_.erase(staged);
        if (known != rects_.end()) {
            set(inside(known->second), ImGuiCond_Always);
            return;
        }
    }
    if (area_changed_ && known != rects_.end() && last_area_.x > 0.f && last_area_.y > 0.f) {
        // The user's arrangement, stretched to the new area.
        const Rect& r = known->second;
        const float sx = area_.x / last_area_.x, sy = area_.y / last_area_.y;
        set(inside(
                {{origin_.x + (r.pos.x - last_origin_.x) * sx, origin_.y + (r.pos.y - last_origin_.y) * sy},
                 {r.size.x * sx, r.size.y * sy}}),
            ImGuiCond_Always);
        return;
    }
    if (!seen_frame_ && known == rects_.end() && saved_area_.x > 0.f && saved_area_.y > 0.f &&
        (std::abs(saved_area_.x - area_.x) > 0.5f || std::abs(saved_area_.y - area_.y) > 0.5f)) {
        // The first frame of a session on another screen size: the saved arrangement, stretched.
        const std::string name(title);
        if (const ImGuiWindowSettings* saved = ImGui::FindWindowSettings(ImHashStr(name.c_str()))) {
            const float sx = area_.x / saved_area_.x, sy = area_.y / saved_area_.y;
            set(inside({{origin_.x + (static_cast<float>(saved->Pos.x) - origin_.x) * sx,
                         origin_.y + (static_cast<float>(saved->Pos.y) - origin_.y) * sy},
                        {static_cast<float>(saved->Size.x) * sx, static_cast<float>(saved->Size.y) * sy}}),
                ImGuiCond_Always);
            return;
        }
    }
    if (const auto out = outside_.find(title); out != outside_.end() && known != rects_.end()) {
        set(inside(known->second), ImGuiCond_Always);
        outside_.erase(out);
        return;
    }
    if (p) set(default_rect(*p), ImGuiCond_FirstUseEver);
}

void PanelLayout::note(std::string_view title) {
    const Rect r{ImGui::GetWindowPos(), ImGui::GetWindowSize()};
    const auto [it, first] = rects_.insert_or_assign(std::string(title), r);
    // A window seen for the first time may come from a layout saved on a larger screen: bring it back inside.
    const float slack = 1.f;
    const bool out = r.pos.x < origin_.x - slack || r.pos.y < origin_.y - slack ||
                     r.pos.x + r.size.x > origin_.x + area_.x + slack ||
                     r.pos.y + r.size.y > origin_.y + area_.y + slack;
    if (first && out) outside_.insert(it->first);
}

} // namespace phasor::ui
