// Offscreen plot rendering for PNG export (see offscreen_plot.hpp).
#include "ui/gl/offscreen_plot.hpp"

#include "ui/gl/gl_heatmap_painter.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <glad/gl.h>
// Debian installs the backends under imgui/backends/, which the build may or may not put on the include path.
#if __has_include(<imgui_impl_opengl3.h>)
#include <imgui_impl_opengl3.h>
#else
#include <backends/imgui_impl_opengl3.h>
#endif
#include <utility>

namespace phasor::ui {

namespace {

// Everything this export changes that the on-screen frame relies on, put back however the export ends.
class SavedGlState {
  public:
    SavedGlState() {
        glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &draw_framebuffer_);
        glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &read_framebuffer_);
        glGetIntegerv(GL_VIEWPORT, viewport_);
        glGetFloatv(GL_COLOR_CLEAR_VALUE, clear_color_);
        glGetIntegerv(GL_PACK_ALIGNMENT, &pack_alignment_);
        scissor_test_ = glIsEnabled(GL_SCISSOR_TEST);
    }
    ~SavedGlState() {
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(draw_framebuffer_));
        glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(read_framebuffer_));
        glViewport(viewport_[0], viewport_[1], viewport_[2], viewport_[3]);
        glClearColor(clear_color_[0], clear_color_[1], clear_color_[2], clear_color_[3]);
        glPixelStorei(GL_PACK_ALIGNMENT, pack_alignment_);
        if (scissor_test_)
            glEnable(GL_SCISSOR_TEST);
        else
            glDisable(GL_SCISSOR_TEST);
    }
    SavedGlState(const SavedGlState&) = delete;
    SavedGlState& operator=(const SavedGlState&) = delete;

  private:
    GLint draw_framebuffer_ = 0, read_framebuffer_ = 0, viewport_[4] = {}, pack_alignment_ = 4;
    GLfloat clear_color_[4] = {};
    GLboolean scissor_test_ = GL_FALSE;
};

// An RGBA8 colour texture attached to a framebuffer object, bound for drawing and reading while it lives.
class OffscreenTarget {
  public:
    OffscreenTarget(int width, int height) {
        GLint previous_texture = 0;
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &previous_texture);
        glGenTextures(1, &texture_);
        glBindTexture(GL_TEXTURE_2D, texture_);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(previous_texture));
        glGenFramebuffers(1, &framebuffer_);
        glBindFramebuffer(GL_FRAMEBUFFER, framebuffer_);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, texture_, 0);
        glReadBuffer(GL_COLOR_ATTACHMENT0);
        if (const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);
            status != GL_FRAMEBUFFER_COMPLETE) {
            release();
            throw OffscreenError(
                fmt::format("cannot render a {}×{} image offscreen: the framebuffer is incomplete "
                            "(status 0x{:04x}; out of GPU memory?)",
                            width, height, status));
        }
    }
    ~OffscreenTarget() { release(); }
    OffscreenTarget(const OffscreenTarget&) = delete;
    OffscreenTarget& operator=(const OffscreenTarget&) = delete;

  private:
    void release() {
        if (framebuffer_) glDeleteFramebuffers(1, &framebuffer_);
        if (texture_) glDeleteTextures(1, &texture_);
        framebuffer_ = texture_ = 0;
    }
    GLuint texture_ = 0, framebuffer_ = 0;
};

// plot::render() finds its heatmap painter globally; the export uses the one it was given.
class PainterInUse {
  public:
    explicit PainterInUse(plot::HeatmapPainter* painter) : previous_(&plot::heatmap_painter()) {
        plot::set_heatmap_painter(painter);
    }
    ~PainterInUse() { plot::set_heatmap_painter(previous_); }
    PainterInUse(const PainterInUse&) = delete;
    PainterInUse& operator=(const PainterInUse&) = delete;

  private:
    plot::HeatmapPainter* previous_;
};

void check_size(int width, int height) {
    GLint max_texture = 0, max_renderbuffer = 0, max_viewport[2] = {};
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_texture);
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &max_renderbuffer);
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, max_viewport);
    const int max_width = std::min({max_texture, max_renderbuffer, max_viewport[0]});
    const int max_height = std::min({max_texture, max_renderbuffer, max_viewport[1]});
    if (width > max_width || height > max_height)
        throw OffscreenError(fmt::format("cannot render a {}×{} image: this GPU draws at most {}×{} pixels; "
                                         "choose a smaller scale",
                                         width, height, max_width, max_height));
}

ImFont* screen_font() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.FontDefault) return io.FontDefault;
    return io.Fonts->Fonts.empty() ? nullptr : io.Fonts->Fonts[0];
}

// Blending over a cleared (0,0,0,0) target leaves colours multiplied by coverage; PNG wants them undivided.
void unpremultiply(Image& image) {
    for (std::size_t i = 0; i < image.rgba.size(); i += 4) {
        const unsigned a = image.rgba[i + 3];
        if (a == 0 || a == 255) continue;
        for (std::size_t c = 0; c < 3; ++c)
            image.rgba[i + c] =
                static_cast<std::uint8_t>(std::min(255u, (image.rgba[i + c] * 255u + a / 2) / a));
    }
}

} // namespace

void flip_rows(Image& image) {
    const auto row = static_cast<std::size_t>(image.width) * 4;
    for (int top = 0, bottom = image.height - 1; top < bottom; ++top, --bottom)
        std::swap_ranges(image.rgba.begin() + static_cast<std::ptrdiff_t>(row * top),
                         image.rgba.begin() + static_cast<std::ptrdiff_t>(row * (top + 1)),
                         image.rgba.begin() + static_cast<std::ptrdiff_t>(row * bottom));
}

Image render_plot_image(const plot::Plot& plot, const plot::PlotView& view, ImVec2 size, int scale,
                        bool transparent, ImFont* export_font, GlHeatmapPainter* painter) {
    if (scale < 1)
        throw OffscreenError(fmt::format("cannot render at scale {}: the scale must be at least 1", scale));
    plot::ExportRequest request;
    request.scale = scale;
    request.transparent = transparent;
    ImFont* on_screen = screen_font();
    const float base_size = on_screen ? on_screen->FontSize * ImGui::GetIO().FontGlobalScale : 13.f;
    return render_plot_image(plot, view, plot::resolve_figure(request, size, base_size), export_font,
                             painter);
}

Image render_plot_image(const plot::Plot& plot, const plot::PlotView& view, const plot::Figure& figure,
                        ImFont* export_font, GlHeatmapPainter* painter) {
    const int width = static_cast<int>(std::lround(figure.width));
    const int height = static_cast<int>(std::lround(figure.height));
    const bool transparent = figure.transparent;
    if (width <= 0 || height <= 0)
        throw OffscreenError(
            fmt::format("cannot render plot '{}': it has no area ({}×{})", plot.id, width, height));
    check_size(width, height);

    const SavedGlState saved;
    const OffscreenTarget target(width, height);
    // Errors left by earlier code are not this export's. Bounded: a lost context reports an error forever.
    for (int i = 0; i < 32 && glGetError() != GL_NO_ERROR; ++i) {
    }
    glViewport(0, 0, width, height);
    glDisable(GL_SCISSOR_TEST); // glClear obeys the scissor box
    if (transparent) {
        glClearColor(0.f, 0.f, 0.f, 0.f);
    } else {
        // The plot paints its own background over all of it; this only shows should it not.
        const plot::Rgba bg =
            (figure.theme ? *figure.theme : plot::theme_of(plot::ThemeKind::Dark)).background;
        glClearColor(static_cast<float>(bg & 0xFF) / 255.f, static_cast<float>(bg >> 8 & 0xFF) / 255.f,
                     static_cast<float>(bg >> 16 & 0xFF) / 255.f, 1.f);
    }
    glClear(GL_COLOR_BUFFER_BIT);

    const auto w = static_cast<float>(width), h = static_cast<float>(height);
    ImDrawList list(ImGui::GetDrawListSharedData());
    list._ResetForNewFrame();
    list.PushTextureID(ImGui::GetIO().Fonts->TexID);
    list.PushClipRect({0, 0}, {w, h});
    plot::RenderStyle style;
    style.scale = figure.scale;
    style.font = export_font ? export_font : screen_font();
    // Sized by the figure, not by the export font, which is rasterised large for sharp text.
    style.font_size = figure.font_size;
    style.transparent = transparent;
    style.theme = figure.theme;
    {
        const PainterInUse in_use(painter);
        plot::render(plot, view, list, {0, 0}, {w, h}, style);
    }

    ImDrawList* lists[] = {&list};
    ImDrawData data;
    data.Valid = true;
    data.CmdLists = lists;
    data.CmdListsCount = 1;
    data.TotalVtxCount = list.VtxBuffer.Size;
    data.TotalIdxCount = list.IdxBuffer.Size;
    data.DisplayPos = {0, 0};
    data.DisplaySize = {w, h};
    data.FramebufferScale = {1, 1};
    if (painter) painter->begin_render(data);
    ImGui_ImplOpenGL3_RenderDrawData(&data);

    Image image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4)};
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
    if (const GLenum error = glGetError(); error != GL_NO_ERROR)
        throw OffscreenError(fmt::format("cannot render a {}×{} image offscreen: GL error 0x{:04x}{}", width,
                                         height, error,
                                         error == GL_OUT_OF_MEMORY ? " (out of GPU memory)" : ""));
    flip_rows(image);
    if (transparent) {
        unpremultiply(image);
    } else {
        for (std::size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;
    }
    return image;
}

} // namespace phasor::ui
