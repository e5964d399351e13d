// The race panels export PNGs that decode and show every variant in its colour: rendered by the app's
// offscreen renderer on a headless GL context (Mesa's surfaceless EGL), as in tests/ui_export, with the app's
// fonts. With RULES_PNG_DIR set, the images are also written there to look at, at the panel sizes of a
// 1600 × 1000 and a 1280 × 720 window at UI scales 1 and 1.5, in the dark and the light theme.
#include "race_fixture.hpp"
#include "ui/panels/rules/race_curves_panel.hpp"
#include "ui/panels/rules/race_table_panel.hpp"
#include "ui/panels/rules/updates_accuracy_panel.hpp"
#include "ui/panels/rules/variant_colours.hpp"
#include "ui/theme.hpp"
#include "ui_export/panel_png.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

class RacePng : public testing::HeadlessGlPanels<> {
  protected:
    RacePng() { display_ = {1600, 1000}; }
    void configure_fonts(ImGuiIO&) override { set_scale(1.f); }
    // The app's fonts and style at a UI scale, with the font texture made again for the new atlas.
    void set_scale(float scale) {
        std::string problem;
        fonts_ = build_fonts(scale, problem);
        apply_theme(scale);
        if (!started_) return;
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }

    // Draws the three panels once in windows of `size` and keeps their plots.
    void draw_all(const RulesView& view, ImVec2 size) {
        panels_.clear();
        panels_.push_back(make_race_curves_panel());
        panels_.push_back(make_race_table_panel());
        panels_.push_back(make_updates_accuracy_panel());
        draw_panels(std::make_unique<RulesView>(view), size);
    }
    // The plot `id` as a PNG at its size on screen, decoded; written to RULES_PNG_DIR as `name` too.
    testing::DecodedPng png_of(const std::string& id, plot::ThemeKind theme = plot::ThemeKind::Dark,
                               std::string name = "") {
        const plot::ExportRequest request(plot::ExportRequest::Format::Png, 1, false, theme);
        const auto png = export_png(id, request, 1.f, ImGui::GetFontSize(), fonts_.export_font, nullptr);
        testing::keep_png("RULES_PNG_DIR", name.empty() ? id : name, png);
        return testing::decode_png(png);
    }

    Fonts fonts_;
};

constexpr const char* kPlots[] = {"rules_race_test_accuracy", "rules_race_loss", "rules_race_table",
                                  "rules_updates_accuracy"};

TEST_F(RacePng, EveryPlotShowsEveryVariantInItsColourInBothThemes) {
    const RulesView view = testing::rules_view();
    draw_all(view, {800, 560});
    for (plot::ThemeKind kind : {plot::ThemeKind::Dark, plot::ThemeKind::Light}) {
        const plot::Theme& theme = plot::theme_of(kind);
        for (const char* id : kPlots) {
            SCOPED_TRACE(fmt::format("{} in {}", id, theme.name));
            const testing::DecodedPng image = png_of(id, kind, fmt::format("{}_{}", id, theme.name));
            ASSERT_GT(image.width, 300);
            for (std::size_t v = 0; v < view.variants.size(); ++v) {
                const plot::Rgba colour = theme.series(variant_colour(v), static_cast<int>(v));
                int pixels = 0;
                for (int i = 0; i < image.width * image.height; ++i)
                    pixels += testing::near_colour(image.at(i), colour, 10);
                // A curve hundreds of pixels long, or the table's swatch (and the legend's line).
                EXPECT_GT(pixels, 40) << view.variants[v].name;
            }
        }
    }
}

TEST_F(RacePng, AVariantLeftOutLeavesNoPixelsOfItsColour) {
    // The check above can fail: with the fourth variant gone, its colour is nowhere in the curves.
    RulesView view = testing::rules_view();
    view.variants.resize(3);
    draw_all(view, {800, 560});
    const testing::DecodedPng image = png_of("rules_race_test_accuracy");
    ASSERT_GT(image.width, 300);
    const plot::Rgba fourth = plot::theme_of(plot::ThemeKind::Dark).series(variant_colour(3), 3);
    int pixels = 0;
    for (int i = 0; i < image.width * image.height; ++i)
        pixels += testing::near_colour(image.at(i), fourth, 10);
    EXPECT_LT(pixels, 5);
}

TEST_F(RacePng, AShortRacePanelShowsOnePlotAtFullHeightWithTheLossAsAChoice) {
    const RulesView view = testing::rules_view();
    auto drawn = [&](const char* id) -> const plot::PlotShelf::Entry* {
        for (const auto& entry : shelf_.drawn())
            if (entry.plot.id == id) return &entry;
        return nullptr;
    };
    draw_all(view, {800, 560});
    EXPECT_FALSE(panel<RaceCurvesPanel>()->compact());
    ASSERT_NE(drawn("rules_race_test_accuracy"), nullptr);
    ASSERT_NE(drawn("rules_race_loss"), nullptr);

    // Too short for two plots of ten lines each: one, filling the window under its title and choices, so
    // nothing scrolls.
    draw_all(view, {800, 300});
    ASSERT_TRUE(panel<RaceCurvesPanel>()->compact());
    ASSERT_NE(drawn("rules_race_test_accuracy"), nullptr);
    EXPECT_EQ(drawn("rules_race_loss"), nullptr);
    EXPECT_GT(drawn("rules_race_test_accuracy")->size.y, 300.f - ImGui::GetFontSize() * 6.f);
    auto* race = dynamic_cast<RaceCurvesPanel*>(panels_.front().get());
    ASSERT_NE(race, nullptr);
    race->loss_alone = true;
    draw_panels(std::make_unique<RulesView>(view), {800, 300});
    EXPECT_EQ(drawn("rules_race_test_accuracy"), nullptr);
    ASSERT_NE(drawn("rules_race_loss"), nullptr);
    EXPECT_GT(png_of("rules_race_loss").width, 300);
}

// Not a check of its own beyond the images decoding: the sizes a class sees, written out to look at.
TEST_F(RacePng, AtTheWindowSizesAndScalesOfAClassroom) {
    const RulesView view = testing::rules_view();
    struct Look {
        const char* name;
        float scale;
        ImVec2 size; // a panel's share of the window in the rule lab's arrangement
    };
    for (const Look& look :
         {Look{"1600x1000_s1", 1.f, {780, 470}}, Look{"1280x720_s1", 1.f, {620, 330}},
          Look{"1600x1000_s1.5", 1.5f, {780, 470}}, Look{"1280x720_s1.5", 1.5f, {620, 330}}}) {
        SCOPED_TRACE(look.name);
        set_scale(look.scale);
        draw_all(view, look.size);
        for (const char* id : kPlots) {
            // Where the Race panel has room for one plot only, the loss is a choice away (the test below).
            if (panel<RaceCurvesPanel>()->compact() && std::string_view(id) == "rules_race_loss") continue;
            EXPECT_GT(png_of(id, plot::ThemeKind::Dark, fmt::format("{}_{}", id, look.name)).width, 100);
        }
    }
}

} // namespace
} // namespace phasor::ui
