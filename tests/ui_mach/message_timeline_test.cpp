// The Message timeline: one lane per component, only the messages of the window shown (and exported), Spikes
// and Grads in their own halves, a colour key for the wait, and a readout on hover.
#include "mach_fixture.hpp"
#include "ui/panels/mach/message_timeline_panel.hpp"

#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using testing::chain_view;
using testing::count;
using testing::drawing_of;
using testing::MachPanelsTest;

TEST_F(MachPanelsTest, TheTimelineShowsOnlyTheMarksOfItsWindow) {
    MessageTimelinePanel panel;
    set_view(chain_view(3)); // time 30 s; a Spike at s + 0.5 and a Grad at s + 0.75 per component, s < 30
    panel.window = 5.0;
    show(panel);
    const MessageTimelineDrawing* drawing = drawing_of<MessageTimelineDrawing>(drawn("mach_timeline"));
    ASSERT_NE(drawing, nullptr);
    // [25, 30]: s = 25..29, two marks each, three components.
    EXPECT_EQ(drawing->marks_drawn(), 5u * 2u * 3u);
    const std::string table = csv("mach_timeline");
    EXPECT_EQ(count(table, "\n"), 1u + 30u);
    EXPECT_EQ(table.find(",24.75,"), std::string::npos) << "before the window";
    EXPECT_NE(table.find("2,1,spike,29.5,"), std::string::npos) << table;
    EXPECT_NE(table.find("0,1,grad,25.75,0.02,3"), std::string::npos) << table;

    panel.window = 1.0;
    show(panel);
    EXPECT_EQ(drawing_of<MessageTimelineDrawing>(drawn("mach_timeline"))->marks_drawn(), 2u * 3u);

    // A mark for a component the view does not have (a payload mid-change) is left out, not drawn off-lane.
    view().marks.push_back({7, 0, false, 29.9, 0.f, 0});
    show(panel);
    EXPECT_EQ(drawing_of<MessageTimelineDrawing>(drawn("mach_timeline"))->marks_drawn(), 2u * 3u);
}

TEST_F(MachPanelsTest, TheTimelineHasALanePerComponentAndAKey) {
    MessageTimelinePanel panel;
    set_view(chain_view(16));
    show(panel);
    const std::string picture = svg("mach_timeline");
    for (const MachNodeView& node : view().nodes)
        EXPECT_NE(picture.find(">" + node.name + "<"), std::string::npos);
    for (const char* key : {">Spike<", ">Grad<", ">waited 0<", ">now (30.0 s)<"})
        EXPECT_NE(picture.find(key), std::string::npos) << key;
    // Spikes are discs, Grads squares: one of each per message shown.
    const MessageTimelineDrawing* drawing = drawing_of<MessageTimelineDrawing>(drawn("mach_timeline"));
    EXPECT_EQ(drawing->marks_drawn(), 5u * 2u * 16u);
}

TEST_F(MachPanelsTest, SpikesAndGradsTakeTheirOwnHalfOfTheLane) {
    TimelineGeometry g = timeline_geometry(chain_view(2), 5.0, ImVec2(0, 0), ImVec2(800, 400), 15.f, 30.f);
    const MachMark spike{1, 0, false, 27.0, 0.f, 0}, grad{1, 0, true, 27.0, 0.f, 2};
    const float top = g.lanes_min.y + g.lane, bottom = top + g.lane;
    EXPECT_GT(g.at(spike).y, top);
    EXPECT_LT(g.at(spike).y, (top + bottom) / 2);
    EXPECT_GT(g.at(grad).y, (top + bottom) / 2);
    EXPECT_LT(g.at(grad).y, bottom);
    EXPECT_FLOAT_EQ(g.at(spike).x, g.x_of(27.0));
    EXPECT_FLOAT_EQ(g.x_of(30.0), g.lanes_max.x) << "now at the right edge";
}

TEST_F(MachPanelsTest, HoveringAMarkOpensItsReadout) {
    MessageTimelinePanel panel;
    set_view(chain_view(2));
    view().marks = {{0, 1, true, 29.0, 0.125f, 4}};
    show(panel);
    const auto* entry = drawn("mach_timeline");
    ASSERT_NE(entry, nullptr);
    const TimelineGeometry g =
        drawing_of<MessageTimelineDrawing>(entry)->geometry(); // where the screen drew it
    auto tooltip = [] {
        const ImGuiWindow* w = ImGui::FindWindowByName("##Tooltip_00");
        return w != nullptr && w->Active;
    };
    ImGui::GetIO().MousePos = g.at(view().marks[0]);
    show(panel, 1);
    EXPECT_TRUE(tooltip());
    // The Spike half of the same lane, at the same time: nothing there.
    ImGui::GetIO().MousePos = ImVec2(g.at(view().marks[0]).x, g.lanes_min.y + g.lane * 0.2f);
    show(panel, 1);
    EXPECT_FALSE(tooltip());
    ImGui::GetIO().MousePos = ImVec2(-1.f, -1.f);
}

} // namespace
} // namespace phasor::ui
