// The spiking FamilyUi: registered under the engine family's name, its arrangements place only real panels
// and together every one, the first that suits a run is the one for its kind, the presenter views name real
// panels, every panel waits for the first snapshot and draws a full view, and a warm frame allocates nothing.
#include "spiking_fixture.hpp"
#include "support/allocation_counter.hpp"
#include "ui/panels/spiking/spiking_ui.hpp"

#include <gtest/gtest.h>
#include <set>

namespace phasor::ui {
namespace {

using testing::SpikingPanelsTest;

std::set<std::string, std::less<>> panel_titles() {
    std::set<std::string, std::less<>> titles{"Controls", "Metrics"};
    for (const auto& panel : spiking_ui().make_panels()) titles.insert(panel->title());
    return titles;
}

TEST(SpikingUi, IsRegisteredForTheSpikingFamily) {
    EXPECT_EQ(find_family_ui("spiking"), &spiking_ui());
    EXPECT_EQ(spiking_ui().make_panels().size(), 8u);
    EXPECT_NE(spiking_ui().draw_param, nullptr);
}

TEST(SpikingUi, TheArrangementsPlaceEveryPanelInsideTheWorkArea) {
    const auto titles = panel_titles();
    ASSERT_FALSE(spiking_ui().layouts.empty());
    EXPECT_EQ(spiking_ui().layouts.back().suits, nullptr) << "the last suits every run";
    std::set<std::string, std::less<>> placed;
    for (const Arrangement& arrangement : spiking_ui().layouts) {
        std::set<std::string, std::less<>> here;
        for (const PanelPlace& place : arrangement.places) {
            EXPECT_TRUE(titles.contains(place.title)) << place.title;
            EXPECT_TRUE(here.insert(std::string(place.title)).second) << "twice: " << place.title;
            placed.insert(std::string(place.title));
            EXPECT_GE(place.x, 0.f);
            EXPECT_LE(place.x + place.width, 1.0001f) << place.title;
            EXPECT_LE(place.y + place.height, 1.0001f) << place.title;
        }
        EXPECT_TRUE(here.contains("Controls") && here.contains("Spike raster")) << arrangement.name;
    }
    EXPECT_EQ(placed, titles);
    ASSERT_FALSE(spiking_ui().stage.empty());
    for (const StageView& view : spiking_ui().stage)
        for (const PanelPlace& place : view.places) EXPECT_TRUE(titles.contains(place.title)) << place.title;
}

TEST(SpikingUi, EachKindOfCircuitGetsItsArrangement) {
    Snapshot s;
    SpikingView v = testing::spiking_view();
    const auto chosen = [&](bool rhythmic, bool environment, bool plastic) {
        v.rhythmic = rhythmic, v.has_environment = environment, v.plastic = plastic;
        s.payload = std::make_unique<SpikingView>(v);
        return std::string(suited_arrangement(spiking_ui(), s)->name);
    };
    EXPECT_EQ(chosen(true, true, false), "rhythm");
    EXPECT_EQ(chosen(true, false, false), "rhythm only");
    EXPECT_EQ(chosen(false, true, true), "environment");
    EXPECT_EQ(chosen(false, false, true), "plastic");
    EXPECT_EQ(chosen(false, false, false), "network");
}

TEST_F(SpikingPanelsTest, EveryPanelWaitsForTheFirstSnapshotThenDraws) {
    for (auto& panel : spiking_ui().make_panels()) {
        SCOPED_TRACE(panel->title());
        snapshot.payload.reset();
        show(*panel, 1);
        EXPECT_NE(text.find("No run yet"), std::string::npos) << text;
        EXPECT_TRUE(shelf.drawn().empty());
        set_view(testing::spiking_view());
        show(*panel, 2, 500.f);
        EXPECT_EQ(text.find("No run yet"), std::string::npos);
        EXPECT_FALSE(shelf.drawn().empty());
    }
}

#ifdef PHASOR_COUNT_MALLOC
TEST_F(SpikingPanelsTest, PanelsDrawWithoutAllocatingOnceWarm) {
    set_view(testing::spiking_view());
    for (auto& panel : spiking_ui().make_panels()) {
        auto frame = [&] {
            ui.frame([&] {
                shelf.begin_frame();
                PanelContext context = testing::test_context(snapshot, history, sink, shelf);
                testing::draw_panel(*panel, context, nullptr, 500.f);
            });
        };
        for (int i = 0; i < 3; ++i) frame();
        EXPECT_EQ(phasor::testing::count_mallocs(frame), 0) << panel->title();
    }
}
#endif

} // namespace
} // namespace phasor::ui
