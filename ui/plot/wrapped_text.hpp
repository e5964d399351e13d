// Text on a canvas broken at spaces to fit a width: a diagram's status line or caption, which ImGui's own
// wrapping cannot reach, since a canvas may be an SVG or a PNG export as well as the screen.
#pragma once
#include "ui/plot/canvas.hpp"

#include <string_view>

namespace phasor::plot {

// The lines `text` takes at `size` within `width`: at least one; a word wider than the width has a line of
// its own (and overhangs it).
int wrapped_lines(Canvas& canvas, std::string_view text, float size, float width);

// Draws `text` from `top_left` down, a line every `spacing` pixels, left-aligned and broken as wrapped_lines
// counts; returns the height used (lines × spacing).
float draw_wrapped(Canvas& canvas, ImVec2 top_left, std::string_view text, float size, Rgba color,
                   float width, float spacing);

} // namespace phasor::plot
