// The spiking panels export to PNGs that decode and show their data: rendered by the app's offscreen renderer
// with its GL heatmap painter (the raster's one texture quad) on a headless GL context (Mesa's surfaceless
// EGL), as in tests/ui_export. With SPIKING_PNG_DIR set, the images are also written there to look at.
#include "spiking_fixture.hpp"
#include "ui/panels/spiking/spiking_look.hpp"
#include "ui/panels/spiking/spiking_ui.hpp"
#include "ui_export/panel_png.hpp"

#include <cstdlib>
#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

// A raster that looks like a network: sparse background spikes (a hash of column and row), a burst of the
// inhibitory population (rows 880-920) a little before the middle of the window.
void fill_raster(SpikingView& v) {
    for (std::uint64_t c = v.raster.newest - SpikeRasterView::kColumns + 1; c <= v.raster.newest; ++c)
        for (int row = 0; row < v.raster.rows; ++row) {
            const std::uint64_t h = (c * 2654435761u) ^ (static_cast<std::uint64_t>(row) * 40503u);
            if (h % 97 == 0) testing::set_bit(v, c, row);
        }
    for (std::uint64_t c = v.raster.newest - 560; c < v.raster.newest - 500; ++c)
        for (int row = 880; row < 920; ++row) testing::set_bit(v, c, row);
}

class SpikingPng : public testing::HeadlessGlPanels<> {
  protected:
    void SetUp() override {
        HeadlessGlPanels::SetUp();
        if (started_) painter_ = std::make_unique<GlHeatmapPainter>(PHASOR_SHADER_DIR);
    }
    void TearDown() override {
        painter_.reset();
        HeadlessGlPanels::TearDown();
    }

    // Draws every spiking panel once in a 700 × 500 window and keeps their plots.
    void draw_all(const SpikingView& view) {
        panels_ = spiking_ui().make_panels();
        draw_panels(std::make_unique<SpikingView>(view), {700, 500});
    }
    testing::DecodedPng png_of(const std::string& id) {
        // SPIKING_PNG_THEME=light to look at the paper theme.
        const char* theme = std::getenv("SPIKING_PNG_THEME");
        const plot::ExportRequest request(
            plot::ExportRequest::Format::Png, 1, false,
            plot::theme_named(theme ? theme : "dark").value_or(plot::ThemeKind::Dark));
        const auto png = export_png(id, request, 1.f, 13.f, nullptr, painter_.get());
        testing::keep_png("SPIKING_PNG_DIR", id, png);
        return testing::decode_png(png);
    }

    std::unique_ptr<GlHeatmapPainter> painter_;
};

TEST_F(SpikingPng, TheRasterShowsTheBurstWhereItHappened) {
    SpikingView view = testing::spiking_view(1200);
    fill_raster(view);
    draw_all(view);
    const testing::DecodedPng image = png_of("spiking_raster");
    ASSERT_GT(image.width, 0);
    std::vector<int> palette;
    population_palette(view, palette);
    const plot::Rgba inhibitory =
        plot::colormap_color(plot::Colormap::Classes, static_cast<float>(palette[1]), 0, 1);
    // The burst is a solid block of inhibitory colour: find its middle.
    double sx = 0, sy = 0, n = 0;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            if (testing::near_colour(image.at(x, y), inhibitory, 12)) sx += x, sy += y, ++n;
    ASSERT_GT(n, 200) << "no block of the inhibitory colour";
    // 500-560 columns before the newest: a little before halfway; rows 880-920 of 1,200: about three quarters
    // down (the area leaves a gutter left and the time axis below).
    EXPECT_GT(sx / n, image.width * 0.35);
    EXPECT_LT(sx / n, image.width * 0.55);
    EXPECT_GT(sy / n, image.height * 0.55);
    EXPECT_LT(sy / n, image.height * 0.80);
}

TEST_F(SpikingPng, EveryPlotExportsAPngWithSomethingOnIt) {
    SpikingView view = testing::spiking_view(1200);
    fill_raster(view);
    draw_all(view);
    for (const char* id : {"spiking_raster", "spiking_phase", "spiking_phase_histogram", "spiking_membrane",
                           "spiking_neurons", "spiking_weights", "spiking_weight_history", "spiking_rates",
                           "spiking_environment", "spiking_reward"}) {
        SCOPED_TRACE(id);
        const testing::DecodedPng image = png_of(id);
        ASSERT_GT(image.width, 100);
        // More than the background: at least a few hundred pixels of colour or text.
        EXPECT_GT(testing::pixels_unlike_corner(image), 300);
    }
}

TEST_F(SpikingPng, NeuronsThatJustFiredLightUp) {
    SpikingView view = testing::spiking_view(1200);
    draw_all(view);
    const testing::DecodedPng image = png_of("spiking_neurons");
    ASSERT_GT(image.width, 0);
    int bright = 0;
    for (int i = 0; i < image.width * image.height; ++i) {
        const unsigned char* p = image.rgba.data() + 4 * i;
        if (p[0] + p[1] + p[2] > 520) ++bright;
    }
    EXPECT_GT(bright, 24 * 4) << "every 50th of 1,200 neurons fired a millisecond ago";
}

} // namespace
} // namespace phasor::ui
