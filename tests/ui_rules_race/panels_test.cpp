// The race panels drawn from a hand-filled RulesView: a line per variant in its colour on every plot, test
// accuracy's NaNs left out, legends that say what each variant changes (cut short, in full on hover), the
// table's rows, its best row and its sorting, accuracy against weight updates on a log axis, and the words
// shown before the first snapshot.
#include "race_fixture.hpp"
#include "ui/panels/rules/race_curves_panel.hpp"
#include "ui/panels/rules/race_table_panel.hpp"
#include "ui/panels/rules/updates_accuracy_panel.hpp"
#include "ui/panels/rules/variant_colours.hpp"
#include "ui/plot/render.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <set>

namespace phasor::ui {
namespace {

using testing::count;
using testing::finite_points;
using testing::RacePanelsTest;
using testing::tooltip;

TEST_F(RacePanelsTest, EveryPanelWaitsForTheFirstSnapshot) {
    RaceCurvesPanel race;
    RaceTablePanel table;
    UpdatesAccuracyPanel updates;
    for (Panel* panel : std::initializer_list<Panel*>{&race, &table, &updates}) {
        SCOPED_TRACE(panel->title());
        snapshot.payload.reset();
        show(*panel);
        EXPECT_NE(text.find("waiting for the first snapshot"), std::string::npos) << text;
        EXPECT_TRUE(shelf.drawn().empty());
        set_view(RulesView{}); // a payload with no variant yet says the same
        show(*panel);
        EXPECT_NE(text.find("waiting for the first snapshot"), std::string::npos) << text;
        EXPECT_TRUE(shelf.drawn().empty());
    }
}

TEST_F(RacePanelsTest, TheFactoriesMakeThePanelsByTheirTitles) {
    EXPECT_STREQ(make_race_curves_panel()->title(), "Race");
    EXPECT_STREQ(make_race_table_panel()->title(), "Race table");
    EXPECT_STREQ(make_updates_accuracy_panel()->title(), "Accuracy vs updates");
}

TEST_F(RacePanelsTest, RaceHasALinePerVariantInItsColourWithoutTheNaNs) {
    const RulesView& v = set_view(testing::rules_view());
    RaceCurvesPanel panel;
    show(panel);
    ASSERT_NE(drawn("rules_race_test_accuracy"), nullptr);
    ASSERT_NE(drawn("rules_race_loss"), nullptr);
    EXPECT_EQ(drawn("rules_race_train_accuracy"), nullptr);
    const plot::Plot& test = panel.test_accuracy();
    ASSERT_EQ(test.lines.size(), v.variants.size());
    std::set<plot::Rgba> colours;
    for (std::size_t i = 0; i < v.variants.size(); ++i) {
        SCOPED_TRACE(v.variants[i].name);
        const VariantHistory& h = v.variants[i].history;
        const plot::SeriesHistory& line = *test.lines[i].data;
        // 40 points, the first five before any evaluation.
        ASSERT_EQ(line.size(), finite_points(h.test_accuracy));
        EXPECT_EQ(line.size(), static_cast<std::size_t>(testing::kPoints - testing::kFirstEvaluation));
        EXPECT_DOUBLE_EQ(line[0].x, h.samples[testing::kFirstEvaluation]);
        EXPECT_FLOAT_EQ(line[0].y, h.test_accuracy[testing::kFirstEvaluation]);
        EXPECT_FLOAT_EQ(line[line.size() - 1].y, v.variants[i].test_accuracy);
        const plot::SeriesHistory& loss = *panel.loss().lines[i].data;
        ASSERT_EQ(loss.size(), h.loss.size());
        EXPECT_FLOAT_EQ(loss[3].y, h.loss[3]);
        EXPECT_EQ(test.lines[i].color, variant_colour(i));
        EXPECT_EQ(panel.loss().lines[i].color, variant_colour(i));
        colours.insert(test.lines[i].color);
    }
    EXPECT_EQ(colours.size(), v.variants.size()) << "two variants share a colour";
    // The CSV holds every stored point: 35 per variant and the header.
    EXPECT_EQ(count(csv("rules_race_test_accuracy"), "\n"), 1u + 4u * 35u);
    EXPECT_EQ(csv("rules_race_test_accuracy").find("nan"), std::string::npos);
}

TEST_F(RacePanelsTest, TheLegendSaysWhatEachVariantChanges) {
    const RulesView& v = set_view(testing::rules_view());
    RaceCurvesPanel panel;
    show(panel);
    const plot::Plot& test = panel.test_accuracy();
    EXPECT_EQ(test.lines[0].name, "base");
    EXPECT_EQ(test.lines[1].name, "threshold: train.rule = threshold, rule.threshold = 0.02");
    EXPECT_EQ(test.lines[2].name, "adam: train.optimizer = adam");
    // The long one is cut, keeping its name and the settings that fit whole.
    const std::string& cut = test.lines[3].name;
    EXPECT_EQ(cut.rfind("sparse-lion: train.rule = threshold, ", 0), 0u) << cut;
    EXPECT_LE(cut.size(), kLegendChars);
    EXPECT_EQ(cut.substr(cut.size() - 5), ", ...");
    // A base with a `differs` of its own shows it; a later variant with none is its name alone.
    RulesView named = v;
    named.variants[0].name = "sgd";
    named.variants[2].differs.clear();
    EXPECT_EQ(variant_label(named, 0), "sgd: base");
    EXPECT_EQ(variant_label(named, 2), "adam");
    // Cut between settings, never inside one; the name alone where not one fits.
    EXPECT_EQ(variant_label(v, 1, 40), "threshold: train.rule = threshold, ...");
    EXPECT_EQ(variant_label(v, 1, 37), "threshold");
    // The exported figure has the legend too.
    const std::string picture = svg("rules_race_test_accuracy");
    EXPECT_NE(picture.find("threshold: train.rule = threshold, rule.threshold = 0.02"), std::string::npos);
    EXPECT_NE(picture.find("sparse-lion: train.rule"), std::string::npos);
}

TEST_F(RacePanelsTest, HoveringACutLegendEntryShowsAllOfIt) {
    set_view(testing::rules_view());
    RaceCurvesPanel panel;
    show(panel);
    // Where the widget put the legend, laid out as it was drawn.
    const auto* entry = drawn("rules_race_test_accuracy");
    ASSERT_NE(entry, nullptr);
    ImDrawList scratch(ImGui::GetDrawListSharedData());
    scratch._ResetForNewFrame();
    scratch.PushTextureID(ImGui::GetIO().Fonts->TexID);
    scratch.PushClipRectFullScreen();
    const plot::PlotLayout layout =
        plot::render(entry->plot, entry->view, scratch, panel.top_min(), panel.top_max());
    const plot::PlotLayout::LegendEntry* long_entry = nullptr;
    for (const auto& e : layout.legend)
        if (e.name.rfind("sparse-lion", 0) == 0) long_entry = &e;
    ASSERT_NE(long_entry, nullptr);
    ImGui::GetIO().MousePos = {(long_entry->min.x + long_entry->max.x) / 2,
                               (long_entry->min.y + long_entry->max.y) / 2};
    show(panel, 1);
    EXPECT_TRUE(tooltip());
    EXPECT_EQ(panel.hovered_variant(), std::optional<std::size_t>{3});
    EXPECT_NE(panel.labels().full_text[3].find(testing::kLongDiffers), std::string::npos);
    // Anywhere else on the plot's frame, no such tooltip.
    ImGui::GetIO().MousePos = {panel.top_min().x + 3, panel.top_min().y + 3};
    show(panel, 1);
    EXPECT_FALSE(tooltip());
    EXPECT_FALSE(panel.hovered_variant().has_value());
    ImGui::GetIO().MousePos = {-1, -1};
}

TEST_F(RacePanelsTest, RaceCanShowTrainingAccuracyOnTop) {
    const RulesView& v = set_view(testing::rules_view());
    RaceCurvesPanel panel;
    panel.train_accuracy_on_top = true;
    show(panel);
    EXPECT_EQ(drawn("rules_race_test_accuracy"), nullptr);
    ASSERT_NE(drawn("rules_race_train_accuracy"), nullptr);
    ASSERT_EQ(panel.train_accuracy().lines.size(), v.variants.size());
    EXPECT_EQ(panel.train_accuracy().lines[1].data->size(), static_cast<std::size_t>(testing::kPoints));
}

TEST_F(RacePanelsTest, RaceFollowsNewPointsAndANewRun) {
    RulesView& v = set_view(testing::rules_view());
    RaceCurvesPanel panel;
    show(panel);
    for (VariantView& x : v.variants) {
        x.history.samples.push_back(testing::kSamplesPerPoint * (testing::kPoints + 1));
        x.history.loss.push_back(0.2f);
        x.history.train_accuracy.push_back(0.9f);
        x.history.test_accuracy.push_back(0.91f);
        x.history.weight_updates.push_back(1e9f);
    }
    show(panel, 1);
    EXPECT_EQ(panel.loss().lines[0].data->size(), static_cast<std::size_t>(testing::kPoints + 1));
    EXPECT_FLOAT_EQ((*panel.test_accuracy().lines[2].data)[35].y, 0.91f);
    // A new run of two variants.
    RulesView two = testing::rules_view();
    two.variants.resize(2);
    set_view(two);
    snapshot.run = 2;
    show(panel, 1);
    EXPECT_EQ(panel.test_accuracy().lines.size(), 2u);
}

TEST_F(RacePanelsTest, TheTableHasARowPerVariantAndMarksTheBest) {
    const RulesView& v = set_view(testing::rules_view());
    RaceTablePanel panel;
    show(panel);
    ASSERT_NE(drawn("rules_race_table"), nullptr);
    EXPECT_EQ(panel.drawing().rows_drawn(), v.variants.size());
    ASSERT_TRUE(panel.drawing().best().has_value());
    EXPECT_EQ(*panel.drawing().best(), 1u) << "threshold ends at 0.883, adam at 0.878";
    const std::string table = csv("rules_race_table");
    EXPECT_EQ(count(table, "\n"), 1u + v.variants.size()) << table;
    EXPECT_EQ(table.rfind("variant,differs,rule,optimizer,test_accuracy", 0), 0u) << table;
    EXPECT_NE(table.find("\nbase,base,backprop,sgd,"), std::string::npos) << table;
    EXPECT_NE(table.find("\nthreshold,\"train.rule = threshold, rule.threshold = 0.02\",threshold,sgd,"),
              std::string::npos)
        << table;
    // Exactly one row is the best, and it is the threshold's.
    EXPECT_EQ(count(table, ",1\n"), 1u) << table;
    const std::size_t end = table.find(",1\n");
    ASSERT_NE(end, std::string::npos);
    EXPECT_EQ(table.substr(table.rfind('\n', end) + 1, 10), "threshold,");
    EXPECT_NE(table.find(std::to_string(v.variants[1].weight_updates)), std::string::npos);
    // The picture shows the figures as read: percentages, grouped counts, memory in binary units.
    const std::string picture = svg("rules_race_table");
    EXPECT_NE(picture.find(fmt::format("{:.1f} %", v.variants[1].test_accuracy * 100)), std::string::npos);
    EXPECT_NE(picture.find("KiB"), std::string::npos);
    EXPECT_NE(picture.find("20,326,400"), std::string::npos) << "sparse-lion's updates, grouped";
    EXPECT_NE(picture.find("2.03 G"), std::string::npos) << "the base's, compact";
    EXPECT_NE(picture.find(">base<"), std::string::npos);
}

// A projector's scale in a narrow panel: the table drops its least important columns (memory first) rather
// than running off the right edge, and always keeps the variant, its test accuracy and its updates.
TEST_F(RacePanelsTest, ANarrowTableDropsColumnsByPriorityAndNeverRunsOffTheRight) {
    set_view(testing::rules_view());
    RaceTablePanel panel;
    show(panel, 2, 900.f);
    const RaceTableDrawing& table = panel.drawing();
    for (int c = RaceTableDrawing::TestAccuracy; c < RaceTableDrawing::kColumns; ++c)
        EXPECT_TRUE(table.column_shown(c)) << RaceTableDrawing::header(c) << ": room for every figure";
    show(panel, 2, 380.f);
    const auto* entry = drawn("rules_race_table");
    ASSERT_NE(entry, nullptr);
    EXPECT_LE(entry->size.x, 380.f) << "as wide as the panel, not wider";
    EXPECT_LE(table.right_edge() - table.left_edge(), 380.f) << "no column cut off at the right";
    for (int c : {RaceTableDrawing::Name, RaceTableDrawing::TestAccuracy, RaceTableDrawing::Updates})
        EXPECT_TRUE(table.column_shown(c)) << RaceTableDrawing::header(c);
    EXPECT_FALSE(table.column_shown(RaceTableDrawing::Memory)) << "the first to go";
    // In priority order: a later column is shown only if every earlier one to drop is.
    const int order[] = {RaceTableDrawing::Memory, RaceTableDrawing::Rate, RaceTableDrawing::Fired,
                         RaceTableDrawing::Loss, RaceTableDrawing::TrainAccuracy};
    for (std::size_t i = 1; i < std::size(order); ++i)
        if (table.column_shown(order[i - 1])) {
            EXPECT_TRUE(table.column_shown(order[i])) << i;
        }
}

TEST_F(RacePanelsTest, NoBestRowBeforeTheFirstEvaluation) {
    RulesView& v = set_view(testing::rules_view());
    for (VariantView& x : v.variants) x.test_accuracy = NAN;
    RaceTablePanel panel;
    show(panel);
    EXPECT_FALSE(panel.drawing().best().has_value());
    EXPECT_EQ(count(csv("rules_race_table"), ",1\n"), 0u);
    EXPECT_NE(svg("rules_race_table").find(">-<"), std::string::npos);
}

TEST_F(RacePanelsTest, ClickingAHeaderSortsByItAndAgainTheOtherWay) {
    const RulesView& v = set_view(testing::rules_view());
    RaceTablePanel panel;
    show(panel);
    EXPECT_EQ(panel.order(), (std::vector<std::size_t>{0, 1, 2, 3}));
    ui.click(panel.drawing().header_centre(RaceTableDrawing::TestAccuracy), body(panel));
    show(panel, 1);
    EXPECT_EQ(panel.sorted_by(), RaceTableDrawing::TestAccuracy);
    // Best first: threshold (0.883), adam (0.878), base (0.822), sparse-lion (0.619).
    EXPECT_EQ(panel.order(), (std::vector<std::size_t>{1, 2, 0, 3}));
    const std::string table = csv("rules_race_table");
    EXPECT_LT(table.find("\nthreshold,"), table.find("\nbase,")) << "the CSV keeps the order shown";
    ui.click(panel.drawing().header_centre(RaceTableDrawing::TestAccuracy), body(panel));
    show(panel, 1);
    EXPECT_EQ(panel.order(), (std::vector<std::size_t>{3, 0, 2, 1}));
    // Loss sorts lowest first.
    ui.click(panel.drawing().header_centre(RaceTableDrawing::Loss), body(panel));
    show(panel, 1);
    EXPECT_FALSE(panel.descending());
    for (std::size_t r = 1; r < panel.order().size(); ++r)
        EXPECT_LE(v.variants[panel.order()[r - 1]].loss, v.variants[panel.order()[r]].loss);
}

TEST_F(RacePanelsTest, ALongDiffersIsCutInTheTableAndWholeOnHover) {
    set_view(testing::rules_view());
    RaceTablePanel panel;
    show(panel, 2, 1300.f);
    EXPECT_TRUE(panel.drawing().differs_cut(3));
    EXPECT_FALSE(panel.drawing().differs_cut(1));
    // Where the screen put the row (an export, as svg() makes, lays the table out again elsewhere).
    ImGui::GetIO().MousePos = panel.drawing().row_centre(3);
    EXPECT_EQ(svg("rules_race_table").find(testing::kLongDiffers), std::string::npos);
    show(panel, 1, 1300.f);
    EXPECT_TRUE(tooltip());
    EXPECT_EQ(panel.hovered_variant(), std::optional<std::size_t>{3});
    ImGui::GetIO().MousePos = {-1, -1};
}

TEST_F(RacePanelsTest, AccuracyAgainstUpdatesOnALogAxis) {
    const RulesView& v = set_view(testing::rules_view());
    UpdatesAccuracyPanel panel;
    RaceCurvesPanel race;
    show(race);
    show(panel);
    const auto* entry = drawn("rules_updates_accuracy");
    ASSERT_NE(entry, nullptr);
    const plot::Plot& plot = panel.plot();
    EXPECT_TRUE(plot.x.log);
    ASSERT_EQ(plot.lines.size(), v.variants.size());
    for (std::size_t i = 0; i < v.variants.size(); ++i) {
        SCOPED_TRACE(v.variants[i].name);
        const VariantHistory& h = v.variants[i].history;
        const plot::SeriesHistory& line = *plot.lines[i].data;
        ASSERT_EQ(line.size(), finite_points(h.test_accuracy));
        EXPECT_DOUBLE_EQ(line[0].x, h.weight_updates[testing::kFirstEvaluation]);
        EXPECT_FLOAT_EQ(line[0].y, h.test_accuracy[testing::kFirstEvaluation]);
        // Same colours and legend as the Race panel.
        EXPECT_EQ(plot.lines[i].color, race.test_accuracy().lines[i].color);
        EXPECT_EQ(plot.lines[i].name, race.test_accuracy().lines[i].name);
    }
    // The threshold rule made 5 % of the base's updates: its line ends more than a decade to the left.
    EXPECT_LT(plot.lines[1].data->x_max() * 10, plot.lines[0].data->x_max());
    // The view spans the decades of every variant.
    EXPECT_LE(entry->view.x_lo, plot.lines[3].data->x_min());
    EXPECT_GE(entry->view.x_hi, plot.lines[0].data->x_max());
}

TEST_F(RacePanelsTest, AVariantWithNoUpdatesYetHasNoPointOnTheLogAxis) {
    RulesView& v = set_view(testing::rules_view());
    for (float& u : v.variants[2].history.weight_updates) u = 0.f;
    UpdatesAccuracyPanel panel;
    show(panel);
    EXPECT_TRUE(panel.plot().lines[2].data->empty());
    EXPECT_FALSE(panel.plot().lines[1].data->empty());
}

} // namespace
} // namespace phasor::ui
