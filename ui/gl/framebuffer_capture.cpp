// Back-buffer capture (see framebuffer_capture.hpp).
#include "ui/gl/framebuffer_capture.hpp"

#include "ui/gl/offscreen_plot.hpp"

#include <glad/gl.h>

namespace phasor::ui {

Image capture_framebuffer(int width, int height) {
    if (width <= 0 || height <= 0)
        throw OffscreenError("cannot capture the window: its framebuffer has no pixels (minimised?)");
    GLint read_framebuffer = 0, pack_alignment = 4;
    glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &read_framebuffer);
    glGetIntegerv(GL_PACK_ALIGNMENT, &pack_alignment);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    glReadBuffer(GL_BACK);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);

    Image image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4)};
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());

    glPixelStorei(GL_PACK_ALIGNMENT, pack_alignment);
    glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(read_framebuffer));
    flip_rows(image);
    for (std::size_t i = 3; i < image.rgba.size(); i += 4) image.rgba[i] = 255;
    return image;
}

} // namespace phasor::ui
