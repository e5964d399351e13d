// The Components panel: one box per component and one arrow per edge at 1 to 16 components, a chain with its
// head on top and a k-graph as a ring, paused and killed components told apart, a readout on hover, and the
// picture exported to SVG and CSV with its numbers.
#include "mach_fixture.hpp"
#include "ui/panels/mach/components_panel.hpp"

#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using testing::chain_view;
using testing::count;
using testing::drawing_of;
using testing::MachPanelsTest;

TEST_F(MachPanelsTest, ComponentsDrawsOneBoxPerComponentAndOneArrowPerEdge) {
    for (int n : {1, 2, 4, 16}) {
        SCOPED_TRACE(n);
        ComponentsPanel panel;
        set_view(chain_view(n));
        show(panel);
        const ComponentsDrawing* drawing = drawing_of<ComponentsDrawing>(drawn("mach_components"));
        ASSERT_NE(drawing, nullptr);
        EXPECT_EQ(drawing->nodes_drawn(), static_cast<std::size_t>(n));
        EXPECT_EQ(drawing->edges_drawn(), static_cast<std::size_t>(n - 1));
        // Every box inside the item, none over another.
        const ComponentGraphLayout& at = drawing->layout();
        const auto* entry = drawn("mach_components");
        for (std::size_t i = 0; i < at.centre.size(); ++i) {
            EXPECT_GE(at.box_min(i).y, 0.f);
            EXPECT_LE(at.box_max(i).y, entry->size.y + 40.f) << i;
            for (std::size_t j = i + 1; j < at.centre.size(); ++j)
                EXPECT_TRUE(at.box_max(i).y <= at.box_min(j).y || at.box_max(j).y <= at.box_min(i).y ||
                            at.box_max(i).x <= at.box_min(j).x || at.box_max(j).x <= at.box_min(i).x)
                    << i << " over " << j;
        }
        const std::string picture = svg("mach_components");
        for (const MachNodeView& node : view().nodes)
            EXPECT_NE(picture.find(">" + node.name + "<"), std::string::npos);
    }
}

// Parents above their children: the head at the top, the leaf at the bottom, and a one-component run centred.
TEST_F(MachPanelsTest, AChainHasItsHeadOnTop) {
    ComponentsPanel panel;
    set_view(chain_view(4));
    show(panel);
    const ComponentGraphLayout& at = drawing_of<ComponentsDrawing>(drawn("mach_components"))->layout();
    for (std::size_t i = 0; i + 1 < 4; ++i) EXPECT_GT(at.centre[i].y, at.centre[i + 1].y) << i;
    EXPECT_EQ(at.detail, ComponentGraphLayout::Accuracy) << "four fit with all their figures";

    set_view(chain_view(1));
    show(panel);
    const auto* entry = drawn("mach_components");
    const ComponentGraphLayout& one = drawing_of<ComponentsDrawing>(entry)->layout();
    ASSERT_EQ(one.centre.size(), 1u);
    EXPECT_NEAR(one.centre[0].x, entry->size.x * 0.5f + ImGui::GetStyle().WindowPadding.x, 20.f);
}

// Sixteen in a chain at a fixed export size still fit, with fewer figures each.
TEST_F(MachPanelsTest, ManyComponentsInASmallExportDropFiguresNotComponents) {
    ComponentsPanel panel;
    set_view(chain_view(16));
    show(panel);
    const std::string small =
        svg("mach_components", plot::ThemeKind::Light, plot::FigureSize::pixels(500, 400));
    for (const MachNodeView& node : view().nodes)
        EXPECT_NE(small.find(">" + node.name + "<"), std::string::npos);
    EXPECT_EQ(small.find("steps/s"), std::string::npos) << "no room for the rates";
    const std::string large =
        svg("mach_components", plot::ThemeKind::Light, plot::FigureSize::pixels(1200, 3000));
    EXPECT_EQ(count(large, "steps/s"), 16u);
}

TEST_F(MachPanelsTest, AKGraphIsARingWithTheHeadlineAtTheTop) {
    ComponentsPanel panel;
    MachView v = chain_view(6);
    v.topology = "kgraph";
    v.headline = 2;
    v.edges.clear();
    for (int i = 0; i < 6; ++i) {
        MachEdgeView e;
        e.child = i;
        e.parent = (i + 2) % 6;
        e.capacity = 4;
        v.edges.push_back(e);
    }
    set_view(std::move(v));
    show(panel);
    const ComponentsDrawing* drawing = drawing_of<ComponentsDrawing>(drawn("mach_components"));
    ASSERT_NE(drawing, nullptr);
    const ComponentGraphLayout& at = drawing->layout();
    EXPECT_TRUE(at.ring);
    EXPECT_EQ(drawing->edges_drawn(), 6u);
    for (std::size_t i = 0; i < 6; ++i)
        if (i != 2) {
            EXPECT_LT(at.centre[2].y, at.centre[i].y) << i;
        }
}

// A paused component is greyed and says so; a killed one is crossed out in red.
TEST_F(MachPanelsTest, PausedAndKilledComponentsLookDifferent) {
    ComponentsPanel panel;
    set_view(chain_view(3));
    show(panel);
    const std::string running = svg("mach_components");
    const std::string red = "#c02828"; // the light theme's "bad"
    EXPECT_EQ(running.find(red), std::string::npos);
    EXPECT_EQ(count(running, "running, "), 3u);

    view().nodes[0].state = ComponentState::Pause;
    view().nodes[1].state = ComponentState::Kill;
    show(panel);
    const std::string changed = svg("mach_components");
    EXPECT_NE(changed.find(">paused, "), std::string::npos);
    EXPECT_NE(changed.find(">killed, "), std::string::npos);
    EXPECT_EQ(count(changed, "running, "), 1u);
    // The killed box: outlined and crossed in red, two lines corner to corner.
    EXPECT_GE(count(changed, "stroke=\"" + red + "\""), 3u) << changed;
}

TEST_F(MachPanelsTest, ComponentsCsvListsEveryComponentAndEdge) {
    ComponentsPanel panel;
    set_view(chain_view(5));
    show(panel);
    const std::string table = csv("mach_components");
    EXPECT_NE(table.find("node,name,state,"), std::string::npos);
    EXPECT_NE(table.find("edge,child,parent,spikes_queued"), std::string::npos);
    EXPECT_NE(table.find("\n4,c4,running,"), std::string::npos);
    EXPECT_NE(table.find("\n3,3,4,2,1,4,"), std::string::npos) << table;
    EXPECT_EQ(count(table, "\n"), 2u + 5u + 4u);
}

// Hovering a box or an edge's figures opens a readout, found with the layout the screen was drawn with;
// the space between them opens none.
TEST_F(MachPanelsTest, HoveringAComponentOrAnEdgeOpensItsReadout) {
    ComponentsPanel panel;
    set_view(chain_view(3));
    show(panel);
    const ComponentsDrawing* drawing = drawing_of<ComponentsDrawing>(drawn("mach_components"));
    const ComponentGraphLayout at = drawing->layout();
    auto tooltip = [] {
        const ImGuiWindow* w = ImGui::FindWindowByName("##Tooltip_00");
        return w != nullptr && w->Active;
    };
    ImGui::GetIO().MousePos = at.centre[2];
    show(panel, 1);
    EXPECT_TRUE(tooltip());
    ImGui::GetIO().MousePos = edge_figures_at(view(), at, 0);
    show(panel, 1);
    EXPECT_TRUE(tooltip());
    ImGui::GetIO().MousePos = ImVec2(at.box_max(0).x + ImGui::GetFontSize() * 8.f, at.box_max(0).y);
    show(panel, 1);
    EXPECT_FALSE(tooltip());
    ImGui::GetIO().MousePos = ImVec2(-1.f, -1.f);
}

} // namespace
} // namespace phasor::ui
