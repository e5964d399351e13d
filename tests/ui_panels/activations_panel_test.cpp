// The Activations panel draws the engine's history on a true time axis: its columns are the engine's, at the
// ticks they were taken; single steps give one column per tick; columns taken at another stride keep their
// own width; the x axis says how far apart the columns are, and a wide layer which neurons it shows.
#include "panel_fixture.hpp"
#include "ui/panels/stepnet/activations_panel.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using testing::PanelsTest;

TEST_F(PanelsTest, ActivationHeatmapsAreTheEnginesHistoryWithTheirColourScales) {
    ActivationsPanel panel;
    testing::RunFixture run = testing::paced_run(testing::stepnet_params("lowhighmix"), {{10.0, 300}});
    show(panel, run, 5); // frames redrawing one snapshot add nothing
    const StepNetView& v = view(run);
    ASSERT_EQ(v.history_ticks.size(), StepNetView::kHistoryColumns);
    const int sizes[] = {32, 16, 3};
    const plot::Colormap maps[] = {plot::Colormap::Viridis, plot::Colormap::Diverging,
                                   plot::Colormap::Viridis};
    for (int l = 0; l < 3; ++l) {
        SCOPED_TRACE(l);
        const auto* entry = drawn("activations_layer" + std::to_string(l));
        ASSERT_NE(entry, nullptr);
        EXPECT_EQ(entry->plot.title,
                  fmt::format("Layer {} ({}, {} neurons)", l, v.layers[l].activation, sizes[l]));
        EXPECT_EQ(entry->plot.x.label, "tick (a column per tick)");
        ASSERT_EQ(entry->plot.heatmaps.size(), 1u);
        const plot::Heatmap& map = entry->plot.heatmaps[0];
        EXPECT_EQ(map.rows, sizes[l]);
        ASSERT_EQ(map.cols, 240);
        EXPECT_EQ(map.colormap, maps[l]);
        // x in ticks: from the oldest column's tick to one past the newest.
        EXPECT_EQ(plot::column_edge(map, 0), 60.0);
        EXPECT_EQ(plot::column_edge(map, 240), 300.0);
        EXPECT_EQ(entry->view.x_lo, 60.0);
        EXPECT_EQ(entry->view.x_hi, 300.0);
        // Neuron i of column c is drawn in row rows − 1 − i (neuron 0 at the bottom).
        const auto& history = v.layers[l].history;
        for (int c : {0, 117, 239})
            for (int i : {0, sizes[l] - 1})
                EXPECT_EQ(map.values[static_cast<std::size_t>((sizes[l] - 1 - i) * 240 + c)],
                          history[static_cast<std::size_t>(c * sizes[l] + i)])
                    << "column " << c << " neuron " << i;
    }
    EXPECT_EQ(drawn("activations_layer1")->plot.heatmaps[0].lo, -1.f); // tanh: symmetric, fixed
    EXPECT_EQ(text.find("not shown"), std::string::npos) << "every tick is a column: nothing to explain";
}

TEST_F(PanelsTest, SingleStepsGiveAColumnPerTick) {
    ActivationsPanel panel;
    testing::RunFixture run = testing::paced_run(testing::stepnet_params("lowhighmix"), {{1.0, 7}});
    show(panel, run, 1);
    const auto* entry = drawn("activations_layer0");
    ASSERT_NE(entry, nullptr);
    const plot::Heatmap& map = entry->plot.heatmaps[0];
    ASSERT_EQ(map.cols, 7);
    for (int c = 0; c <= 7; ++c) EXPECT_EQ(plot::column_edge(map, c), c) << c;
}

TEST_F(PanelsTest, AtSpeedTheColumnsAreStridesApartAndSaySo) {
    ActivationsPanel panel;
    testing::RunFixture run = testing::paced_run(testing::stepnet_params("lowhighmix"), {{0.0, 50'000}});
    show(panel, run, 1);
    const auto* entry = drawn("activations_layer2");
    ASSERT_NE(entry, nullptr);
    const plot::Heatmap& map = entry->plot.heatmaps[0];
    ASSERT_EQ(map.cols, 4); // ticks 0, 16384, 32768, 49152
    EXPECT_EQ(plot::column_edge(map, 1), 16384.0);
    EXPECT_EQ(plot::column_edge(map, 4), 65536.0);
    EXPECT_EQ(entry->plot.x.label, "tick (a column every 16384 ticks)");
    EXPECT_NE(text.find("the ticks between are not shown"), std::string::npos) << text;
}

// Full speed, then slowed to 100 ticks/s (every 2nd tick): the old columns stay as wide as the 16,384 ticks
// each stood for, the new ones 2 ticks, and the axis says since when.
TEST_F(PanelsTest, ColumnsTakenAtAnotherStrideKeepTheirWidth) {
    ActivationsPanel panel;
    testing::RunFixture run =
        testing::paced_run(testing::stepnet_params("lowhighmix"), {{0.0, 100'000}, {100.0, 9}});
    show(panel, run, 1);
    const auto* entry = drawn("activations_layer0");
    ASSERT_NE(entry, nullptr);
    const plot::Heatmap& map = entry->plot.heatmaps[0];
    ASSERT_EQ(map.cols, 12);
    EXPECT_EQ(map.x_edges, (std::vector<double>{0, 16384, 32768, 49152, 65536, 81920, 98304, 100000, 100002,
                                                100004, 100006, 100008, 100010}));
    EXPECT_EQ(plot::column_at(map, 99'999.0), 6);
    EXPECT_EQ(plot::column_at(map, 100'003.0), 8);
    EXPECT_EQ(entry->plot.x.label, "tick (a column every 2 ticks since tick 100000)");
}

// A layer wider than the engine pictures (128 neurons) says which it shows; its rows span the layer's
// neuron numbers.
TEST_F(PanelsTest, AWideLayerSaysWhichNeuronsItShows) {
    ActivationsPanel panel;
    ParamSet params = testing::stepnet_params("lowhighmix");
    params.set("network.layers", std::vector<std::int64_t>{4, 300, 16, 3});
    testing::RunFixture run = testing::paced_run(std::move(params), {{10.0, 20}});
    show(panel, run, 1);
    const auto* entry = drawn("activations_layer0");
    ASSERT_NE(entry, nullptr);
    EXPECT_EQ(entry->plot.title, "Layer 0 (relu, 128 of 300 neurons)");
    EXPECT_EQ(entry->plot.y.label, "neuron (128 evenly spaced)");
    const plot::Heatmap& map = entry->plot.heatmaps[0];
    EXPECT_EQ(map.rows, 128);
    EXPECT_EQ(map.y1, 300.0);
}

TEST_F(PanelsTest, NoActivationsBeforeTheFirstTick) {
    ActivationsPanel panel;
    testing::RunFixture run = testing::paced_run(testing::stepnet_params("lowhighmix"), {{10.0, 0}});
    show(panel, run, 1);
    EXPECT_EQ(drawn("activations_layer0"), nullptr);
    EXPECT_NE(text.find("No activations yet"), std::string::npos) << text;
}

} // namespace
} // namespace phasor::ui
