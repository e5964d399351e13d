// The mach FamilyUi: registered under the engine family's name, its arrangement places every panel the app
// shows for it, the presenter views name only real panels, every panel draws before the first snapshot and
// with 1 and 16 components, and a warm frame of all of them allocates nothing.
#include "mach_fixture.hpp"
#include "support/allocation_counter.hpp"
#include "ui/panels/mach/mach_ui.hpp"

#include <gtest/gtest.h>
#include <set>

namespace phasor::ui {
namespace {

using testing::chain_view;
using testing::MachPanelsTest;

std::set<std::string, std::less<>> panel_titles() {
    std::set<std::string, std::less<>> titles{"Controls", "Metrics"};
    for (const auto& panel : mach_ui().make_panels()) titles.insert(panel->title());
    return titles;
}

TEST(MachUi, IsRegisteredForTheMachFamily) {
    EXPECT_EQ(find_family_ui("mach"), &mach_ui());
    EXPECT_EQ(mach_ui().make_panels().size(), 5u);
    ParamSpec row;
    row.key = "train.lr";
    EXPECT_NE(mach_ui().draw_param, nullptr);
}

TEST(MachUi, TheArrangementPlacesEveryPanelInsideTheWorkArea) {
    const auto titles = panel_titles();
    ASSERT_FALSE(mach_ui().layouts.empty());
    EXPECT_EQ(mach_ui().layouts.back().suits, nullptr) << "the last suits every run";
    for (const Arrangement& arrangement : mach_ui().layouts) {
        std::set<std::string, std::less<>> placed;
        for (const PanelPlace& place : arrangement.places) {
            EXPECT_TRUE(titles.contains(place.title)) << place.title;
            placed.insert(std::string(place.title));
            EXPECT_GE(place.x, 0.f);
            EXPECT_LE(place.x + place.width, 1.0001f) << place.title;
            EXPECT_LE(place.y + place.height, 1.0001f) << place.title;
        }
        EXPECT_EQ(placed, titles) << arrangement.name;
    }
    ASSERT_FALSE(mach_ui().stage.empty());
    for (const StageView& view : mach_ui().stage)
        for (const PanelPlace& place : view.places) EXPECT_TRUE(titles.contains(place.title)) << place.title;
}

TEST_F(MachPanelsTest, EveryPanelWaitsForTheFirstSnapshot) {
    for (auto& panel : mach_ui().make_panels()) {
        SCOPED_TRACE(panel->title());
        snapshot.payload.reset();
        show(*panel, 1);
        EXPECT_NE(text.find("No run yet"), std::string::npos) << text;
        EXPECT_TRUE(shelf.drawn().empty());
        set_view(MachView{}); // a payload with no components yet says the same
        show(*panel, 1);
        EXPECT_NE(text.find("No run yet"), std::string::npos) << text;
    }
}

TEST_F(MachPanelsTest, EveryPanelDrawsOneAndSixteenComponents) {
    for (int n : {1, 16}) {
        auto panels = mach_ui().make_panels();
        set_view(chain_view(n));
        for (auto& panel : panels) {
            SCOPED_TRACE(::testing::Message() << panel->title() << ", " << n);
            show(*panel, 2, 500.f);
            EXPECT_EQ(text.find("No run yet"), std::string::npos);
            // Something to see: a plot, or (a single component's delays) words saying why not.
            EXPECT_TRUE(!shelf.drawn().empty() || !text.empty());
        }
    }
}

#ifdef PHASOR_COUNT_MALLOC
TEST_F(MachPanelsTest, PanelsDrawWithoutAllocatingOnceWarm) {
    set_view(chain_view(8));
    for (auto& panel : mach_ui().make_panels()) {
        // As show() does, without capturing the text (the capture allocates, the panel need not).
        auto frame = [&] {
            history.observe(snapshot);
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
