// A headless OpenGL 3.3 context for rendering PNG exports in tests: Mesa's surfaceless EGL platform, loaded
// at run time so the tests build without EGL and skip (saying why) where there is none. With it, ImGui's
// OpenGL3 backend runs as in the app, so the offscreen renderer under test is the app's own.
#pragma once
#include <dlfcn.h>
#include <glad/gl.h>
#include <imgui.h>
#include <string>
#if __has_include(<imgui_impl_opengl3.h>)
#include <imgui_impl_opengl3.h>
#else
#include <backends/imgui_impl_opengl3.h>
#endif

namespace phasor::testing {

class HeadlessGl {
  public:
    HeadlessGl() {
        library_ = ::dlopen("libEGL.so.1", RTLD_NOW | RTLD_LOCAL);
        if (library_ == nullptr) {
            problem_ = "libEGL.so.1 is not installed";
            return;
        }
        get_proc_ = reinterpret_cast<GetProc>(::dlsym(library_, "eglGetProcAddress"));
        if (get_proc_ == nullptr) {
            problem_ = "libEGL has no eglGetProcAddress";
            return;
        }
        // The few EGL entry points and constants used, declared here so the tests need no EGL headers.
        using Display = void*;
        using GetPlatformDisplay = Display (*)(unsigned, void*, const int*);
        using Initialize = unsigned (*)(Display, int*, int*);
        using BindApi = unsigned (*)(unsigned);
        using CreateContext = void* (*)(Display, void*, void*, const int*);
        using MakeCurrent = unsigned (*)(Display, void*, void*, void*);
        constexpr unsigned platform_surfaceless = 0x31DD, opengl_api = 0x30A2;
        constexpr int major = 0x3098, minor = 0x30FB, profile = 0x30FD, core = 0x1, none = 0x3038;
        auto get_display = reinterpret_cast<GetPlatformDisplay>(get_proc_("eglGetPlatformDisplayEXT"));
        auto initialize = reinterpret_cast<Initialize>(get_proc_("eglInitialize"));
        auto bind = reinterpret_cast<BindApi>(get_proc_("eglBindAPI"));
        auto create = reinterpret_cast<CreateContext>(get_proc_("eglCreateContext"));
        auto make_current = reinterpret_cast<MakeCurrent>(get_proc_("eglMakeCurrent"));
        terminate_ = reinterpret_cast<Terminate>(get_proc_("eglTerminate"));
        if (!get_display || !initialize || !bind || !create || !make_current) {
            problem_ = "EGL lacks the surfaceless platform";
            return;
        }
        display_ = get_display(platform_surfaceless, nullptr, nullptr);
        int version[2] = {};
        if (display_ == nullptr || !initialize(display_, &version[0], &version[1])) {
            problem_ = "no surfaceless EGL display (Mesa's EGL is needed)";
            return;
        }
        const int attributes[] = {major, 3, minor, 3, profile, core, none};
        if (!bind(opengl_api) || (context_ = create(display_, nullptr, nullptr, attributes)) == nullptr ||
            !make_current(display_, nullptr, nullptr, context_)) {
            problem_ = "no OpenGL 3.3 core context without a config";
            return;
        }
        if (gladLoadGL(reinterpret_cast<GLADloadfunc>(get_proc_)) == 0) {
            problem_ = "the GL loader found no OpenGL";
            return;
        }
        ready_ = true;
    }
    ~HeadlessGl() {
        if (terminate_ && display_) terminate_(display_);
        // The library stays loaded: Mesa does not like being unloaded under a live process.
    }
    HeadlessGl(const HeadlessGl&) = delete;
    HeadlessGl& operator=(const HeadlessGl&) = delete;

    bool ready() const { return ready_; }
    const std::string& problem() const { return problem_; }

  private:
    using GetProc = void* (*)(const char*);
    using Terminate = unsigned (*)(void*);
    void* library_ = nullptr;
    GetProc get_proc_ = nullptr;
    Terminate terminate_ = nullptr;
    void* display_ = nullptr;
    void* context_ = nullptr;
    bool ready_ = false;
    std::string problem_;
};

} // namespace phasor::testing
