// A Dear ImGui context without a window or GL, for driving frames with injected input in tests. The font
// atlas is built (so text produces vertices) but never uploaded anywhere.
#pragma once
#include <imgui.h>

namespace phasor::testing {

class HeadlessImGui {
  public:
    explicit HeadlessImGui(ImVec2 display = {1280, 800});
    ~HeadlessImGui();
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    ImGuiIO& io() { return ImGui::GetIO(); }

    // One frame with the current input state; `body` runs inside a window that covers the display. The wheel
    // is consumed by the frame, as a backend would.
    template <class Body> void frame(Body body) {
        begin_frame();
        body();
        end_frame();
    }

    // Readies `draw` (made from this context's shared data) to be drawn into outside any window: font texture
    // pushed, clip rectangle wider than the display.
    void reset(ImDrawList& draw);

  private:
    void begin_frame();
    void end_frame();
    ImGuiContext* context_;
};

} // namespace phasor::testing
