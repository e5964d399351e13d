// Every panel drawn headless for an empty run, a 4→32→16→3 run and a 2-D task, checking what each one puts on
// screen: which plots (by id and shape), which colour scales, and the texts that stand in for missing data.
#include "headless_ui.hpp"
#include "ui/panels/controls_panel.hpp"
#include "ui/panels/metrics_panel.hpp"
#include "ui/panels/status_bar.hpp"
#include "ui/panels/stepnet/activations_panel.hpp"
#include "ui/panels/stepnet/attention_panel.hpp"
#include "ui/panels/stepnet/decision_panel.hpp"
#include "ui/panels/stepnet/delay_queue_panel.hpp"
#include "ui/panels/stepnet/network_panel.hpp"
#include "ui/panels/stepnet/stepnet_ui.hpp"

#include <gtest/gtest.h>
#include <set>

namespace phasor::ui {
namespace {

using testing::HeadlessImGui;

class PanelsTest : public ::testing::Test {
  protected:
    HeadlessImGui ui;
    RunHistory history;
    testing::RecordingSink sink;
    plot::PlotShelf shelf;
    std::string text;

    // Observes the run over a few frames, the way the app feeds the history, and draws `panel` each frame.
    void show(Panel& panel, testing::RunFixture& run, int frames = 3) {
        history.observe(run.snapshot);
        history.append(run.samples);
        for (int f = 0; f < frames; ++f) {
            history.observe(run.snapshot);
            ui.frame([&] {
                shelf.begin_frame();
                PanelContext context{.snapshot = run.snapshot,
                                     .history = history,
                                     .commands = sink,
                                     .plots = shelf,
                                     .preset_dirs = {},
                                     .preset = "test",
                                     .presenter = false};
                testing::draw_panel(panel, context, &text);
            });
            ++run.snapshot.tick;
        }
    }
    // Every panel the app shows with a stepped network: the common ones, then the family's.
    static std::vector<std::unique_ptr<Panel>> all_panels() {
        std::vector<std::unique_ptr<Panel>> panels;
        panels.push_back(std::make_unique<ControlsPanel>());
        panels.push_back(std::make_unique<MetricsPanel>());
        for (auto& panel : stepnet_ui().make_panels()) panels.push_back(std::move(panel));
        return panels;
    }
    static StepNetView& view(testing::RunFixture& run) { return *run.snapshot.payload_as<StepNetView>(); }
    const plot::PlotShelf::Entry* drawn(const std::string& id) const {
        for (const auto& entry : shelf.drawn())
            if (entry.plot.id == id) return &entry;
        return nullptr;
    }
};

TEST_F(PanelsTest, EveryPanelDrawsEveryKindOfRun) {
    for (auto make :
         {testing::empty_run, +[] { return testing::network_run(); }, +[] { return testing::plane_run(); }}) {
        testing::RunFixture run = make();
        for (auto& panel : all_panels()) {
            SCOPED_TRACE(panel->title());
            show(*panel, run);
            EXPECT_NE(ImGui::FindWindowByName(panel->title()), nullptr);
        }
        EXPECT_TRUE(sink.commands.empty()) << "drawing alone posts nothing";
    }
}

TEST_F(PanelsTest, PanelListIsCompleteOrderedAndDescribed) {
    const auto panels = all_panels();
    std::vector<std::string> titles;
    for (const auto& panel : panels) {
        titles.emplace_back(panel->title());
        EXPECT_GT(std::string(panel->tooltip()).size(), 20u) << panel->title();
        EXPECT_TRUE(panel->open);
    }
    EXPECT_EQ(titles,
              (std::vector<std::string>{"Controls", "Metrics", "Network", "Activations", "Delay queue",
                                        "Gradient attention", "Decision map", "Neurons"}));
    // The family's layout places every one of them.
    for (const std::string& title : titles)
        EXPECT_TRUE(std::any_of(stepnet_ui().layout.begin(), stepnet_ui().layout.end(),
                                [&](const PanelPlace& p) { return p.title == title; }))
            << title;
}

TEST_F(PanelsTest, NetworkPictureDrawsNeuronsAndConnections) {
    NetworkPanel panel;
    testing::RunFixture empty = testing::empty_run();
    show(panel, empty, 1);
    EXPECT_NE(text.find("No network yet"), std::string::npos);
    const int empty_vertices = ImGui::FindWindowByName("Network")->DrawList->VtxBuffer.Size;

    testing::RunFixture run = testing::network_run();
    show(panel, run, 1);
    // 55 neurons and hundreds of lines: far more geometry than the empty window's frame and text.
    EXPECT_GT(ImGui::FindWindowByName("Network")->DrawList->VtxBuffer.Size, empty_vertices + 2000);
}

TEST_F(PanelsTest, MetricsShowsTheFamilysChannelsAndPerClassBars) {
    MetricsPanel panel;
    testing::RunFixture run = testing::network_run();
    show(panel, run);
    for (const char* id :
         {"metrics_loss", "metrics_rolling_accuracy", "metrics_lr", "metrics_ticks_per_second"}) {
        const auto* entry = drawn(id);
        ASSERT_NE(entry, nullptr) << id;
        ASSERT_EQ(entry->plot.lines.size(), 1u);
        ASSERT_NE(entry->plot.lines[0].data, nullptr);
        EXPECT_EQ(entry->plot.lines[0].data->size(), run.samples.size()) << id;
    }
    EXPECT_TRUE(drawn("metrics_loss")->plot.y.log);
    EXPECT_TRUE(drawn("metrics_lr")->plot.y.log);
    EXPECT_FALSE(drawn("metrics_rolling_accuracy")->plot.y.log);
    // The family keeps these for its own panels.
    EXPECT_EQ(drawn("metrics_queue_occupancy"), nullptr);
    EXPECT_EQ(drawn("metrics_attention_entropy"), nullptr);
    EXPECT_EQ(drawn("metrics_loss")->plot.markers, &history.markers());
    const auto* eval = drawn("metrics_eval_per_class");
    ASSERT_NE(eval, nullptr);
    ASSERT_EQ(eval->plot.bars.size(), 1u);
    EXPECT_EQ(eval->plot.bars[0].labels, run.snapshot.class_names);
    ASSERT_EQ(eval->plot.bars[0].values.size(), 3u);
    EXPECT_FLOAT_EQ(static_cast<float>(eval->plot.bars[0].values[1]),
                    run.snapshot.eval.per_class_accuracy[1]);
}

TEST_F(PanelsTest, ActivationHeatmapsPerLayerWithTheirColourScales) {
    ActivationsPanel panel;
    testing::RunFixture run = testing::network_run();
    show(panel, run, 5);
    const int sizes[] = {32, 16, 3};
    const plot::Colormap maps[] = {plot::Colormap::Viridis, plot::Colormap::Diverging,
                                   plot::Colormap::Viridis};
    for (int l = 0; l < 3; ++l) {
        const auto* entry = drawn("activations_layer" + std::to_string(l));
        ASSERT_NE(entry, nullptr) << l;
        ASSERT_EQ(entry->plot.heatmaps.size(), 1u);
        const plot::Heatmap& map = entry->plot.heatmaps[0];
        EXPECT_EQ(map.rows, sizes[l]);
        EXPECT_EQ(map.cols, 5); // one column per observed tick
        EXPECT_EQ(map.values.size(), static_cast<std::size_t>(map.rows * map.cols));
        EXPECT_EQ(map.colormap, maps[l]);
        EXPECT_EQ(map.x1, static_cast<double>(run.snapshot.tick)); // the last one drawn, plus one
    }
    EXPECT_EQ(drawn("activations_layer1")->plot.heatmaps[0].lo, -1.f); // tanh: symmetric, fixed
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

TEST_F(PanelsTest, DecisionMapForPlaneTasksOnly) {
    DecisionPanel panel;
    testing::RunFixture other = testing::network_run();
    show(panel, other, 1);
    EXPECT_EQ(drawn("decision_map"), nullptr);
    EXPECT_NE(text.find("not 2-D"), std::string::npos);

    testing::RunFixture run = testing::plane_run();
    show(panel, run, 1);
    const auto* entry = drawn("decision_map");
    ASSERT_NE(entry, nullptr);
    const DecisionMap& decision = view(run).decision;
    ASSERT_GT(decision.resolution, 0);
    const plot::Heatmap& map = entry->plot.heatmaps.at(0);
    EXPECT_EQ(map.rows, decision.resolution);
    EXPECT_EQ(map.values, decision.predicted);
    EXPECT_EQ(map.colormap, plot::Colormap::Classes);
    EXPECT_EQ(map.class_names, run.snapshot.class_names);
    EXPECT_TRUE(entry->plot.equal_aspect);
    EXPECT_EQ(entry->plot.legend_place, plot::LegendPlace::Outside);
    ASSERT_EQ(entry->plot.scatters.size(), 2u); // training and test data, each coloured by class
    EXPECT_EQ(entry->plot.scatters[0].x.size(), decision.points_x.size());
    EXPECT_EQ(entry->plot.scatters[1].x.size(), decision.test_points_x.size());
}

TEST_F(PanelsTest, StatusBarSaysStateTickSpeedAndMessage) {
    testing::RunFixture run = testing::network_run();
    run.snapshot.message = "diverged at tick 99";
    ui.frame([&] {
        ImGui::Begin("status");
        ImGui::LogToBuffer();
        draw_status_bar(run.snapshot, 16.7f, 28.4f);
        text = ImGui::GetCurrentContext()->LogBuffer.c_str();
        ImGui::LogFinish();
        ImGui::End();
    });
    EXPECT_NE(text.find("Running"), std::string::npos);
    EXPECT_NE(text.find("tick 300"), std::string::npos);
    EXPECT_NE(text.find("12.3 k ticks/s"), std::string::npos) << text;
    EXPECT_NE(text.find("UI 16.7 ms"), std::string::npos) << text;
    EXPECT_NE(text.find("28 fps"), std::string::npos) << text;
    EXPECT_NE(text.find("diverged at tick 99"), std::string::npos);
}

} // namespace
} // namespace phasor::ui
