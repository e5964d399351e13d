// Draws plot heatmaps from GL textures with the colormap shader instead of one ImGui rectangle per cell, so a
// 512 × 512 activation map costs one quad. paint() uploads the values at once and leaves a draw-list callback
// that draws the quad when ImGui's OpenGL3 backend renders the list.
//
// Per frame, in this order:
//   painter.begin_frame();               // before building the UI
//   ... plot::render() calls paint() ...
//   ImGui::Render();
//   painter.begin_render(*ImGui::GetDrawData());
//   ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
#pragma once
#include "ui/gl/shader_program.hpp"
#include "ui/plot/render.hpp"

#include <array>
#include <filesystem>
#include <memory>
#include <vector>

namespace phasor::ui {

class GlHeatmapPainter final : public plot::HeatmapPainter {
  public:
    // Needs a current GL 3.3 context with the loader initialised. Throws ShaderError.
    explicit GlHeatmapPainter(const std::filesystem::path& shader_dir);
    ~GlHeatmapPainter() override;
    GlHeatmapPainter(const GlHeatmapPainter&) = delete;
    GlHeatmapPainter& operator=(const GlHeatmapPainter&) = delete;

    // Starts a new frame: value textures are handed out again from the first one.
    void begin_frame();
    // Records the projection and framebuffer scale of the draw data about to be rendered; the callbacks need
    // them and are given only the draw list and the command.
    void begin_render(const ImDrawData& draw_data);

    void paint(ImDrawList& draw, ImVec2 p0, ImVec2 p1, const plot::Heatmap& map, float lo, float hi) override;

  private:
    struct ValueTexture {
        unsigned id = 0;
        int rows = 0, cols = 0;
        bool pairs = false; // (value, strength) per texel
    };
    struct Quad {
        const GlHeatmapPainter* painter = nullptr;
        ImVec2 p0, p1;
        unsigned values = 0;
        plot::Colormap colormap = plot::Colormap::Viridis;
        float lo = 0.f, hi = 1.f;
        bool shaded = false;
    };

    static void draw_callback(const ImDrawList* list, const ImDrawCmd* cmd);
    void draw(const Quad& quad, const ImVec4& clip_rect) const;
    unsigned upload(const plot::Heatmap& map);

    ShaderProgram program_;
    int u_rect_ = -1, u_display_ = -1, u_values_ = -1, u_colormap_ = -1, u_lo_ = -1, u_hi_ = -1,
        u_classes_ = -1, u_shaded_ = -1;
    unsigned vao_ = 0;
    std::array<unsigned, 3> colormaps_{}; // indexed by plot::Colormap
    int max_texture_size_ = 0;
    bool warned_too_large_ = false;

    std::vector<ValueTexture> pool_; // reused across frames, in paint() call order
    std::size_t next_texture_ = 0;
    int frame_ = -1;
    // This frame's quads, handed to the callbacks as user data. Each is its own allocation so that its
    // address survives the vector growing; they are reused across frames like the textures.
    std::vector<std::unique_ptr<Quad>> quads_;
    std::vector<float> interleaved_; // values and strengths of a shaded map, reused across uploads
    std::size_t next_quad_ = 0;
    ImVec2 display_pos_{0, 0}, display_size_{1, 1}, framebuffer_scale_{1, 1};
};

} // namespace phasor::ui
