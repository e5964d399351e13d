// The spike raster: a set bit lights its pixel in its population's colour where its row and column fall, a
// dense bitmap reduces to the pixels it is drawn on, the followed neurons' spikes are ticks, clicking a row
// follows its neuron, and the export's CSV lists the set bits.
#include "spiking_fixture.hpp"
#include "ui/panels/spiking/followed_neurons.hpp"
#include "ui/panels/spiking/raster_panel.hpp"
#include "ui/panels/spiking/spiking_look.hpp"

#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using testing::SpikingPanelsTest;

TEST_F(SpikingPanelsTest, RasterWaitsForTheFirstSnapshot) {
    RasterPanel panel;
    show(panel, 1);
    EXPECT_NE(text.find("No run yet"), std::string::npos) << text;
    EXPECT_TRUE(shelf.drawn().empty());
}

TEST_F(SpikingPanelsTest, ASetBitLightsItsPixelInItsPopulationsColour) {
    SpikingView& v = set_view(testing::spiking_view(1200));
    // Inhibitory neuron 900 (row 900) fired in the newest column minus 512: the middle of the window.
    const std::uint64_t column = v.raster.newest - 511;
    testing::set_bit(v, column, 900);
    RasterPanel panel;
    show(panel);
    const auto* entry = drawn("spiking_raster");
    ASSERT_NE(entry, nullptr);
    const plot::Heatmap& cells = panel.drawing().cells();
    ASSERT_GT(cells.rows, 0);
    int lit = 0, lit_row = -1, lit_col = -1;
    for (int r = 0; r < cells.rows; ++r)
        for (int c = 0; c < cells.cols; ++c)
            if (std::isfinite(cells.values[static_cast<std::size_t>(r) * cells.cols + c]))
                ++lit, lit_row = r, lit_col = c;
    EXPECT_EQ(lit, 1);
    EXPECT_NEAR(static_cast<double>(lit_row) / cells.rows, 900.0 / 1200.0, 2.0 / cells.rows);
    EXPECT_NEAR(static_cast<double>(lit_col) / cells.cols, 512.0 / 1024.0, 2.0 / cells.cols);
    std::vector<int> palette;
    population_palette(v, palette);
    EXPECT_EQ(cells.values[static_cast<std::size_t>(lit_row) * cells.cols + lit_col], palette[1]);
    // On screen: a cell of the inhibitory class colour, halfway along and three quarters down the raster.
    const plot::Rgba color =
        plot::colormap_color(plot::Colormap::Classes, static_cast<float>(palette[1]), 0, 1);
    const ImVec2 item_min(0, 0), item_max(900, 1000);
    EXPECT_EQ(testing::SpikingPanelsTest::vertices_of(color, item_min, item_max), 4);
}

TEST_F(SpikingPanelsTest, ClickingARowFollowsItsNeuron) {
    set_view(testing::spiking_view(1200));
    RasterPanel panel;
    show(panel);
    const auto* entry = drawn("spiking_raster");
    ASSERT_NE(entry, nullptr);
    // The item starts under the window's padding; find the data area as the panel does.
    ImGuiWindow* window = ImGui::FindWindowByName(panel.title());
    ASSERT_NE(window, nullptr);
    const ImVec2 min(window->DC.CursorStartPos.x, std::round(window->DC.CursorStartPos.y));
    const ImVec2 max(min.x + entry->size.x, min.y + entry->size.y);
    const RasterLayout layout =
        lay_out_raster(view(), min, max, ImGui::GetFontSize(), FontMeasure(*ImGui::GetFont()));
    const float y = layout.row_y(1100) + 0.5f * (layout.row_y(1101) - layout.row_y(1100));
    ui.click(ImVec2((layout.data_min.x + layout.data_max.x) / 2, y), body(panel));
    const auto posted = sink.all<SetParam>();
    ASSERT_EQ(posted.size(), 1u);
    EXPECT_EQ(posted[0].key, kFollowKey);
    const auto& list = std::get<std::vector<std::int64_t>>(posted[0].value);
    ASSERT_EQ(list.size(), 3u);
    EXPECT_NEAR(static_cast<double>(list[0]), 1100.0, 1.0);
    EXPECT_EQ(list[1], 5); // the neurons followed before, after it
    EXPECT_EQ(list[2], 900);
}

TEST_F(SpikingPanelsTest, RasterCsvListsTheSetBitsAndTheFollowedSpikes) {
    SpikingView& v = set_view(testing::spiking_view(1200));
    testing::set_bit(v, v.raster.newest, 3);
    testing::set_bit(v, v.raster.newest - 10, 1000);
    RasterPanel panel;
    show(panel);
    const std::string table = csv("spiking_raster");
    EXPECT_NE(table.find("row,first_neuron,population,column,time_s"), std::string::npos);
    EXPECT_NE(table.find(fmt::format("3,3,excitatory,{},", v.raster.newest)), std::string::npos) << table;
    EXPECT_NE(table.find(fmt::format("1000,1000,inputs,{},", v.raster.newest - 10)), std::string::npos);
    EXPECT_NE(table.find("900,1.5"), std::string::npos);
}

TEST_F(SpikingPanelsTest, ADenseRasterReducesToItsPixels) {
    SpikingView& v = set_view(testing::spiking_view(1024));
    std::fill(v.raster.bits.begin(), v.raster.bits.end(), ~std::uint64_t{0});
    RasterPanel panel;
    show(panel, 1, 300.f);
    const plot::Heatmap& cells = panel.drawing().cells();
    EXPECT_LT(cells.cols, 300);
    EXPECT_LT(cells.rows, 1000);
    for (float value : cells.values) ASSERT_TRUE(std::isfinite(value));
}

} // namespace
} // namespace phasor::ui
