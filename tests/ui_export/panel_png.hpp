// What the panel PNG tests share: a headless GL context per suite (Mesa's surfaceless EGL, gl_context.hpp)
// with ImGui and its OpenGL3 backend per test, panels drawn for a frame as the app draws them, and the PNGs
// their plots export decoded to pixels. Include it from one file of a test binary: it compiles stb_image.
#pragma once
#include "ui/export/atomic_file.hpp"
#include "ui/gl/gl_heatmap_painter.hpp"
#include "ui/gl/offscreen_plot.hpp"
#include "ui/plot/plot_shelf.hpp"
#include "ui_export/gl_context.hpp"
#include "ui_panels/headless_ui.hpp"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <vector>

#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

namespace phasor::ui::testing {

struct DecodedPng {
    int width = 0, height = 0;
    std::vector<unsigned char> rgba;
    const unsigned char* at(int x, int y) const { return rgba.data() + 4 * (y * width + x); }
    const unsigned char* at(int i) const { return rgba.data() + 4 * i; }
};

// Decodes a PNG to RGBA; an empty image (width 0) when it does not decode.
inline DecodedPng decode_png(const std::vector<std::byte>& png) {
    DecodedPng out;
    int channels = 0;
    unsigned char* pixels =
        stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(png.data()), static_cast<int>(png.size()),
                              &out.width, &out.height, &channels, 4);
    if (pixels == nullptr) return DecodedPng{};
    out.rgba.assign(pixels, pixels + 4 * out.width * out.height);
    stbi_image_free(pixels);
    return out;
}

// Whether pixel p is colour c within `tolerance` in each channel.
inline bool near_colour(const unsigned char* p, plot::Rgba c, int tolerance) {
    return std::abs(p[0] - static_cast<int>(c & 0xFF)) <= tolerance &&
           std::abs(p[1] - static_cast<int>(c >> 8 & 0xFF)) <= tolerance &&
           std::abs(p[2] - static_cast<int>(c >> 16 & 0xFF)) <= tolerance;
}

// Pixels whose colour differs from the top left corner's (the background) by more than 60 in sum: what was
// drawn on it.
inline int pixels_unlike_corner(const DecodedPng& image) {
    const unsigned char* corner = image.at(0, 0);
    int different = 0;
    for (int i = 0; i < image.width * image.height; ++i) {
        const unsigned char* p = image.at(i);
        if (std::abs(p[0] - corner[0]) + std::abs(p[1] - corner[1]) + std::abs(p[2] - corner[2]) > 60)
            ++different;
    }
    return different;
}

// Writes the PNG as `name`.png into the folder the environment variable `folder_variable` names, if it is
// set: to look at what a test checked.
inline void keep_png(const char* folder_variable, const std::string& name,
                     const std::vector<std::byte>& png) {
    if (const char* dir = std::getenv(folder_variable))
        std::ofstream(std::string(dir) + "/" + name + ".png", std::ios::binary)
            .write(reinterpret_cast<const char*>(png.data()), static_cast<std::streamsize>(png.size()));
}

// A suite over one headless GL context: each test gets an ImGui context of `display` size with the OpenGL3
// backend, set up after configure_fonts() has had its say.
template <class Base = ::testing::Test> class HeadlessGlPanels : public Base {
  protected:
    static void SetUpTestSuite() { gl_ = std::make_unique<phasor::testing::HeadlessGl>(); }
    static void TearDownTestSuite() { gl_.reset(); }
    void SetUp() override {
        ASSERT_TRUE(gl_->ready()) << "no headless OpenGL (Mesa's EGL): " << gl_->problem();
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = display_;
        io.IniFilename = nullptr;
        configure_fonts(io);
        ASSERT_TRUE(ImGui_ImplOpenGL3_Init("#version 330 core"));
        started_ = true;
    }
    void TearDown() override {
        if (!started_) return;
        ImGui_ImplOpenGL3_Shutdown();
        ImGui::DestroyContext();
    }
    // Before the backend builds its font texture: add the fonts a suite's panels need.
    virtual void configure_fonts(ImGuiIO&) {}

    // Draws `panels_` for two frames (the second with the first's layout) in windows of `size`, with
    // `payload` as the snapshot's, and keeps the plots the second drew on shelf_.
    void draw_panels(std::unique_ptr<Payload> payload, ImVec2 size) {
        snapshot_.run = 1;
        snapshot_.payload = std::move(payload);
        for (int frame = 0; frame < 2; ++frame) {
            ImGui_ImplOpenGL3_NewFrame();
            ImGui::NewFrame();
            shelf_.begin_frame();
            PanelContext context = test_context(snapshot_, history_, sink_, shelf_);
            for (auto& panel : panels_) {
                ImGui::SetNextWindowSize(size);
                ImGui::Begin(panel->title());
                panel->draw(context);
                ImGui::End();
            }
            ImGui::Render();
        }
    }
    template <class T> const T* panel() const {
        for (const auto& p : panels_)
            if (const auto* t = dynamic_cast<const T*>(p.get())) return t;
        return nullptr;
    }
    // The plot `id` the last frame drew, exported by the app's offscreen renderer as `request` asks at
    // `scale` times its size on screen with a base font of `font` pixels, as PNG bytes (empty if not drawn).
    std::vector<std::byte> export_png(const std::string& id, const plot::ExportRequest& request, float scale,
                                      float font, ImFont* export_font, GlHeatmapPainter* painter) {
        for (const plot::PlotShelf::Entry& entry : shelf_.drawn()) {
            if (entry.plot.id != id) continue;
            const ImVec2 size(entry.size.x * scale, entry.size.y * scale);
            const Image image = render_plot_image(
                entry.plot, entry.view, plot::resolve_figure(request, size, font), export_font, painter);
            return encode_png(id + ".png", image);
        }
        return {};
    }

    static inline std::unique_ptr<phasor::testing::HeadlessGl> gl_;
    ImVec2 display_{1000, 800};
    bool started_ = false;
    Snapshot snapshot_;
    RunHistory history_;
    RecordingSink sink_;
    plot::PlotShelf shelf_;
    std::vector<std::unique_ptr<Panel>> panels_;
};

} // namespace phasor::ui::testing
