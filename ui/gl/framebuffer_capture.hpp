// The screenshot: reads the window's back buffer after ImGui has rendered into it and before the swap, when
// it holds exactly the frame the user is about to see.
#pragma once
#include "ui/export/image.hpp"

namespace phasor::ui {

// Reads width × height pixels of the default framebuffer's back buffer, top row first, alpha forced to 255
// (a window's alpha channel holds whatever blending left, not transparency). Needs a current GL context.
Image capture_framebuffer(int width, int height);

} // namespace phasor::ui
