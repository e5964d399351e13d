// Renders a plot into an offscreen framebuffer at any scale for PNG export: the same plot::render() and the
// same ImGui OpenGL3 backend as on screen, so the file looks like the widget, only sharper.
#pragma once
#include "ui/export/image.hpp"
#include "ui/plot/figure.hpp"
#include "ui/plot/render.hpp"

#include <stdexcept>

namespace phasor::ui {

class GlHeatmapPainter;

// A GL-side failure: a size beyond the GPU's limits, an incomplete framebuffer, an out-of-memory error.
class OffscreenError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Draws `plot` with `view` into a (size × scale)-pixel RGBA image, top row first. `export_font` is the font
// to draw text with (null: the UI's default font); text is sized as on screen times `scale`. `transparent`
// leaves the background clear and returns straight (not premultiplied) alpha. `painter` (may be null) draws
// the heatmaps from textures. Must be called outside ImGui's frame rendering, with the UI's GL context
// current and ImGui's OpenGL3 backend initialised. The previous framebuffer binding and viewport are
// restored. Throws OffscreenError.
Image render_plot_image(const plot::Plot& plot, const plot::PlotView& view, ImVec2 size, int scale,
                        bool transparent, ImFont* export_font, GlHeatmapPainter* painter);

// The same for a resolved export: figure.width × figure.height pixels (rounded), text of figure.font_size
// pixels, lengths times figure.scale, the figure's theme; transparent figures keep straight alpha where
// nothing is drawn.
Image render_plot_image(const plot::Plot& plot, const plot::PlotView& view, const plot::Figure& figure,
                        ImFont* export_font, GlHeatmapPainter* painter);

// Reverses the row order: GL reads the bottom row first.
void flip_rows(Image& image);

} // namespace phasor::ui
