// The rule lab's update raster, update counts and lens panels drawn from a hand-filled view: the raster's
// burst lit where and in the colour it happened, its layers banded and named, its variant in the title; a
// counts line per layer with the variant's values and the totals per sample; the lens's bars as tall as the
// angles and none where an angle was not measured; and each plot's CSV holding its rows.
#include "rules_fixture.hpp"
#include "support/recording_canvas.hpp"
#include "ui/panels/rules/lens_panel.hpp"
#include "ui/panels/rules/rules_ui.hpp"
#include "ui/panels/rules/update_counts_panel.hpp"
#include "ui/panels/rules/update_raster_panel.hpp"
#include "ui/panels/rules/variant_colours.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using testing::RulesPanelsTest;

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
        ++n;
    return n;
}

TEST_F(RulesPanelsTest, EveryPanelWaitsForTheFirstSnapshot) {
    std::unique_ptr<Panel> panels[] = {make_update_raster_panel(), make_update_counts_panel(),
                                       make_lens_panel()};
    for (auto& panel : panels) {
        SCOPED_TRACE(panel->title());
        show(*panel, 1);
        EXPECT_NE(text.find("No run yet"), std::string::npos) << text;
        EXPECT_TRUE(shelf.drawn().empty());
    }
}

TEST_F(RulesPanelsTest, TheRasterLightsTheBurstWhereItHappenedInItsLayersColour) {
    set_view(testing::rules_view());
    UpdateRasterPanel panel;
    show(panel);
    ASSERT_NE(drawn("rules_update_raster"), nullptr);
    const plot::Heatmap& cells = panel.drawing().cells();
    const UpdateRasterLayout& layout = panel.drawing().layout();
    EXPECT_FLOAT_EQ(panel.drawing().peak(), testing::kBurst);
    ASSERT_GT(cells.rows, 0);
    ASSERT_EQ(cells.strength.size(), cells.values.size());
    // Full colour only in the burst: its rows' pixels, its ticks' columns.
    const float height = layout.data_max.y - layout.data_min.y;
    const float top = layout.row_y(testing::kBurstRow0), bottom = layout.row_y(testing::kBurstRow1);
    const double left = (UpdateRasterView::kColumns - testing::kBurstTicksAgo0 - 1) / 256.0,
                 right = (UpdateRasterView::kColumns - testing::kBurstTicksAgo1 - 1) / 256.0;
    int full = 0, faint = 0;
    for (int g = 0; g < cells.rows; ++g)
        for (int c = 0; c < cells.cols; ++c) {
            const std::size_t i = static_cast<std::size_t>(g) * cells.cols + c;
            if (!std::isfinite(cells.values[i])) continue;
            if (cells.strength[i] < 0.99f) {
                ++faint;
                continue;
            }
            ++full;
            const float y = layout.data_min.y + height * (static_cast<float>(g) + 0.5f) / cells.rows;
            EXPECT_GE(y, top - 1.f);
            EXPECT_LE(y, bottom + 1.f);
            EXPECT_GE((c + 1.0) / cells.cols, left);
            EXPECT_LE(static_cast<double>(c) / cells.cols, right);
            EXPECT_EQ(cells.values[i], static_cast<float>(layer_palette_index(1)));
        }
    EXPECT_GT(full, 20);
    EXPECT_GT(faint, 50) << "the sparse background shows, faintly";
    // On screen: the layer's class colour inside the raster's area.
    const plot::Rgba colour =
        plot::colormap_color(plot::Colormap::Classes, static_cast<float>(layer_palette_index(1)), 0, 1);
    EXPECT_GE(RulesPanelsTest::vertices_of(colour, ImVec2(layout.data_min.x, top - 1),
                                           ImVec2(layout.data_max.x, bottom + 1)),
              4);
}

TEST_F(RulesPanelsTest, TheRasterBandsAndNamesEveryLayerEvenTheSmallOutput) {
    set_view(testing::rules_view());
    UpdateRasterPanel panel;
    show(panel);
    const UpdateRasterLayout& layout = panel.drawing().layout();
    ASSERT_EQ(layout.layers(), 3);
    // The output's 10 rows of 202 get a band a label fits in.
    EXPECT_GE(layout.band_top[3] - layout.band_top[2], ImGui::GetFontSize());
    EXPECT_EQ(layout.row_at(layout.row_y(150) + 0.5f * (layout.row_y(151) - layout.row_y(150))), 150);
    EXPECT_EQ(layout.layer_of_row(200), 2);
    const std::string picture = svg("rules_update_raster");
    for (const char* name : {"784→128", "128→64", "64→10"})
        EXPECT_NE(picture.find(name), std::string::npos) << name;
    EXPECT_NE(picture.find("Updates of threshold: train.rule = threshold, rule.threshold = 0.02"),
              std::string::npos);
    EXPECT_NE(picture.find("full colour: 25%"), std::string::npos);
    view().raster.variant = 0;
    show(panel, 1);
    EXPECT_EQ(panel.plot().title, "Updates of backprop (the base settings)");
}

TEST_F(RulesPanelsTest, TheRasterCsvListsEveryCellThatFired) {
    RulesView& v = set_view(testing::rules_view());
    UpdateRasterPanel panel;
    show(panel);
    const std::string table = csv("rules_update_raster");
    EXPECT_NE(table.find("layer,row,neuron_in_layer,tick,fraction"), std::string::npos);
    EXPECT_NE(table.find(fmt::format("128→64,140,12,{},0.25", v.raster.newest - testing::kBurstTicksAgo0)),
              std::string::npos);
    EXPECT_EQ(count(table, ",0.25\n"),
              static_cast<std::size_t>((testing::kBurstRow1 - testing::kBurstRow0) *
                                       (testing::kBurstTicksAgo0 - testing::kBurstTicksAgo1)));
}

TEST_F(RulesPanelsTest, ABlankRasterSaysSoAndAnEarlyOneLeavesThePastEmpty) {
    RulesView& v = set_view(testing::rules_view());
    v.raster.newest = 9; // ten ticks in: the ring's other columns are from no tick yet
    UpdateRasterPanel panel;
    show(panel);
    const plot::Heatmap& cells = panel.drawing().cells();
    for (int g = 0; g < cells.rows; ++g)
        for (int c = 0; c < cells.cols * 240 / 256; ++c)
            ASSERT_FALSE(std::isfinite(cells.values[static_cast<std::size_t>(g) * cells.cols + c]))
                << g << "," << c;
    std::fill(v.raster.cells.begin(), v.raster.cells.end(), 0.f);
    show(panel, 1);
    EXPECT_NE(svg("rules_update_raster").find("no connection changed in this window"), std::string::npos);
}

TEST_F(RulesPanelsTest, CountsHaveALinePerLayerOfTheThresholdVariantByDefault) {
    set_view(testing::rules_view());
    UpdateCountsPanel panel;
    show(panel);
    EXPECT_EQ(panel.variant(), 1);
    const plot::Plot& plot = panel.plot();
    EXPECT_TRUE(plot.y.log);
    ASSERT_EQ(plot.lines.size(), 3u);
    for (std::size_t l = 0; l < 3; ++l) {
        SCOPED_TRACE(l);
        EXPECT_EQ(plot.lines[l].name, view().layer_names[l]);
        EXPECT_EQ(plot.lines[l].color, layer_color(l));
        ASSERT_EQ(plot.lines[l].data->size(), 50u);
        EXPECT_FLOAT_EQ((*plot.lines[l].data)[0].x, 1000.f);
        EXPECT_FLOAT_EQ((*plot.lines[l].data)[1].y, 2.f * std::pow(10.f, static_cast<float>(l) - 3.f));
    }
    EXPECT_NE(plot.title.find("threshold"), std::string::npos);
    // The totals per sample: 40,000 updates of layer 1 over 50,000 samples.
    EXPECT_NE(text.find("Updates / sample"), std::string::npos) << text;
    EXPECT_NE(text.find("0.8"), std::string::npos) << text;
    EXPECT_NE(text.find("0.02"), std::string::npos) << text; // 1,000 notifications of layer 1
    EXPECT_NE(csv("rules_update_counts").find("128→64"), std::string::npos);
    // Another variant, chosen: its lines.
    panel.choose(2);
    show(panel, 1);
    EXPECT_EQ(panel.variant(), 2);
    EXPECT_FLOAT_EQ((*panel.plot().lines[0].data)[1].y, 1.f);
    // Without a threshold variant, the first.
    view().variants[1].rule = "backprop";
    panel.choose(-1);
    show(panel, 1);
    EXPECT_EQ(panel.variant(), 0);
}

TEST_F(RulesPanelsTest, LensBarsAreAsTallAsTheAnglesAndAnUnmeasuredOneIsNotThere) {
    set_view(testing::rules_view());
    LensPanel panel;
    show(panel);
    ASSERT_NE(drawn("rules_lens"), nullptr);
    const LensBarsLayout& layout = panel.bars().layout();
    EXPECT_EQ(layout.top, 90.0);
    const auto& bars = panel.bars().bars();
    ASSERT_EQ(bars.size(), 8u) << "nine angles, one not measured";
    const float height = layout.data_max.y - layout.data_min.y;
    for (const auto& bar : bars) {
        SCOPED_TRACE(fmt::format("layer {} variant {}", bar.layer, bar.variant));
        EXPECT_FALSE(bar.layer == 2 && bar.variant == 1);
        const float expected = view()
                                   .variants[static_cast<std::size_t>(bar.variant)]
                                   .lens_degrees[static_cast<std::size_t>(bar.layer)];
        EXPECT_NEAR((bar.max.y - bar.min.y) / height * 90.f, expected, 0.5f);
        EXPECT_FLOAT_EQ(bar.max.y, layout.data_max.y);
    }
    // On screen, in the threshold variant's colour: its bars over layers 0 and 1, nothing over layer 2.
    const plot::Rgba colour = plot::theme_of(plot::ThemeKind::Dark).series(variant_colour(1), 1);
    const auto slot = [&](int l) {
        const float x = layout.bar_left(l, 1);
        return std::pair{ImVec2(x - 1, layout.data_min.y),
                         ImVec2(x + layout.bar_width() + 1, layout.data_max.y)};
    };
    EXPECT_GE(RulesPanelsTest::vertices_of(colour, slot(0).first, slot(0).second), 4);
    EXPECT_EQ(RulesPanelsTest::vertices_of(colour, slot(2).first, slot(2).second), 0);
    const std::string table = csv("rules_lens");
    EXPECT_NE(table.find("64→10,threshold,\n"), std::string::npos) << table;
    EXPECT_NE(table.find("784→128,feedback alignment,80\n"), std::string::npos) << table;
    EXPECT_NE(svg("rules_lens").find("90°: orthogonal"), std::string::npos);
    // An angle past 90° raises the scale to the next 30°.
    view().variants[2].lens_degrees[0] = 100.f;
    show(panel, 1);
    EXPECT_EQ(panel.bars().layout().top, 120.0);
}

// The "90°: orthogonal" label keeps clear of every bar and the angle over it, moving along the line (or under
// it) where the bars of the last layer stand close to 90° at the right end, where it sits by default.
TEST(LensBarsDrawing, TheOrthogonalLabelKeepsClearOfTheBarsNearNinety) {
    RulesView v = testing::rules_view();
    for (auto& variant : v.variants) variant.lens_degrees = {30.f, 40.f, 86.f};
    v.variants[1].lens_degrees[2] = 91.f;
    LensBarsDrawing drawing;
    drawing.set(&v);
    for (const float font : {13.f, 19.5f}) {
        SCOPED_TRACE(fmt::format("font {}", font));
        phasor::testing::RecordingCanvas canvas;
        drawing.draw(canvas, ImVec2(0, 0), ImVec2(600, 300), plot::DrawStyle{.font_size = font});
        const auto label = std::find_if(canvas.texts.begin(), canvas.texts.end(), [](const auto& t) {
            return t.text.find("orthogonal") != t.text.npos;
        });
        ASSERT_NE(label, canvas.texts.end());
        const float x0 = label->at.x, x1 = x0 + canvas.text_width(label->text, label->size);
        const float y0 = label->at.y, y1 = y0 + font, y90 = drawing.layout().y_of(90);
        EXPECT_LT(std::abs((y0 + y1) / 2 - y90), font * 1.5f) << "beside the line it names";
        EXPECT_GE(x0, drawing.layout().data_min.x);
        EXPECT_LE(x1, drawing.layout().data_max.x);
        for (const auto& bar : drawing.bars()) {
            const bool apart =
                bar.max.x <= x0 || bar.min.x >= x1 || bar.min.y - font >= y1 || bar.max.y <= y0;
            EXPECT_TRUE(apart) << label->text << " at x " << x0 << ".." << x1 << " on layer " << bar.layer
                               << " variant " << bar.variant;
        }
    }
}

// Letters of 0.6 font sizes: a stand-in for the canvas's measure in a layout test.
class EvenMeasure final : public TextMeasure {
  public:
    float width(std::string_view text, float size) const override {
        std::size_t letters = 0;
        for (char c : text) letters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        return static_cast<float>(letters) * size * 0.6f;
    }
};

// At a projector's scale the lens chart is short and narrow (the panel keeps it at least 7 lines high): its
// tick labels stay a line apart and the layer names under neighbouring groups do not run into each other
// (staggered, or shortened to L1, L2...).
TEST(LensBarsLayout, TickLabelsAndLayerNamesDoNotOverlapInASmallChart) {
    RulesView v = testing::rules_view();
    v.variants[2].lens_degrees[0] = 100.f; // a scale to 120°: five tick labels to place
    const EvenMeasure measure;
    for (const float font : {13.f, 19.5f})
        for (const ImVec2 size : {ImVec2(410, 170), ImVec2(300, 150), ImVec2(220, 140), ImVec2(900, 400)}) {
            SCOPED_TRACE(fmt::format("font {} box {}x{}", font, size.x, size.y));
            LensBarsLayout layout;
            lay_out_lens_bars(v, ImVec2(0, 0), size, font, measure, layout);
            const float height = layout.data_max.y - layout.data_min.y;
            if (layout.tick_step > 0) {
                EXPECT_GE(height * static_cast<float>(layout.tick_step / layout.top), font * 1.2f);
            }
            EXPECT_LE(layout.label_anchor(layout.layers - 1).y + font * 1.2f, size.y + 0.5f)
                << "inside the box";
            for (int l = 0; l < layout.layers; ++l)
                for (int k = l + 1; k < layout.layers; ++k) {
                    char a_buf[16], b_buf[16];
                    const std::string_view a = lens_layer_label(v, layout, l, a_buf);
                    const std::string_view b = lens_layer_label(v, layout, k, b_buf);
                    const ImVec2 pa = layout.label_anchor(l), pb = layout.label_anchor(k);
                    if (std::abs(pa.y - pb.y) >= font) continue; // on different rows
                    const float right_of_a = pa.x + measure.width(a, font) / 2;
                    const float left_of_b = pb.x - measure.width(b, font) / 2;
                    EXPECT_LT(right_of_a, left_of_b) << a << " runs into " << b;
                }
        }
    // Wide enough, the names are whole and on one row, labelled every 30°.
    LensBarsLayout wide;
    lay_out_lens_bars(v, ImVec2(0, 0), ImVec2(900, 400), 13.f, measure, wide);
    EXPECT_FALSE(wide.short_labels);
    EXPECT_EQ(wide.label_rows, 1);
    EXPECT_EQ(wide.tick_step, 30.0);
}

TEST_F(RulesPanelsTest, TheLensOverTheRunHasALinePerVariantWithGapsWhereUnmeasured) {
    set_view(testing::rules_view());
    LensPanel panel;
    panel.layer = 2;
    show(panel);
    const plot::Plot& plot = panel.history();
    ASSERT_EQ(plot.lines.size(), 4u) << "three variants and the 90° line";
    EXPECT_EQ(plot.lines[2].name, "feedback alignment");
    EXPECT_FLOAT_EQ((*plot.lines[2].data)[0].y, 20.f);
    // The threshold variant's output layer was never measured: every point a gap, none at 0°.
    for (const plot::Point& p : plot.lines[1].data->points()) EXPECT_TRUE(std::isnan(p.y));
    EXPECT_EQ(plot.lines[1].data->y_range(0, 1e9).first, std::numeric_limits<float>::infinity());
    EXPECT_EQ(plot.lines[3].name, "orthogonal");
    EXPECT_FLOAT_EQ((*plot.lines[3].data)[1].y, 90.f);
    EXPECT_NE(plot.title.find("64→10"), std::string::npos);
}

} // namespace
} // namespace phasor::ui
