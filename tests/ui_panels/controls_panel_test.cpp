// The Controls panel driven like a user would: clicks and typing injected into a headless ImGui, checking the
// commands it posts (one per edit, values unclamped) and what it shows.
#include "headless_ui.hpp"
#include "ui/panels/controls_panel.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using testing::HeadlessImGui;
using testing::RecordingSink;

class ControlsPanelTest : public ::testing::Test {
  protected:
    HeadlessImGui ui;
    testing::RunFixture run = testing::network_run(60);
    RunHistory history;
    RecordingSink sink;
    plot::PlotShelf shelf;
    ControlsPanel panel;
    std::vector<std::filesystem::path> dirs{std::filesystem::path(PHASOR_SOURCE_DIR) / "assets/presets"};
    bool presenter = false;
    std::string message;
    std::string text; // what the last frame rendered as text

    auto body() {
        return [this] {
            shelf.begin_frame();
            PanelContext context{.snapshot = run.snapshot,
                                 .history = history,
                                 .config = run.config,
                                 .commands = sink,
                                 .plots = shelf,
                                 .preset_dirs = dirs,
                                 .preset = "lowhighmix",
                                 .presenter = presenter,
                                 .engine_message = message};
            testing::draw_panel(panel, context, &text);
        };
    }
    // Where to click on the widget `label` of `window` ("Controls" or an open combo's popup).
    ImVec2 where(const char* label, const char* window = "Controls") {
        const auto found = ui.locate(window, body());
        const auto it = found.find(HeadlessImGui::id_of(window, label));
        EXPECT_NE(it, found.end()) << label << " not found in " << window;
        return it == found.end() ? ImVec2(-1.f, -1.f) : it->second;
    }
    void click(const char* label, const char* window = "Controls") { ui.click(where(label, window), body()); }
    // Clicks a field, replaces its text and presses Enter.
    void enter(const char* label, const char* typed) {
        click(label);
        ui.type(typed, body());
        ui.press(ImGuiKey_Enter, body());
    }
};

TEST_F(ControlsPanelTest, PlayPauseShowsTheRightVerbAndPostsIt) {
    run.snapshot.state = RunState::Running;
    ui.frame(body());
    EXPECT_NE(text.find("Pause"), std::string::npos);
    click("Pause###run");
    ASSERT_EQ(sink.commands.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<Pause>(sink.commands[0]));

    run.snapshot.state = RunState::Paused;
    ui.frame(body());
    EXPECT_NE(text.find("Play"), std::string::npos);
    EXPECT_EQ(text.find("Pause"), std::string::npos);
    click("Play###run");
    ASSERT_EQ(sink.commands.size(), 2u);
    EXPECT_TRUE(std::holds_alternative<Resume>(sink.commands[1]));
}

TEST_F(ControlsPanelTest, StepPostsOneTick) {
    click("Step");
    const auto steps = sink.all<SingleStep>();
    ASSERT_EQ(sink.commands.size(), 1u);
    ASSERT_EQ(steps.size(), 1u);
    EXPECT_EQ(steps[0].ticks, 1);
}

TEST_F(ControlsPanelTest, ResetPostsResetWithoutSeedAndResetWithSeedCarriesTheTypedSeed) {
    click("Reset");
    auto resets = sink.all<Reset>();
    ASSERT_EQ(resets.size(), 1u);
    EXPECT_FALSE(resets[0].seed.has_value());

    enter("Seed", "42");
    click("Reset with seed");
    resets = sink.all<Reset>();
    ASSERT_EQ(resets.size(), 2u);
    ASSERT_TRUE(resets[1].seed.has_value());
    EXPECT_EQ(*resets[1].seed, 42u);
}

TEST_F(ControlsPanelTest, EditingTheLearningRatePostsExactlyTheTypedValueOnce) {
    run.snapshot.lr = 0.02f;
    click("Learning rate");
    ui.type("0.0035", body());
    EXPECT_TRUE(sink.commands.empty()) << "nothing is posted while typing";
    ui.press(ImGuiKey_Enter, body());
    const auto rates = sink.all<SetLearningRate>();
    ASSERT_EQ(sink.commands.size(), 1u);
    ASSERT_EQ(rates.size(), 1u);
    EXPECT_EQ(rates[0].lr, 0.0035f);
}

TEST_F(ControlsPanelTest, OutOfRangeValuesArePostedUnchangedForTheEngineToJudge) {
    enter("Learning rate", "-0.5");
    enter("Delay depth", "5000");
    enter("Temperature", "0");
    const auto rates = sink.all<SetLearningRate>();
    const auto depths = sink.all<SetDelayDepth>();
    const auto temperatures = sink.all<SetTemperature>();
    ASSERT_EQ(rates.size(), 1u);
    EXPECT_EQ(rates[0].lr, -0.5f);
    ASSERT_EQ(depths.size(), 1u);
    EXPECT_EQ(depths[0].depth, 5000);
    ASSERT_EQ(temperatures.size(), 1u);
    EXPECT_EQ(temperatures[0].temperature, 0.f);
}

TEST_F(ControlsPanelTest, AlignSetsTheDelayDepthToThePipelineLag) {
    run.snapshot.delay_depth = 0;
    click("Align");
    const auto depths = sink.all<SetDelayDepth>();
    ASSERT_EQ(depths.size(), 1u);
    EXPECT_EQ(depths[0].depth, run.snapshot.pipeline_lag);
}

TEST_F(ControlsPanelTest, TogglingAttentionPostsTheNewState) {
    run.snapshot.attention = true;
    click("Gradient attention");
    const auto toggles = sink.all<SetAttention>();
    ASSERT_EQ(sink.commands.size(), 1u);
    ASSERT_EQ(toggles.size(), 1u);
    EXPECT_FALSE(toggles[0].enabled);
}

TEST_F(ControlsPanelTest, LeavingMaxSpeedPostsTheSliderSpeed) {
    click("Max speed");
    const auto speeds = sink.all<SetSpeed>();
    ASSERT_EQ(speeds.size(), 1u);
    EXPECT_GT(speeds[0].ticks_per_second, 0.0);
}

TEST_F(ControlsPanelTest, ChoosingABackwardModeFromTheComboPostsIt) {
    click("Backward mode");
    click("pipelined", "##Combo_00");
    const auto modes = sink.all<SetBackwardMode>();
    ASSERT_EQ(modes.size(), 1u);
    EXPECT_EQ(modes[0].mode, BackwardMode::Pipelined);
}

TEST_F(ControlsPanelTest, ChoosingAScheduleKindKeepsTheCurrentRate) {
    run.snapshot.lr = 0.0123f;
    click("Schedule");
    click("step", "##Combo_00");
    const auto schedules = sink.all<SetSchedule>();
    ASSERT_EQ(schedules.size(), 1u);
    EXPECT_EQ(schedules[0].spec.kind, ScheduleKind::Step);
    EXPECT_EQ(schedules[0].spec.lr, 0.0123f);
}

TEST_F(ControlsPanelTest, PresenterModeHidesTheAdvancedControls) {
    ui.frame(body());
    EXPECT_NE(text.find("Backward mode"), std::string::npos);
    EXPECT_NE(HeadlessImGui::id_of("Controls", "Backward mode"), 0u);
    EXPECT_TRUE(ui.locate("Controls", body()).contains(HeadlessImGui::id_of("Controls", "Backward mode")));

    presenter = true;
    const auto found = ui.locate("Controls", body());
    EXPECT_FALSE(found.contains(HeadlessImGui::id_of("Controls", "Backward mode")));
    EXPECT_FALSE(found.contains(HeadlessImGui::id_of("Controls", "Seed")));
    EXPECT_FALSE(found.contains(HeadlessImGui::id_of("Controls", "Temperature")));
    EXPECT_FALSE(found.contains(HeadlessImGui::id_of("Controls", "Schedule")));
    EXPECT_TRUE(found.contains(HeadlessImGui::id_of("Controls", "Step")));
    EXPECT_EQ(text.find("Backward mode"), std::string::npos);
    EXPECT_EQ(text.find("Temperature"), std::string::npos);
}

TEST_F(ControlsPanelTest, TheEngineMessageIsShown) {
    ui.frame(body());
    EXPECT_EQ(text.find("must be > 0"), std::string::npos);
    message = "lr: must be > 0, got -0.5";
    ui.frame(body());
    EXPECT_NE(text.find("lr: must be > 0, got -0.5"), std::string::npos);
}

TEST_F(ControlsPanelTest, ChoosingAPresetRebuildsFromIt) {
    click("Preset");
    click("xor", "##Combo_00");
    const auto rebuilds = sink.all<Rebuild>();
    ASSERT_EQ(rebuilds.size(), 1u);
    ASSERT_NE(rebuilds[0].config, nullptr);
    EXPECT_EQ(rebuilds[0].config->task.name, "xor");
}

TEST_F(ControlsPanelTest, APresetThatFailsToLoadShowsItsErrorAndPostsNothing) {
    const auto dir = std::filesystem::temp_directory_path() / "phasor_controls_test_presets";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "broken.toml") << "name = \"broken\"\n[network]\nlayers = [4, 0, 3]\n";
    dirs = {dir};
    click("Preset");
    click("broken", "##Combo_00");
    ui.frame(body());
    EXPECT_TRUE(sink.all<Rebuild>().empty());
    EXPECT_NE(text.find("broken.toml"), std::string::npos) << text;
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace phasor::ui
