// The three plot themes (see theme.hpp). The dark one holds exactly the colours the plots have always had on
// screen, so a plot drawn without a theme looks as it did.
#include "ui/plot/theme.hpp"

#include <algorithm>
#include <cstdlib>

namespace phasor::plot {
namespace {

constexpr Rgba hex(std::uint32_t rgb) {
    return rgba(rgb >> 16 & 0xFF, rgb >> 8 & 0xFF, rgb & 0xFF);
}

constexpr Rgba dark_background = rgba(20, 21, 24);
constexpr Rgba dark_legend_fill = rgba(20, 21, 24, 215);
constexpr Rgba light_legend_fill = rgba(255, 255, 255, 225);

// Position by position the hues of series_color(): Okabe & Ito's originals where they read on white (blue,
// vermillion), the others darkened to at least 3:1 contrast (the yellow becomes an olive), the grey darkened.
constexpr std::array<Rgba, 8> light_palette = {hex(0x0072B2), hex(0xB87800), hex(0x008C66), hex(0xB5508F),
                                               hex(0x9C8C00), hex(0xD55E00), hex(0x2E86C1), hex(0x555555)};

Theme make_dark() {
    Theme t;
    t.kind = ThemeKind::Dark;
    t.name = "dark";
    t.title = "Dark";
    t.background = dark_background;
    t.plot_area = 0;
    t.frame = rgba(255, 255, 255, 90);
    t.grid = rgba(255, 255, 255, 26);
    t.text = rgba(232, 232, 232);
    t.tick_text = rgba(185, 185, 190);
    t.hidden = rgba(110, 110, 115);
    t.legend_fill = dark_legend_fill;
    t.marker_outline = rgba(0, 0, 0, 200);
    t.event_marker = rgba(226, 226, 234);
    t.event_line_alpha = 140;
    t.event_label_fill = dark_legend_fill;
    for (int i = 0; i < 8; ++i) t.palette[static_cast<std::size_t>(i)] = series_color(i);
    return t;
}

Theme make_light(bool transparent) {
    Theme t;
    t.kind = transparent ? ThemeKind::LightTransparent : ThemeKind::Light;
    t.name = transparent ? "light-transparent" : "light";
    t.title = transparent ? "Light, transparent" : "Light";
    t.background = transparent ? rgba(255, 255, 255, 0) : rgba(255, 255, 255);
    t.plot_area = 0;
    // Greys rather than black: the data should be the darkest thing in a figure.
    t.frame = rgba(0, 0, 0, 150);
    t.grid = rgba(0, 0, 0, 30);
    t.text = rgba(20, 20, 24);
    t.tick_text = rgba(64, 64, 70);
    t.hidden = rgba(165, 165, 170);
    t.legend_fill = light_legend_fill;
    t.marker_outline = rgba(255, 255, 255, 220);
    t.event_marker = rgba(70, 70, 82);
    t.event_line_alpha = 170;
    t.event_label_fill = light_legend_fill;
    t.palette = light_palette;
    return t;
}

constexpr ThemeKind kinds[] = {ThemeKind::Dark, ThemeKind::Light, ThemeKind::LightTransparent};

} // namespace

Rgba Theme::series(Rgba color, int index) const {
    const auto at = [](int i) { return static_cast<std::size_t>(std::abs(i % 8)); };
    if (color == 0) return palette[at(index)];
    for (int k = 0; k < 8; ++k)
        if ((series_color(k) & 0x00FFFFFFu) == (color & 0x00FFFFFFu))
            return (palette[at(k)] & 0x00FFFFFFu) | (color & 0xFF000000u);
    return color;
}

const Theme& theme_of(ThemeKind kind) {
    static const Theme themes[] = {make_dark(), make_light(false), make_light(true)};
    return themes[static_cast<int>(kind)];
}

std::span<const ThemeKind> theme_kinds() {
    return kinds;
}

std::optional<ThemeKind> theme_named(std::string_view name) {
    for (ThemeKind kind : kinds)
        if (theme_of(kind).name == name) return kind;
    return std::nullopt;
}

} // namespace phasor::plot
