// An RGBA8 image in memory, rows top-down: what the framebuffer capture and the offscreen plot renderer hand
// to the PNG writer.
#pragma once
#include <cstdint>
#include <vector>

namespace phasor::ui {

struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba; // width × height × 4 bytes, row 0 at the top
};

} // namespace phasor::ui
