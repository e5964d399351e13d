// The Delay queue panel: alignment in words and colour, neutral while the queue fills; the slots and the
// occupancy as plots; what to do after realigning a run that learnt the wrong targets.
#include "panel_fixture.hpp"
#include "ui/panels/panel_style.hpp"
#include "ui/panels/stepnet/delay_queue_panel.hpp"

#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using testing::PanelsTest;

// Whether the window drew anything in this colour (text or shape).
bool drew_in(const char* window, const ImVec4& colour) {
    const ImU32 wanted = ImGui::ColorConvertFloat4ToU32(colour);
    const ImDrawList* draw = ImGui::FindWindowByName(window)->DrawList;
    for (const ImDrawVert& v : draw->VtxBuffer)
        if (v.col == wanted) return true;
    return false;
}

TEST_F(PanelsTest, DelayQueueExplainsAlignment) {
    DelayQueuePanel panel;
    testing::RunFixture run = testing::network_run();
    view(run).aligned = true;
    show(panel, run, 1);
    EXPECT_NE(text.find("Aligned: delay depth 2, pipeline lag 2"), std::string::npos) << text;
    ASSERT_NE(drawn("delay_queue_occupancy"), nullptr);

    view(run).delay_depth = 0;
    view(run).aligned = false;
    show(panel, run, 1);
    EXPECT_NE(text.find("Not aligned"), std::string::npos);
    EXPECT_NE(text.find("2 ticks too early"), std::string::npos);
    EXPECT_TRUE(drew_in("Delay queue", kErrorColor)) << "really not aligned: said in red";
}

// Right after a build, a reset or a load the queue holds fewer targets than its depth and nothing is scored:
// not aligned yet, but nothing is wrong, so nothing is red; the panel says how far it has filled.
TEST_F(PanelsTest, AFillingQueueIsNeutralAndSaysHowFarItHasFilled) {
    DelayQueuePanel panel;
    testing::RunFixture run = testing::network_run(1); // depth 2 = lag 2: one target waits, one to come
    ASSERT_TRUE(view(run).filling);
    ASSERT_FALSE(view(run).aligned);
    show(panel, run, 1);
    EXPECT_NE(text.find("Filling: 1 of 2 targets queued; scoring starts when it is full"), std::string::npos)
        << text;
    EXPECT_EQ(text.find("Not aligned"), std::string::npos) << text;
    EXPECT_NE(text.find("scored against the target of the input that produced it"), std::string::npos);
    EXPECT_FALSE(drew_in("Delay queue", kErrorColor));
    EXPECT_FALSE(drew_in("Delay queue", kWarningColor));

    testing::RunFixture full = testing::network_run(3);
    ASSERT_FALSE(view(full).filling);
    show(panel, full, 1);
    EXPECT_NE(text.find("Aligned: delay depth 2, pipeline lag 2"), std::string::npos) << text;
    EXPECT_TRUE(drew_in("Delay queue", kGoodColor));
}

// The delay depth's line in Controls likewise.
TEST_F(PanelsTest, TheDelayDepthControlSaysFillingInsteadOfNotAligned) {
    ControlsPanel panel;
    testing::RunFixture run = testing::network_run(1);
    show(panel, run, 1);
    EXPECT_NE(text.find("depth 2: filling, 1 of 2 targets queued (pipeline lag 2)"), std::string::npos)
        << text;
    EXPECT_EQ(text.find("not aligned"), std::string::npos) << text;
    EXPECT_FALSE(drew_in("Controls", kWarningColor));

    view(run).filling = false; // a queue that scores at the wrong depth is worth the warning
    view(run).aligned = false;
    show(panel, run, 1);
    EXPECT_NE(text.find("depth 2: not aligned (pipeline lag 2)"), std::string::npos) << text;
    EXPECT_TRUE(drew_in("Controls", kWarningColor));
}

TEST_F(PanelsTest, AfterRealigningALowAccuracyRunTheDelayQueueSaysResetHelps) {
    DelayQueuePanel panel;
    testing::RunFixture run = testing::network_run();
    view(run).aligned = true;
    show(panel, run, 1);
    EXPECT_EQ(text.find("Reset starts new ones"), std::string::npos);
    history.record({50, run.snapshot.run, "train.delay_depth", "0", false});
    history.record({90, run.snapshot.run, "train.delay_depth", "\"auto\"", false});
    run.snapshot.headline[1] = 0.5f; // rolling accuracy, in the family's order
    ASSERT_EQ(run.snapshot.metric("rolling_accuracy"), 0.5f);
    show(panel, run, 1);
    EXPECT_NE(text.find("Reset starts new ones"), std::string::npos) << text;
    run.snapshot.headline[1] = 0.98f; // recovered: nothing to say
    show(panel, run, 1);
    EXPECT_EQ(text.find("Reset starts new ones"), std::string::npos);
}

} // namespace
} // namespace phasor::ui
