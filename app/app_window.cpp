// Opens and closes the window, the GL context and Dear ImGui (see app_window.hpp).
#include "app/app_window.hpp"

#include <GLFW/glfw3.h> // with GLFW_INCLUDE_NONE: GL comes from the generated loader
#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <glad/gl.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stdexcept>
#include <string>
#include <thread>

namespace phasor {

namespace {

std::string glfw_error;

// The key events waiting for the next frame, and ImGui's own key callback they go to then (one window).
ui::KeyQueue* key_queue = nullptr;
GLFWkeyfun imgui_key_callback = nullptr;

void queue_key(GLFWwindow*, int key, int scancode, int action, int mods) {
    if (key_queue) key_queue->push({key, scancode, action, mods});
}

void remember_glfw_error(int, const char* description) {
    glfw_error = description;
}

[[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error(fmt::format("cannot open the window: {}{}{}\nTo train without a window, use "
                                         "'phasor run' (see 'phasor run --help'); "
                                         "for a virtual display, run under xvfb-run.",
                                         what, glfw_error.empty() ? "" : ": ", glfw_error));
}

// Without a GPU, Mesa's software renderer rasterises on as many threads as there are cores, and on a small
// machine those threads take the engine's core: on 2 cores the engine lost a quarter of its ticks/s. Leaving
// one core to the engine and one to the UI thread (which then rasterises itself) costs the engine about 1 %.
// Hardware drivers ignore the variable; a value the user set is kept.
void leave_the_engine_a_core() {
    if (std::getenv("LP_NUM_THREADS")) return;
    const unsigned cores = std::thread::hardware_concurrency();
    setenv("LP_NUM_THREADS", std::to_string(cores > 2 ? cores - 2 : 0).c_str(), 0);
}

// The size asked for, shrunk to the primary monitor's work area (the screen less panels and docks), so the
// window never opens with panels off-screen on a small projector. In screen coordinates before the monitor's
// scale, as GLFW_SCALE_TO_MONITOR applies it.
struct Placement {
    int width, height, x, y;
    bool place = false;
};
Placement fit_to_work_area(int width, int height) {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    if (!monitor) return {width, height, 0, 0};
    int x = 0, y = 0, w = 0, h = 0;
    glfwGetMonitorWorkarea(monitor, &x, &y, &w, &h);
    float sx = 1.f, sy = 1.f;
    glfwGetMonitorContentScale(monitor, &sx, &sy);
    if (w <= 0 || h <= 0) return {width, height, 0, 0};
    const float scale = sx > 0.f ? sx : 1.f;
    const int fit_w = std::min(width, static_cast<int>(static_cast<float>(w) / scale));
    const int fit_h = std::min(height, static_cast<int>(static_cast<float>(h) / scale));
    const int px_w = static_cast<int>(static_cast<float>(fit_w) * scale);
    const int px_h = static_cast<int>(static_cast<float>(fit_h) * scale);
    return {fit_w, fit_h, x + (w - px_w) / 2, y + (h - px_h) / 2, true};
}

} // namespace

AppWindow::AppWindow(int width, int height, const std::string& title, std::string ini_file)
    : ini_file_(std::move(ini_file)) {
    leave_the_engine_a_core();
    glfwSetErrorCallback(remember_glfw_error);
    if (!glfwInit()) {
        const char* display = std::getenv("DISPLAY");
        fail(display && *display ? "GLFW could not start" : "no display (DISPLAY is not set)");
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    const Placement placement = fit_to_work_area(width, height);
    window_ = glfwCreateWindow(placement.width, placement.height, title.c_str(), nullptr, nullptr);
    if (!window_) {
        glfwTerminate();
        fail("no OpenGL 3.3 core context");
    }
    if (placement.place) glfwSetWindowPos(window_, placement.x, placement.y);
    glfwMakeContextCurrent(window_);
    glfwSwapInterval(1); // vsync
    if (!gladLoadGL(glfwGetProcAddress)) {
        glfwDestroyWindow(window_);
        glfwTerminate();
        fail("the OpenGL 3.3 functions could not be loaded");
    }
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    // No file (it could not be read safely): ImGui neither reads nor saves the layout.
    io.IniFilename = ini_file_.empty() ? nullptr : ini_file_.c_str();
    io.ConfigWindowsMoveFromTitleBarOnly = true; // dragging inside a plot pans it, not the window
    ImGui_ImplGlfw_InitForOpenGL(window_, true);
    // Keys go through the queue (ui/key_queue.hpp) so a tap shorter than a frame is still seen.
    key_queue = &keys_;
    imgui_key_callback = glfwSetKeyCallback(window_, queue_key);
    ImGui_ImplOpenGL3_Init("#version 330 core");
}

AppWindow::~AppWindow() {
    key_queue = nullptr;
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext(); // writes imgui.ini
    glfwDestroyWindow(window_);
    glfwTerminate();
}

void AppWindow::deliver_keys() {
    keys_.deliver_frame([this](const ui::KeyEvent& e) {
        if (imgui_key_callback) imgui_key_callback(window_, e.key, e.scancode, e.action, e.mods);
    });
}

bool AppWindow::should_close() const {
    return glfwWindowShouldClose(window_);
}

float AppWindow::content_scale() const {
    float x = 1.f, y = 1.f;
    glfwGetWindowContentScale(window_, &x, &y);
    return x > 0.f ? x : 1.f;
}

void AppWindow::framebuffer_size(int& width, int& height) const {
    glfwGetFramebufferSize(window_, &width, &height);
}
void AppWindow::window_size(int& width, int& height) const {
    glfwGetWindowSize(window_, &width, &height);
}

std::string AppWindow::renderer() const {
    const auto* name = reinterpret_cast<const char*>(glGetString(GL_RENDERER));
    const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
    return fmt::format("{} ({})", name ? name : "?", version ? version : "?");
}

} // namespace phasor
