// The Gradient attention panel: factor maps shaped like the weights, histograms that fit their data, and how
// much attention changed each tensor's update over time, in a plot and in words.
#include "panel_fixture.hpp"
#include "ui/panels/stepnet/attention_panel.hpp"

#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using testing::PanelsTest;

TEST_F(PanelsTest, AttentionMapsAreShapedLikeTheWeightsAndHiddenWhenOff) {
    AttentionPanel panel;
    testing::RunFixture run = testing::network_run();
    view(run).attention = true;
    show(panel, run, 1);
    const int in[] = {4, 32, 16}, out[] = {32, 16, 3};
    for (int l = 0; l < 3; ++l) {
        const auto* map = drawn("attention_layer" + std::to_string(l));
        ASSERT_NE(map, nullptr);
        EXPECT_EQ(map->plot.heatmaps[0].rows, out[l]);
        EXPECT_EQ(map->plot.heatmaps[0].cols, in[l]);
        EXPECT_EQ(map->plot.heatmaps[0].colormap, plot::Colormap::Viridis);
        const auto* histogram = drawn("attention_histogram_layer" + std::to_string(l));
        ASSERT_NE(histogram, nullptr);
        double counted = 0;
        for (double c : histogram->plot.histograms[0].counts) counted += c;
        EXPECT_EQ(counted, in[l] * out[l]);
    }
    ASSERT_NE(drawn("attention_entropy"), nullptr);

    view(run).attention = false;
    show(panel, run, 1);
    EXPECT_EQ(drawn("attention_layer0"), nullptr);
    EXPECT_NE(text.find("attention is off"), std::string::npos);
    EXPECT_NE(drawn("attention_range"), nullptr); // its history is still worth seeing
}

} // namespace
} // namespace phasor::ui
