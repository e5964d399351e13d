// The desktop window: GLFW with an OpenGL 3.3 core context, the GL loader, and Dear ImGui with its GLFW and
// OpenGL3 backends. Owns their lifetimes; opening fails with a message that says why and what to do instead.
#pragma once
#include "ui/key_queue.hpp"

#include <string>

struct GLFWwindow;

namespace phasor {

class AppWindow {
  public:
    // Throws std::runtime_error when there is no display or no OpenGL 3.3. `ini_file` is where ImGui keeps
    // the window layout. The window is no larger than the monitor's work area, and centred in it.
    AppWindow(int width, int height, const std::string& title, std::string ini_file);
    ~AppWindow();
    AppWindow(const AppWindow&) = delete;
    AppWindow& operator=(const AppWindow&) = delete;

    GLFWwindow* handle() const { return window_; }
    // Hands ImGui this frame's key events (at most one press or release per key; see ui/key_queue.hpp).
    // Call after polling events and before ImGui::NewFrame.
    void deliver_keys();
    // A key event as if GLFW had sent it (the soak's random input).
    void inject_key(int key, int action) { keys_.push({key, 0, action, 0}); }
    bool keys_waiting() const { return !keys_.empty(); } // then the next frame must not wait for events
    bool should_close() const;
    float content_scale() const; // the monitor's scale (HiDPI), 1 on a plain display
    void framebuffer_size(int& width, int& height) const;
    void window_size(int& width, int& height) const;
    std::string renderer() const; // GL_RENDERER, for the log

  private:
    GLFWwindow* window_ = nullptr;
    std::string ini_file_; // ImGui keeps only a pointer to it
    ui::KeyQueue keys_;
};

} // namespace phasor
