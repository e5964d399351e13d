// The rule lab's FamilyUi: named for the engine family, its arrangements place only real panels inside the
// work area and together every one, a race gets the race's arrangement and a single run the other, the
// presenter views name real panels, and every panel draws a full view (and, counted, allocates nothing warm).
#include "rules_fixture.hpp"
#include "support/allocation_counter.hpp"
#include "ui/panels/rules/rules_ui.hpp"

#include <gtest/gtest.h>
#include <set>

namespace phasor::ui {
namespace {

using testing::RulesPanelsTest;

std::set<std::string, std::less<>> panel_titles() {
    std::set<std::string, std::less<>> titles{"Controls", "Metrics"};
    for (const auto& panel : rules_ui().make_panels()) titles.insert(panel->title());
    return titles;
}

TEST(RulesUi, IsTheRulesFamilysWithItsSixPanels) {
    EXPECT_EQ(rules_ui().family, "rules");
    const auto titles = panel_titles();
    for (const char* title : {"Race", "Race table", "Accuracy vs updates", "Update raster", "Update counts",
                              "Credit-assignment lens"})
        EXPECT_TRUE(titles.contains(title)) << title;
    EXPECT_EQ(rules_ui().make_panels().size(), 6u);
    EXPECT_NE(rules_ui().draw_param, nullptr);
}

TEST(RulesUi, TheArrangementsPlaceEveryPanelInsideTheWorkArea) {
    const auto titles = panel_titles();
    ASSERT_FALSE(rules_ui().layouts.empty());
    EXPECT_EQ(rules_ui().layouts.back().suits, nullptr) << "the last suits every run";
    std::set<std::string, std::less<>> placed;
    for (const Arrangement& arrangement : rules_ui().layouts) {
        std::set<std::string, std::less<>> here;
        float area = 0.f;
        for (const PanelPlace& place : arrangement.places) {
            EXPECT_TRUE(titles.contains(place.title)) << place.title;
            EXPECT_TRUE(here.insert(std::string(place.title)).second) << "twice: " << place.title;
            placed.insert(std::string(place.title));
            EXPECT_GE(place.x, 0.f);
            EXPECT_GE(place.y, 0.f);
            EXPECT_GT(place.width, 0.f);
            EXPECT_GT(place.height, 0.f);
            EXPECT_LE(place.x + place.width, 1.0001f) << place.title;
            EXPECT_LE(place.y + place.height, 1.0001f) << place.title;
            area += place.width * place.height;
        }
        EXPECT_NEAR(area, 1.f, 0.001f) << arrangement.name << ": the panels tile the work area";
        EXPECT_TRUE(here.contains("Controls") && here.contains("Race")) << arrangement.name;
    }
    EXPECT_EQ(placed, titles);
    ASSERT_EQ(rules_ui().stage.size(), 3u);
    for (const StageView& view : rules_ui().stage)
        for (const PanelPlace& place : view.places) EXPECT_TRUE(titles.contains(place.title)) << place.title;
}

TEST(RulesUi, ARaceAndASingleRunEachGetTheirArrangement) {
    Snapshot s;
    RulesView v = testing::rules_view();
    s.payload = std::make_unique<RulesView>(v);
    EXPECT_EQ(suited_arrangement(rules_ui(), s)->name, "race");
    v.variants.resize(1);
    s.payload = std::make_unique<RulesView>(v);
    EXPECT_EQ(suited_arrangement(rules_ui(), s)->name, "single run");
    s.payload.reset();
    EXPECT_EQ(suited_arrangement(rules_ui(), s)->name, "single run");
}

TEST_F(RulesPanelsTest, EveryPanelWaitsForTheFirstSnapshotThenDraws) {
    for (auto& panel : rules_ui().make_panels()) {
        SCOPED_TRACE(panel->title());
        snapshot.payload.reset();
        show(*panel, 1);
        EXPECT_NE(text.find("No run yet"), std::string::npos) << text;
        EXPECT_TRUE(shelf.drawn().empty());
        set_view(testing::rules_view());
        show(*panel, 2, 500.f);
        EXPECT_EQ(text.find("No run yet"), std::string::npos);
        EXPECT_FALSE(shelf.drawn().empty());
    }
}

#ifdef PHASOR_COUNT_MALLOC
TEST_F(RulesPanelsTest, MyPanelsDrawWithoutAllocatingOnceWarm) {
    // A legend name past 15 bytes ("feedback alignment"), which a copy of the name would allocate for.
    RulesView& v = set_view(testing::rules_view());
    ASSERT_GT(v.variants[2].name.size(), 15u);
    for (auto& panel : rules_ui().make_panels()) {
        const std::string title = panel->title();
        if (title != "Update raster" && title != "Update counts" && title != "Credit-assignment lens")
            continue;
        auto frame = [&] {
            ui.frame([&] {
                shelf.begin_frame();
                PanelContext context = testing::test_context(snapshot, history, sink, shelf);
                testing::draw_panel(*panel, context, nullptr, 500.f);
            });
        };
        for (int i = 0; i < 3; ++i) frame();
        EXPECT_EQ(phasor::testing::count_mallocs(frame), 0) << title;
    }
}
#endif

} // namespace
} // namespace phasor::ui
