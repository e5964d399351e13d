// Fonts and colours. Every size in the UI is a multiple of the font size, so one scale factor (a projector, a
// HiDPI monitor) rebuilds the fonts and the style and the whole UI grows together.
#pragma once
#include <imgui.h>
#include <string>

namespace phasor::ui {

inline constexpr float kBaseFontPixels = 15.f;
inline constexpr float kExportFontPixels = 64.f; // plots exported at 4× still get crisp text

struct Fonts {
    ImFont* ui = nullptr;
    ImFont* export_font = nullptr;
};

// Rebuilds the font atlas at `scale` (the GL texture must be recreated afterwards). Uses DejaVu Sans from
// Debian's fonts-dejavu-core; when it is missing, falls back to ImGui's built-in font and sets `problem`.
Fonts build_fonts(float scale, std::string& problem);

// The dark theme, sized for `scale`.
void apply_theme(float scale);

} // namespace phasor::ui
