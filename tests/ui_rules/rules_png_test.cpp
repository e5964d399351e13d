// The rule lab panels export to PNGs that decode and show their data: rendered by the app's offscreen
// renderer with its GL heatmap painter (the update raster's one texture quad) on a headless GL context
// (Mesa's surfaceless EGL), as in tests/ui_export, at UI scale 1 and 1.5. With RULES_PNG_DIR set, the images
// are also written there to look at (RULES_PNG_THEME=light for the paper theme).
#include "rules_fixture.hpp"
#include "ui/panels/rules/lens_panel.hpp"
#include "ui/panels/rules/rules_ui.hpp"
#include "ui/panels/rules/update_raster_panel.hpp"
#include "ui/panels/rules/variant_colours.hpp"
#include "ui_export/panel_png.hpp"

#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

class RulesPng : public testing::HeadlessGlPanels<::testing::TestWithParam<float>> {
  protected:
    void SetUp() override {
        HeadlessGlPanels::SetUp();
        if (started_) painter_ = std::make_unique<GlHeatmapPainter>(PHASOR_SHADER_DIR);
    }
    void TearDown() override {
        painter_.reset();
        HeadlessGlPanels::TearDown();
    }
    // The app's font where it is installed, whose arrows the layers' names ("784→128") need; ImGui's
    // built-in one draws them as "?".
    void configure_fonts(ImGuiIO& io) override {
        static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2190, 0x21FF, 0x2200, 0x22FF, 0};
        constexpr const char* font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
        if (std::filesystem::exists(font)) io.Fonts->AddFontFromFileTTF(font, 13.f, nullptr, ranges);
    }

    // Draws every rule lab panel once in a 700 × 500 window and keeps their plots.
    void draw_all(const RulesView& view) {
        panels_ = rules_ui().make_panels();
        draw_panels(std::make_unique<RulesView>(view), {700, 500});
    }
    // The plot as exported from a screen at UI scale GetParam(): the window and its text that much larger.
    testing::DecodedPng png_of(const std::string& id) {
        const float ui_scale = GetParam();
        const char* theme = std::getenv("RULES_PNG_THEME");
        const plot::ExportRequest request(
            plot::ExportRequest::Format::Png, 1, false,
            plot::theme_named(theme ? theme : "dark").value_or(plot::ThemeKind::Dark));
        const auto png = export_png(id, request, ui_scale, 13.f * ui_scale, nullptr, painter_.get());
        testing::keep_png("RULES_PNG_DIR", fmt::format("{}_x{}", id, ui_scale), png);
        return testing::decode_png(png);
    }

    std::unique_ptr<GlHeatmapPainter> painter_;
};

TEST_P(RulesPng, TheUpdateRasterShowsTheBurstWhereItHappened) {
    const RulesView view = testing::rules_view();
    draw_all(view);
    const testing::DecodedPng image = png_of("rules_update_raster");
    ASSERT_GT(image.width, 0);
    // The export just drew the raster: its layout is the image's (drawn from the image's top left).
    const UpdateRasterLayout& layout = panel<UpdateRasterPanel>()->drawing().layout();
    const plot::Rgba colour =
        plot::colormap_color(plot::Colormap::Classes, static_cast<float>(layer_palette_index(1)), 0, 1);
    double sx = 0, sy = 0, n = 0;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            if (testing::near_colour(image.at(x, y), colour, 12)) sx += x, sy += y, ++n;
    ASSERT_GT(n, 100) << "no block of layer 128→64's colour";
    const double width = layout.data_max.x - layout.data_min.x;
    const double mid_tick =
        (UpdateRasterView::kColumns - (testing::kBurstTicksAgo0 + testing::kBurstTicksAgo1) / 2.0) / 256.0;
    EXPECT_NEAR(sx / n, layout.data_min.x + width * mid_tick, width * 0.03);
    const double mid_row = (layout.row_y(testing::kBurstRow0) + layout.row_y(testing::kBurstRow1)) / 2.0;
    EXPECT_NEAR(sy / n, mid_row, 3.0 * GetParam());
    EXPECT_GT(layout.data_max.y, image.height * 0.6) << "the raster takes most of the picture";
}

TEST_P(RulesPng, LensBarsStandAsTallAsTheirAnglesInThePicture) {
    const RulesView view = testing::rules_view();
    draw_all(view);
    const testing::DecodedPng image = png_of("rules_lens");
    ASSERT_GT(image.width, 0);
    const LensBarsLayout& layout = panel<LensPanel>()->bars().layout();
    // Feedback alignment (variant 2), layer 0: 80°. Up its middle from the axis, count its colour.
    const plot::Rgba colour = plot::theme_of(plot::ThemeKind::Dark).series(variant_colour(2), 2);
    const int x = static_cast<int>(layout.bar_left(0, 2) + layout.bar_width() / 2);
    int top = -1;
    for (int y = static_cast<int>(layout.data_max.y) - 2; y > 0; --y)
        if (testing::near_colour(image.at(x, y), colour, 12)) top = y;
    ASSERT_GE(top, 0);
    EXPECT_NEAR(top, layout.y_of(80), 2.0 * GetParam());
    // The threshold variant's output layer (not measured): none of its colour in its slot.
    const plot::Rgba threshold = plot::theme_of(plot::ThemeKind::Dark).series(variant_colour(1), 1);
    const int nx = static_cast<int>(layout.bar_left(2, 1) + layout.bar_width() / 2);
    for (int y = static_cast<int>(layout.data_min.y); y < static_cast<int>(layout.data_max.y) - 1; ++y)
        ASSERT_FALSE(testing::near_colour(image.at(nx, y), threshold, 6)) << y;
}

TEST_P(RulesPng, AShortLensShowsOnePlotAtATimeAtFullHeight) {
    auto drawn = [&](const char* id) -> const plot::PlotShelf::Entry* {
        for (const auto& entry : shelf_.drawn())
            if (entry.plot.id == id) return &entry;
        return nullptr;
    };
    panels_.clear();
    panels_.push_back(make_lens_panel());
    auto& lens = dynamic_cast<LensPanel&>(*panels_.front());
    draw_panels(std::make_unique<RulesView>(testing::rules_view()), {700, 500});
    EXPECT_FALSE(lens.compact());
    EXPECT_NE(drawn("rules_lens"), nullptr);
    EXPECT_NE(drawn("rules_lens_history"), nullptr);
    // Too short for two plots of ten lines: the bars alone, then (chosen) one layer over the run alone.
    draw_panels(std::make_unique<RulesView>(testing::rules_view()), {700, 260});
    ASSERT_TRUE(lens.compact());
    ASSERT_NE(drawn("rules_lens"), nullptr);
    EXPECT_EQ(drawn("rules_lens_history"), nullptr);
    EXPECT_GT(drawn("rules_lens")->size.y, 260.f - ImGui::GetFontSize() * 6.f);
    lens.history_alone = true;
    draw_panels(std::make_unique<RulesView>(testing::rules_view()), {700, 260});
    EXPECT_EQ(drawn("rules_lens"), nullptr);
    ASSERT_NE(drawn("rules_lens_history"), nullptr);
    EXPECT_GT(testing::pixels_unlike_corner(png_of("rules_lens_history")), 300);
}

TEST_P(RulesPng, EveryPlotExportsAPngWithSomethingOnIt) {
    draw_all(testing::rules_view());
    for (const char* id :
         {"rules_update_raster", "rules_update_counts", "rules_lens", "rules_lens_history"}) {
        SCOPED_TRACE(id);
        const testing::DecodedPng image = png_of(id);
        ASSERT_GT(image.width, 100);
        EXPECT_GT(testing::pixels_unlike_corner(image), 300);
    }
}

INSTANTIATE_TEST_SUITE_P(UiScale, RulesPng, ::testing::Values(1.f, 1.5f),
                         [](const auto& info) { return info.param == 1.f ? "scale_1" : "scale_1_5"; });

} // namespace
} // namespace phasor::ui
