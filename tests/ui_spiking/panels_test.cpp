// The other spiking panels drawn from a hand-filled view: phases only with a rhythm, the histograms' PLV and
// mean phase, the membrane traces with their spikes, the 3D view turning with a drag and picking with a
// click, the weights only when they learn, a rate line per population, every kind of environment, and the
// CSV of each plot holding its rows.
#include "spiking_fixture.hpp"
#include "ui/panels/spiking/environment_panel.hpp"
#include "ui/panels/spiking/followed_neurons.hpp"
#include "ui/panels/spiking/membrane_panel.hpp"
#include "ui/panels/spiking/neurons_panel.hpp"
#include "ui/panels/spiking/phase_panel.hpp"
#include "ui/panels/spiking/polar_panel.hpp"
#include "ui/panels/spiking/rates_panel.hpp"
#include "ui/panels/spiking/weights_panel.hpp"

#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using testing::count;
using testing::SpikingPanelsTest;

TEST_F(SpikingPanelsTest, PhasesDrawEverySpikeOverTheRhythms) {
    set_view(testing::spiking_view());
    PhasePanel panel;
    show(panel);
    ASSERT_NE(drawn("spiking_phase"), nullptr);
    EXPECT_EQ(panel.drawing().dots_drawn(), 400u);
    EXPECT_NEAR(panel.drawing().time_lo(), 1.0, 1e-6);
    const std::string table = csv("spiking_phase");
    EXPECT_EQ(count(table, "\n"), 2u + 400u + static_cast<std::size_t>(SpikingView::kTrace));
    EXPECT_NE(table.find("time_s,phase_deg,population"), std::string::npos);
    EXPECT_NE(svg("spiking_phase").find("theta 8.0 Hz"), std::string::npos);
}

TEST_F(SpikingPanelsTest, WithoutARhythmThePhasePanelsSaySo) {
    set_view(testing::spiking_view()).rhythmic = false;
    PhasePanel phases;
    show(phases);
    EXPECT_NE(text.find("No rhythm in this circuit"), std::string::npos) << text;
    PolarPanel polar;
    show(polar);
    EXPECT_NE(text.find("No rhythm in this circuit"), std::string::npos) << text;
    EXPECT_TRUE(shelf.drawn().empty());
}

TEST_F(SpikingPanelsTest, EachPopulationHasARoseWithItsLocking) {
    set_view(testing::spiking_view());
    PolarPanel panel;
    show(panel);
    const std::string picture = svg("spiking_phase_histogram");
    EXPECT_NE(picture.find("PLV 0.20, mean 90°"), std::string::npos);
    EXPECT_NE(picture.find("PLV 0.80, mean 270°"), std::string::npos);
    EXPECT_EQ(panel.drawing().grid().columns * panel.drawing().grid().rows >= 3, true);
    const std::string table = csv("spiking_phase_histogram");
    EXPECT_EQ(count(table, "\ninhibitory,"), static_cast<std::size_t>(PopulationView::kPhaseBins) + 1);
    EXPECT_NE(table.find("inputs,0.8,270"), std::string::npos) << table;
}

TEST_F(SpikingPanelsTest, MembraneTracesEachFollowedNeuronWithItsSpikes) {
    set_view(testing::spiking_view());
    MembranePanel panel;
    show(panel);
    const plot::Plot& plot = panel.plot();
    ASSERT_EQ(plot.lines.size(), 2u);
    EXPECT_EQ(plot.lines[0].data->size(), static_cast<std::size_t>(SpikingView::kTrace));
    EXPECT_NEAR((*plot.lines[0].data)[0].y, -65.f, 0.01f); // in mV
    EXPECT_NE(plot.lines[0].color, plot.lines[1].color);
    ASSERT_EQ(plot.scatters.size(), 2u);
    EXPECT_EQ(plot.scatters[1].x.size(), 3u);
    // A newer snapshot adds only its new samples.
    for (FollowedNeuron& f : view().followed)
        for (float& t : f.time) t += 0.5f;
    show(panel, 1);
    EXPECT_EQ(panel.plot().lines[0].data->size(), SpikingView::kTrace * 3u / 2u);
    view().followed.clear();
    show(panel, 1);
    EXPECT_NE(text.find("No neuron followed"), std::string::npos);
}

TEST_F(SpikingPanelsTest, DraggingTurnsTheNeuronsAndAClickPicksOne) {
    set_view(testing::spiking_view());
    NeuronsPanel panel;
    show(panel);
    ASSERT_EQ(panel.drawing().points_drawn(), 1200u);
    const Vec3 corner{1e-3f, 1e-3f, 1.2e-3f};
    const ImVec2 before = panel.drawing().projection().at(corner);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(450, 400);
    show(panel, 1);
    io.MouseDown[0] = true;
    show(panel, 1);
    for (int step = 1; step <= 4; ++step) {
        io.MousePos = ImVec2(450.f + 30.f * static_cast<float>(step), 400.f + 5.f * static_cast<float>(step));
        show(panel, 1);
    }
    io.MouseDown[0] = false;
    show(panel, 1);
    EXPECT_GT(panel.orbit.yaw, 0.7f);
    const ImVec2 after = panel.drawing().projection().at(corner);
    EXPECT_GT(std::hypot(after.x - before.x, after.y - before.y), 10.f);
    EXPECT_TRUE(sink.all<SetParam>().empty()) << "a drag is not a click";

    // Click on where neuron 1199 (the far corner) is drawn: it is followed first.
    const ImVec2 at = panel.drawing().projection().at(view().points[1199]);
    ui.click(at, body(panel));
    const auto posted = sink.all<SetParam>();
    ASSERT_EQ(posted.size(), 1u);
    EXPECT_EQ(posted[0].key, kFollowKey);
    EXPECT_EQ(std::get<std::vector<std::int64_t>>(posted[0].value).front(), 1199);
    const std::string table = csv("spiking_neurons");
    EXPECT_EQ(count(table, "\n"), 2u + 1200u + 3u);
}

TEST_F(SpikingPanelsTest, WeightsShowOnlyWhenTheyLearn) {
    set_view(testing::spiking_view());
    WeightsPanel panel;
    show(panel);
    ASSERT_NE(drawn("spiking_weights"), nullptr);
    ASSERT_NE(drawn("spiking_weight_history"), nullptr);
    const plot::Heatmap& map = panel.history().heatmaps.front();
    EXPECT_EQ(map.rows, SpikingView::kWeightBins);
    EXPECT_EQ(map.cols, 20);
    // Point 0: half the synapses in bin 32 (row 31 from the top).
    EXPECT_FLOAT_EQ(map.values[31u * 20u], 1.f);
    EXPECT_EQ(panel.histogram().histograms.front().counts.front(), 300.0);
    EXPECT_NE(csv("spiking_weights").find("300"), std::string::npos);
    view().plastic = false;
    show(panel, 1);
    EXPECT_NE(text.find("No learning synapses"), std::string::npos);
}

TEST_F(SpikingPanelsTest, RatesHaveALinePerPopulation) {
    set_view(testing::spiking_view());
    RatesPanel panel;
    show(panel);
    ASSERT_EQ(panel.plot().lines.size(), 3u);
    EXPECT_EQ(panel.plot().lines[2].name, "inputs");
    EXPECT_FLOAT_EQ((*panel.plot().lines[2].data)[0].y, 15.f);
    EXPECT_NE(csv("spiking_rates").find("inputs"), std::string::npos);
}

// A short panel gives the environment itself all its height; the reward over time, whose latest rate the
// scene's status line gives, comes back where there is room for both.
TEST_F(SpikingPanelsTest, AShortEnvironmentPanelKeepsTheSceneAndDropsTheRewardPlot) {
    set_view(testing::spiking_view());
    EnvironmentPanel panel;
    const float font = 13.f; // the headless font
    show(panel, 2, 600.f, font * 16.f);
    ASSERT_NE(drawn("spiking_environment"), nullptr);
    EXPECT_EQ(drawn("spiking_reward"), nullptr);
    const float short_scene = drawn("spiking_environment")->size.y;
    show(panel, 2, 600.f, 1000.f);
    ASSERT_NE(drawn("spiking_reward"), nullptr);
    EXPECT_GT(short_scene, font * 10.f) << "the scene fills the short panel";
}

TEST_F(SpikingPanelsTest, EveryKindOfEnvironmentDraws) {
    SpikingView& v = set_view(testing::spiking_view());
    EnvironmentPanel panel;
    show(panel);
    EXPECT_NE(svg("spiking_environment").find("arm 2"), std::string::npos);
    EXPECT_NE(csv("spiking_environment").find("arm_reward,1,0.8"), std::string::npos);
    ASSERT_NE(drawn("spiking_reward"), nullptr);
    v.environment.kind = "track";
    v.environment.length = 2.f;
    v.environment.position = 0.5f;
    v.environment.field_centers = {0.4f, 1.0f, 1.6f};
    v.environment.field_width = 0.2f;
    show(panel);
    EXPECT_NE(svg("spiking_environment").find("0.50 m"), std::string::npos);
    v.environment.kind = "target";
    v.environment.action_names = {"left", "right", "up", "down"};
    v.environment.action_probability = {0.1f, 0.6f, 0.2f, 0.1f};
    show(panel);
    EXPECT_NE(svg("spiking_environment").find("right"), std::string::npos);
    v.has_environment = false;
    show(panel, 1);
    EXPECT_NE(text.find("No environment"), std::string::npos);
}

} // namespace
} // namespace phasor::ui
