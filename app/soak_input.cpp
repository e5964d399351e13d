// Random input for the soak (see soak_input.hpp).
#include "app/soak_input.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <iterator>

namespace phasor {

void SoakInput::keys(AppWindow& window) {
    // The app's shortcuts and keys panels may take (Escape, Tab, arrows). Not F12: a screenshot a second
    // would soak the disk, not the memory. Not Space, → or R: the engine stays paused (see soak_input.hpp).
    static constexpr int kKeys[] = {GLFW_KEY_V,  GLFW_KEY_F1,   GLFW_KEY_ESCAPE, GLFW_KEY_TAB,
                                    GLFW_KEY_UP, GLFW_KEY_DOWN, GLFW_KEY_EQUAL,  GLFW_KEY_MINUS};
    if (std::uniform_int_distribution<int>(0, 9)(rng_) != 0) return; // about 6 taps a second
    int key = kKeys[std::uniform_int_distribution<std::size_t>(0, std::size(kKeys) - 1)(rng_)];
    // Ctrl with + or −: the UI scale, which rebuilds the fonts. Up one step, then back: the memory a larger
    // font atlas takes is no leak, so the scale must not drift between samples.
    const bool ctrl = key == GLFW_KEY_EQUAL || key == GLFW_KEY_MINUS;
    if (ctrl) {
        key = scaled_ ? GLFW_KEY_MINUS : GLFW_KEY_EQUAL;
        scaled_ = !scaled_;
    }
    if (ctrl) window.inject_key(GLFW_KEY_LEFT_CONTROL, GLFW_PRESS);
    window.inject_key(key, GLFW_PRESS);
    window.inject_key(key, GLFW_RELEASE); // a tap within one frame: the queue spreads it over two
    if (ctrl) window.inject_key(GLFW_KEY_LEFT_CONTROL, GLFW_RELEASE);
}

void SoakInput::mouse(ImGuiIO& io) {
    const float w = io.DisplaySize.x, h = io.DisplaySize.y;
    if (w < 2.f || h < 2.f) return;
    // The right two thirds: plots and diagrams to pan, zoom and hover. The Controls panel on the left would
    // let random clicks grow the network, growth that is no leak.
    std::uniform_real_distribution<float> x(w * 0.33f, w), y(h * 0.08f, h);
    io.MousePos = ImVec2(x(rng_), y(rng_));
    // Press on one frame, release a few later: clicks and short drags.
    if (std::uniform_int_distribution<int>(0, 7)(rng_) == 0) down_ = !down_;
    io.MouseDown[0] = down_;
    io.MouseWheel = std::uniform_int_distribution<int>(0, 30)(rng_) == 0 ? 1.f : 0.f;
}

} // namespace phasor
