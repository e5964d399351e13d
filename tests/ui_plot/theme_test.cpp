// Plot themes: the dark one keeps the screen's colours, the light ones put dark text and lines on white (or
// on nothing), their palette reads on white, and the one layout code carries them into the SVG.
#include "ui/plot/canvas.hpp"
#include "ui/plot/text_export.hpp"

#include <cmath>
#include <gtest/gtest.h>
#include <set>
#include <string_view>

namespace phasor::plot {
namespace {

// WCAG relative luminance and contrast, for "readable on white".
double luminance(Rgba c) {
    auto linear = [](unsigned v) {
        double x = v / 255.0;
        return x <= 0.03928 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(c & 0xFF) + 0.7152 * linear(c >> 8 & 0xFF) + 0.0722 * linear(c >> 16 & 0xFF);
}
double contrast(Rgba a, Rgba b) {
    double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
std::string hex(Rgba c) {
    char out[8];
    std::snprintf(out, sizeof out, "#%02x%02x%02x", c & 0xFF, c >> 8 & 0xFF, c >> 16 & 0xFF);
    return out;
}
std::size_t count(std::string_view text, std::string_view what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

TEST(Themes, DarkIsTheScreensColours) {
    const Theme& dark = theme_of(ThemeKind::Dark);
    EXPECT_EQ(dark.background, rgba(20, 21, 24));
    EXPECT_EQ(dark.text, rgba(232, 232, 232));
    EXPECT_EQ(dark.event_marker, rgba(226, 226, 234));
    EXPECT_EQ(dark.plot_area >> 24, 0u); // nothing drawn behind the data, as before
    for (int i = 0; i < 8; ++i) EXPECT_EQ(dark.series(0, i), series_color(i));
    EXPECT_EQ(dark.series(series_color(3), 0), series_color(3));
    EXPECT_FALSE(dark.transparent());
}

TEST(Themes, LightPutsDarkTextOnWhiteAndItsPaletteReadsThere) {
    const Theme& light = theme_of(ThemeKind::Light);
    const Rgba white = rgba(255, 255, 255);
    EXPECT_EQ(light.background, white);
    EXPECT_GT(contrast(light.text, white), 12);
    EXPECT_GT(contrast(light.tick_text, white), 7);
    EXPECT_GT(contrast(light.event_marker, white), 7);
    std::set<Rgba> distinct;
    for (int i = 0; i < 8; ++i) {
        Rgba c = light.series(0, i);
        EXPECT_GE(contrast(c, white), 3.0) << i << " " << hex(c);
        EXPECT_EQ(c >> 24, 0xFFu);
        distinct.insert(c);
        // A panel that picked the dark palette's colour by hand gets the light one at that position.
        EXPECT_EQ(light.series(series_color(i), 5), c);
    }
    EXPECT_EQ(distinct.size(), 8u);
    EXPECT_EQ(light.series(with_alpha(series_color(2), 100), 0), with_alpha(light.series(0, 2), 100));
    EXPECT_EQ(light.series(rgba(1, 2, 3), 0), rgba(1, 2, 3)); // any other colour is the caller's
    const Theme& slides = theme_of(ThemeKind::LightTransparent);
    EXPECT_TRUE(slides.transparent());
    EXPECT_EQ(slides.text, light.text);
}

TEST(Themes, AreNamed) {
    for (ThemeKind kind : theme_kinds()) EXPECT_EQ(theme_named(theme_of(kind).name), kind);
    EXPECT_EQ(theme_of(*theme_named("light-transparent")).kind, ThemeKind::LightTransparent);
    EXPECT_FALSE(theme_named("sepia"));
}

struct Figures : ::testing::Test {
    SeriesHistory a, b;
    std::vector<Marker> events{{500, "train.lr = 0.05", 0}};
    Plot plot;
    PlotView view;
    void SetUp() override {
        for (int i = 0; i <= 1000; ++i) {
            a.push(i, std::sin(static_cast<float>(i) * 0.01f));
            b.push(i, std::cos(static_cast<float>(i) * 0.01f));
        }
        plot.id = "signals";
        plot.title = "Signals";
        plot.x.label = "tick";
        plot.y.label = "value";
        plot.lines = {{"a", series_color(0), &a}, {"b", 0, &b}};
        plot.markers = &events;
        fit(plot, view);
    }
    std::string svg(ThemeKind kind) {
        ExportRequest request(ExportRequest::Format::Svg, 1, false, kind, FigureSize::pixels(900, 600));
        return to_svg(plot, view, resolve_figure(request, {300, 200}, 15));
    }
};

TEST_F(Figures, SvgCarriesTheLightColours) {
    const Theme& light = theme_of(ThemeKind::Light);
    std::string doc = svg(ThemeKind::Light);
    EXPECT_NE(doc.find("<rect x=\"0.00\" y=\"0.00\" width=\"900.00\" height=\"600.00\" fill=\"#ffffff\"/>"),
              std::string::npos)
        << doc.substr(0, 600);
    EXPECT_NE(doc.find(">Signals</text>"), std::string::npos);
    EXPECT_GT(count(doc, "fill=\"" + hex(light.text) + "\""), 3u);           // title, labels, legend
    EXPECT_GT(count(doc, "fill=\"" + hex(light.tick_text) + "\""), 6u);      // tick labels
    EXPECT_EQ(count(doc, hex(theme_of(ThemeKind::Dark).text)), 0u);          // no near-white text left
    EXPECT_EQ(count(doc, "stroke=\"" + hex(light.series(0, 0)) + "\""), 2u); // the line and its legend swatch
    EXPECT_EQ(count(doc, "stroke=\"" + hex(light.series(0, 1)) + "\""), 2u);
    EXPECT_EQ(count(doc, "stroke=\"" + hex(series_color(0)) + "\""), 0u);
    EXPECT_GT(count(doc, "stroke=\"" + hex(light.event_marker) + "\""), 0u);
}

TEST_F(Figures, TransparentSvgHasNoBackground) {
    std::string doc = svg(ThemeKind::LightTransparent);
    EXPECT_EQ(doc.find("fill=\"#ffffff\"/>"), std::string::npos) << "no full-size white rectangle";
    EXPECT_EQ(doc.find("width=\"900.00\" height=\"600.00\""), std::string::npos);
    EXPECT_GT(count(doc, "fill=\"" + hex(theme_of(ThemeKind::Light).text) + "\""), 3u);
}

TEST_F(Figures, DarkSvgIsTheOneEveryOtherPathDraws) {
    // The old entry point and a dark figure of the same size and fonts draw the same document.
    Figure figure;
    figure.width = 640, figure.height = 400;
    EXPECT_EQ(to_svg(plot, view, 640, 400), to_svg(plot, view, figure));
    ExportRequest on_screen(ExportRequest::Format::Svg, 1);
    EXPECT_EQ(to_svg(plot, view, 640, 400), to_svg(plot, view, resolve_figure(on_screen, {640, 400}, 15)));
}

} // namespace
} // namespace phasor::plot
