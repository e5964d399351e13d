// The Delay queue panel: alignment in words and colour, neutral while the queue fills; the slots and the
// occupancy as plots; what to do after realigning a run that learnt the wrong targets.
#include "panel_fixture.hpp"
#include "ui/panels/stepnet/delay_queue_panel.hpp"

#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using testing::PanelsTest;

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
