// The colours a plot is drawn with, as one description per theme (dark for the screen, light and light on a
// transparent background for papers and slides), read by the one layout and drawing code behind the screen,
// the PNG and the SVG, so that a theme changes every output the same way.
#pragma once
#include "ui/plot/plot.hpp"

#include <array>
#include <optional>
#include <span>
#include <string_view>

namespace phasor::plot {

enum class ThemeKind {
    Dark,             // the screen's: light text and lines on a near-black background
    Light,            // dark text and lines on white, for papers
    LightTransparent, // dark text and lines on nothing, for slides of any light colour
};

struct Theme {
    ThemeKind kind = ThemeKind::Dark;
    std::string_view name;  // "dark", "light", "light-transparent": settings and file names
    std::string_view title; // "Dark", "Light", "Light, transparent": menus
    Rgba background;        // the whole figure; alpha 0: left transparent
    Rgba plot_area;         // behind the data only; alpha 0: the background shows through
    Rgba frame;             // the data area's outline, tick marks, the colour bar's outline
    Rgba grid;
    Rgba text; // title, axis labels, legend, marker labels
    Rgba tick_text;
    Rgba hidden; // legend entries toggled off
    Rgba legend_fill;
    Rgba marker_outline; // of scatter discs
    // Event markers (Plot::markers): a neutral that no series uses; lines are drawn at most
    // event_line_alpha opaque so the data stays visible through them.
    Rgba event_marker;
    int event_line_alpha;
    Rgba event_label_fill;
    // The qualitative series palette, position by position the same hues as the dark one (series_color), each
    // darkened on the light themes until it has at least 3:1 contrast on white.
    std::array<Rgba, 8> palette;

    bool transparent() const { return (background >> 24) == 0; }

    // The colour a series is drawn with: `color` (a series_color() of the dark palette is swapped for the
    // theme's colour at the same position, so panels that pick palette colours by hand still get readable
    // ones on white), or the theme's palette by position when it is 0.
    Rgba series(Rgba color, int index) const;
    // The colour an event marker is drawn with: its own, or the theme's.
    Rgba marker(const Marker& marker) const { return marker.color != 0 ? marker.color : event_marker; }
};

const Theme& theme_of(ThemeKind kind);
std::span<const ThemeKind> theme_kinds(); // every theme, in menu order
// The theme called `name` ("dark", "light", "light-transparent"), or none.
std::optional<ThemeKind> theme_named(std::string_view name);

} // namespace phasor::plot
