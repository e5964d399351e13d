// Where the panel windows go: the family's default rectangles the first time and after View → Reset layout;
// in proportion when the work area changes (a resized window, a layout saved on another screen size); back
// inside the area when a saved layout still leaves one outside; and, on the presenter stage, fixed where the
// stage view puts them.
#pragma once
#include "ui/panels/family_ui.hpp"

#include <imgui.h>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace phasor::ui {

class PanelLayout {
  public:
    // The area the panels share this frame (below the menu bar, above the status bar).
    void begin_frame(ImVec2 origin, ImVec2 area);
    // Every panel goes back to its default rectangle on the next frame.
    void reset() { reset_ = true; }
    // The area the saved window rectangles (imgui.ini) were laid out in: on the first frame, a window placed
    // there is stretched from it to the area of this session.
    void saved_area(ImVec2 area) { saved_area_ = area; }

    // Before ImGui::Begin of the panel `title`: sets where the window goes when it has to move. `place` is
    // its default rectangle (null when the layout has none); `fixed` keeps it there (the presenter stage),
    // and the next time it is placed without `fixed` it goes back to where it was before.
    void place(std::string_view title, const PanelPlace* place, bool fixed);
    // After ImGui::Begin: where the window is now.
    void note(std::string_view title);
    void end_frame();

    ImVec2 origin() const { return origin_; }
    ImVec2 area() const { return area_; }

  private:
    struct Rect {
        ImVec2 pos, size;
    };
    Rect default_rect(const PanelPlace& place) const;
    Rect inside(Rect r) const;
    static void set(const Rect& r, ImGuiCond cond);

    ImVec2 origin_{}, area_{}, last_origin_{}, last_area_{}, saved_area_{};
    bool area_changed_ = false, reset_ = false, seen_frame_ = false;
    std::map<std::string, Rect, std::less<>> rects_; // where each window was last frame
    std::set<std::string, std::less<>> outside_;     // windows to bring back inside on the next frame
    std::set<std::string, std::less<>> staged_;      // windows on the stage, to put back where they were
};

} // namespace phasor::ui
