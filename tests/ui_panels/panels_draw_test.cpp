// Every panel drawn headless for an empty run, a 4→32→16→3 run and a 2-D task, checking what each one puts on
// screen: which plots (by id and shape), which colour scales, and the texts that stand in for missing data.
#include "panel_fixture.hpp"
#include "ui/panels/status_bar.hpp"
#include "ui/panels/stepnet/decision_panel.hpp"
#include "ui/panels/stepnet/network_panel.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <map>
#include <set>

namespace phasor::ui {
namespace {

using testing::PanelsTest;

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
    // The family's arrangements together place every one of them, and the last suits every run.
    const auto layouts = stepnet_ui().layouts;
    ASSERT_FALSE(layouts.empty());
    EXPECT_EQ(layouts.back().suits, nullptr);
    for (const std::string& title : titles)
        EXPECT_TRUE(std::any_of(layouts.begin(), layouts.end(), [&](const Arrangement& a) {
            return std::any_of(a.places.begin(), a.places.end(),
                               [&](const PanelPlace& p) { return p.title == title; });
        })) << title;
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
    // The test loss and accuracy are drawn beside the training ones, on one axis, not in plots of their own.
    const std::map<std::string, std::vector<std::string>> lines{
        {"metrics_loss", {"loss", "test loss"}},
        {"metrics_rolling_accuracy", {"rolling accuracy", "test accuracy"}},
        {"metrics_lr", {"lr"}},
        {"metrics_ticks_per_second", {"ticks per second"}}};
    for (const auto& [id, names] : lines) {
        const auto* entry = drawn(id.c_str());
        ASSERT_NE(entry, nullptr) << id;
        ASSERT_EQ(entry->plot.lines.size(), names.size()) << id;
        EXPECT_EQ(entry->plot.legend, names.size() > 1) << id;
        for (std::size_t i = 0; i < names.size(); ++i) {
            // lowhighmix has nothing held out: its "test" lines say they are measured on the training
            // patterns.
            EXPECT_EQ(entry->plot.lines[i].name, i == 0 ? names[i] : names[i] + " (training patterns)") << id;
            ASSERT_NE(entry->plot.lines[i].data, nullptr);
            EXPECT_EQ(entry->plot.lines[i].data->size(), run.samples.size()) << id;
        }
    }
    EXPECT_EQ(drawn("metrics_test_loss"), nullptr);
    EXPECT_EQ(drawn("metrics_test_accuracy"), nullptr);
    EXPECT_NE(text.find("accuracy on the 6 training patterns"), std::string::npos) << text;
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

// A large headline value reads as a count ("4.31 M", number and unit held together), a small one as it is.
TEST_F(PanelsTest, MetricsHeadlineWritesLargeValuesCompactly) {
    MetricsPanel panel;
    testing::RunFixture run = testing::network_run();
    const auto& quantities = run.snapshot.family->headline;
    const auto loss =
        std::find_if(quantities.begin(), quantities.end(), [](const auto& q) { return q.name == "loss"; });
    ASSERT_NE(loss, quantities.end());
    float& value = run.snapshot.headline[static_cast<std::size_t>(loss - quantities.begin())];
    value = 4.308e6f;
    show(panel, run);
    EXPECT_NE(text.find("loss 4.31\u00a0M"), std::string::npos) << text;
    EXPECT_EQ(text.find("e+06"), std::string::npos) << text;
    value = 0.5f;
    show(panel, run);
    EXPECT_NE(text.find("loss 0.5 "), std::string::npos) << text;
}

TEST_F(PanelsTest, MetricsPlotsGoTwoToARowOnlyWhileEachHasRoomForItsLabels) {
    MetricsPanel panel;
    testing::RunFixture run = testing::network_run();
    const auto loss_beside_accuracy = [&](float width) {
        show(panel, run, 3, width);
        const auto *loss = drawn("metrics_loss"), *accuracy = drawn("metrics_rolling_accuracy");
        EXPECT_TRUE(loss && accuracy);
        return loss && accuracy && accuracy->size.x < 0.6f * width;
    };
    EXPECT_TRUE(loss_beside_accuracy(900.f));
    EXPECT_FALSE(loss_beside_accuracy(300.f));
    EXPECT_GT(drawn("metrics_loss")->size.x, 250.f) << "one to a row, as wide as the panel";
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
