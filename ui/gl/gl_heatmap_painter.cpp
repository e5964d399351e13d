// GL heatmap painting (see gl_heatmap_painter.hpp).
#include "ui/gl/gl_heatmap_painter.hpp"

#include <algorithm>
#include <cstdint>
#include <fmt/format.h>
#include <glad/gl.h>

namespace phasor::ui {

namespace {

// Texture uploads read the unpack state, which other code may have changed; use GL's defaults and put the
// caller's state back.
class UnpackDefaults {
  public:
    UnpackDefaults() {
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &texture_);
        glGetIntegerv(GL_UNPACK_ALIGNMENT, &alignment_);
        glGetIntegerv(GL_UNPACK_ROW_LENGTH, &row_length_);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    }
    ~UnpackDefaults() {
        glPixelStorei(GL_UNPACK_ALIGNMENT, alignment_);
        glPixelStorei(GL_UNPACK_ROW_LENGTH, row_length_);
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(texture_));
    }
    UnpackDefaults(const UnpackDefaults&) = delete;
    UnpackDefaults& operator=(const UnpackDefaults&) = delete;

  private:
    GLint texture_ = 0, alignment_ = 4, row_length_ = 0;
};

void set_filtering(GLint filter) {
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

bool shaded(const plot::Heatmap& map) {
    return map.strength.size() >= map.values.size();
}

constexpr plot::Colormap all_colormaps[] = {plot::Colormap::Viridis, plot::Colormap::Diverging,
                                            plot::Colormap::Classes};

} // namespace

GlHeatmapPainter::GlHeatmapPainter(const std::filesystem::path& shader_dir)
    : program_(ShaderProgram::load(shader_dir, "heatmap")) {
    u_rect_ = program_.uniform("u_rect");
    u_display_ = program_.uniform("u_display");
    u_values_ = program_.uniform("u_values");
    u_colormap_ = program_.uniform("u_colormap");
    u_lo_ = program_.uniform("u_lo");
    u_hi_ = program_.uniform("u_hi");
    u_classes_ = program_.uniform("u_classes");
    u_shaded_ = program_.uniform("u_shaded");
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_texture_size_);
    // Core profiles draw nothing without a vertex array bound, even when the shader fetches no attributes.
    glGenVertexArrays(1, &vao_);

    const UnpackDefaults unpack;
    glGenTextures(static_cast<GLsizei>(colormaps_.size()), colormaps_.data());
    for (const plot::Colormap map : all_colormaps) {
        std::vector<plot::Rgba> table = plot::colormap_table(map);
        if (table.empty()) table.push_back(plot::rgba(128, 128, 128));
        glBindTexture(GL_TEXTURE_2D, colormaps_[static_cast<std::size_t>(map)]);
        // Classes are looked up by index; blending two class colours would invent a class.
        set_filtering(map == plot::Colormap::Classes ? GL_NEAREST : GL_LINEAR);
        // Rgba is 0xAABBGGRR, so in memory (little-endian) its bytes are already R, G, B, A.
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, static_cast<GLsizei>(table.size()), 1, 0, GL_RGBA,
                     GL_UNSIGNED_BYTE, table.data());
    }
}

GlHeatmapPainter::~GlHeatmapPainter() {
    for (const ValueTexture& texture : pool_) glDeleteTextures(1, &texture.id);
    glDeleteTextures(static_cast<GLsizei>(colormaps_.size()), colormaps_.data());
    glDeleteVertexArrays(1, &vao_);
}

void GlHeatmapPainter::begin_frame() {
    next_texture_ = 0;
    next_quad_ = 0;
    frame_ = ImGui::GetCurrentContext() ? ImGui::GetFrameCount() : -1;
}

void GlHeatmapPainter::begin_render(const ImDrawData& draw_data) {
    display_pos_ = draw_data.DisplayPos;
    display_size_ = draw_data.DisplaySize;
    framebuffer_scale_ = draw_data.FramebufferScale;
}

void GlHeatmapPainter::paint(ImDrawList& draw, ImVec2 p0, ImVec2 p1, const plot::Heatmap& map, float lo,
                             float hi) {
    const auto cells =
        static_cast<std::size_t>(std::max(map.rows, 0)) * static_cast<std::size_t>(std::max(map.cols, 0));
    if (cells == 0 || map.values.size() < cells || p1.x <= p0.x || p1.y <= p0.y) return;
    if (map.rows > max_texture_size_ || map.cols > max_texture_size_) {
        if (!warned_too_large_)
            fmt::print(stderr,
                       "phasor: a {}×{} heatmap exceeds this GPU's texture size limit ({}); not drawn\n",
                       map.rows, map.cols, max_texture_size_);
        warned_too_large_ = true;
        return;
    }
    // A caller that forgets begin_frame() must not grow the pool without bound.
    if (ImGui::GetCurrentContext() && ImGui::GetFrameCount() != frame_) begin_frame();

    if (next_quad_ == quads_.size()) quads_.push_back(std::make_unique<Quad>());
    Quad& quad = *quads_[next_quad_++];
    quad = Quad{this, p0, p1, upload(map), map.colormap, lo, hi, shaded(map)};
    draw.AddCallback(&GlHeatmapPainter::draw_callback, &quad);
    draw.AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

// A map with strength goes up as (value, strength) pairs, so one texture fetch gives the shader both.
unsigned GlHeatmapPainter::upload(const plot::Heatmap& map) {
    const UnpackDefaults unpack;
    const bool pairs = shaded(map);
    const float* data = map.values.data();
    if (pairs) {
        const std::size_t cells = static_cast<std::size_t>(map.rows) * static_cast<std::size_t>(map.cols);
        interleaved_.resize(2 * cells);
        for (std::size_t i = 0; i < cells; ++i) {
            interleaved_[2 * i] = map.values[i];
            interleaved_[2 * i + 1] = map.strength[i];
        }
        data = interleaved_.data();
    }
    const GLint internal = pairs ? GL_RG32F : GL_R32F;
    const GLenum format = pairs ? GL_RG : GL_RED;
    if (next_texture_ == pool_.size()) {
        ValueTexture created;
        glGenTextures(1, &created.id);
        glBindTexture(GL_TEXTURE_2D, created.id);
        // One texel per cell, drawn as a block: interpolating would blur neighbouring cells together.
        set_filtering(GL_NEAREST);
        pool_.push_back(created);
    }
    ValueTexture& texture = pool_[next_texture_++];
    glBindTexture(GL_TEXTURE_2D, texture.id);
    if (texture.rows != map.rows || texture.cols != map.cols || texture.pairs != pairs) {
        glTexImage2D(GL_TEXTURE_2D, 0, internal, map.cols, map.rows, 0, format, GL_FLOAT, data);
        texture.rows = map.rows;
        texture.cols = map.cols;
        texture.pairs = pairs;
    } else {
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, map.cols, map.rows, format, GL_FLOAT, data);
    }
    return texture.id;
}

void GlHeatmapPainter::draw_callback(const ImDrawList*, const ImDrawCmd* cmd) {
    const auto* quad = static_cast<const Quad*>(cmd->UserCallbackData);
    if (quad && quad->painter) quad->painter->draw(*quad, cmd->ClipRect);
}

void GlHeatmapPainter::draw(const Quad& quad, const ImVec4& clip_rect) const {
    if (display_size_.x <= 0 || display_size_.y <= 0) return;
    // The backend sets the scissor for its own draw commands but not around callbacks; do what it would do.
    const ImVec2 clip_min((clip_rect.x - display_pos_.x) * framebuffer_scale_.x,
                          (clip_rect.y - display_pos_.y) * framebuffer_scale_.y);
    const ImVec2 clip_max((clip_rect.z - display_pos_.x) * framebuffer_scale_.x,
                          (clip_rect.w - display_pos_.y) * framebuffer_scale_.y);
    if (clip_max.x <= clip_min.x || clip_max.y <= clip_min.y) return;
    const float framebuffer_height = display_size_.y * framebuffer_scale_.y;
    glScissor(static_cast<GLint>(clip_min.x), static_cast<GLint>(framebuffer_height - clip_max.y),
              static_cast<GLsizei>(clip_max.x - clip_min.x), static_cast<GLsizei>(clip_max.y - clip_min.y));

    glUseProgram(program_.id());
    glUniform4f(u_rect_, quad.p0.x, quad.p0.y, quad.p1.x, quad.p1.y);
    glUniform4f(u_display_, display_pos_.x, display_pos_.y, display_size_.x, display_size_.y);
    glUniform1i(u_values_, 0);
    glUniform1i(u_colormap_, 1);
    glUniform1f(u_lo_, quad.lo);
    glUniform1f(u_hi_, quad.hi);
    glUniform1i(u_classes_, quad.colormap == plot::Colormap::Classes ? 1 : 0);
    glUniform1i(u_shaded_, quad.shaded ? 1 : 0);
    glActiveTexture(GL_TEXTURE1);
    glBindSampler(1, 0);
    glBindTexture(GL_TEXTURE_2D, colormaps_[static_cast<std::size_t>(quad.colormap)]);
    // The backend selects unit 0 once per render and then only binds textures; leave unit 0 active for it.
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, quad.values);
    glBindVertexArray(vao_);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

} // namespace phasor::ui
