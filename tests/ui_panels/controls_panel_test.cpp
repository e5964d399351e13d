// The Controls panel driven like a user would: clicks and typing injected into a headless ImGui, checking the
// commands it posts (one per edit, values unclamped) and what it shows.
#include "controls_fixture.hpp"

#include <filesystem>
#include <fstream>

namespace phasor::ui {
namespace {

using testing::ControlsPanelTest;
using testing::HeadlessImGui;

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

TEST_F(ControlsPanelTest, ResetPostsResetAndATypedSeedStartsARunWithIt) {
    click("Reset");
    EXPECT_EQ(sink.all<Reset>().size(), 1u);
    enter(label("seed").c_str(), "42");
    const auto seeds = posted("seed");
    ASSERT_EQ(seeds.size(), 1u);
    EXPECT_EQ(seeds[0], ParamValue{std::int64_t{42}});
}

TEST_F(ControlsPanelTest, EveryGroupedRowOfTheTableHasAControl) {
    // Every row with a group whose condition holds must be on screen; the activations are the shape editor's
    // combos, one per layer (the output's is fixed with cross_entropy).
    const auto found = ui.locate("Controls", body());
    for (const ParamSpec& row : stepnet_family().params.rows()) {
        if (row.group.empty() || !param_relevant(row, run.snapshot)) continue;
        const std::string label = row.key == "network.activations" ? "##act1" : param_label(row);
        EXPECT_TRUE(found.contains(HeadlessImGui::id_of("Controls", label.c_str()))) << row.key;
    }
    EXPECT_TRUE(found.contains(HeadlessImGui::id_of("Controls", "##act2")));
}

TEST_F(ControlsPanelTest, RowsShowOnlyWhereTheyMatter) {
    set("train.schedule", std::string("exponential"));
    auto found = ui.locate("Controls", body());
    EXPECT_TRUE(found.contains(HeadlessImGui::id_of("Controls", label("train.decay").c_str())));
    EXPECT_FALSE(found.contains(HeadlessImGui::id_of("Controls", label("train.gamma").c_str())));
    set("train.schedule", std::string("step"));
    found = ui.locate("Controls", body());
    EXPECT_FALSE(found.contains(HeadlessImGui::id_of("Controls", label("train.decay").c_str())));
    EXPECT_TRUE(found.contains(HeadlessImGui::id_of("Controls", label("train.gamma").c_str())));
    EXPECT_TRUE(found.contains(HeadlessImGui::id_of("Controls", label("train.step_every").c_str())));
}

TEST_F(ControlsPanelTest, EditingTheLearningRatePostsExactlyTheTypedValueOnce) {
    click(label("train.lr").c_str());
    ui.type("0.0035", body());
    EXPECT_TRUE(sink.commands.empty()) << "nothing is posted while typing";
    ui.press(ImGuiKey_Enter, body());
    ASSERT_EQ(sink.commands.size(), 1u);
    const auto rates = posted("train.lr");
    ASSERT_EQ(rates.size(), 1u);
    EXPECT_EQ(rates[0], ParamValue{0.0035f});
}

TEST_F(ControlsPanelTest, OutOfRangeValuesArePostedUnchangedForTheEngineToJudge) {
    enter(label("train.lr").c_str(), "-0.5");
    enter(label("train.delay_depth").c_str(), "5000");
    click(label("train.attention").c_str()); // temperature only shows with attention; it is on
    ASSERT_EQ(posted("train.lr"), std::vector<ParamValue>{ParamValue{-0.5f}});
    ASSERT_EQ(posted("train.delay_depth"), std::vector<ParamValue>{ParamValue{std::int64_t{5000}}});
    enter(label("train.temperature").c_str(), "0");
    EXPECT_EQ(posted("train.temperature"), std::vector<ParamValue>{ParamValue{0.f}});
}

TEST_F(ControlsPanelTest, TextThatIsNotAValueIsExplainedAndNotPosted) {
    enter(label("train.lr").c_str(), "fast");
    EXPECT_TRUE(posted("train.lr").empty());
    // A tooltip window's End() stops ImGui's text capture: move the pointer off the field first.
    ImGui::GetIO().MousePos = ImVec2(-1.f, -1.f);
    ui.frame(body());
    EXPECT_NE(text.find("Learning rate: expected a number"), std::string::npos) << text;
}

TEST_F(ControlsPanelTest, HalfAndDoubleActOnTheRateInUse) {
    const float now = run.snapshot.metric("lr");
    click("x2");
    click("x0.5");
    const auto rates = posted("train.lr");
    ASSERT_EQ(rates.size(), 2u);
    EXPECT_EQ(rates[0], ParamValue{now * 2.f});
    EXPECT_EQ(rates[1], ParamValue{now * 0.5f});
}

// A rate set by hand under a decaying schedule: the panel says where the schedule takes it and how soon.
TEST_F(ControlsPanelTest, TheLearningRateShowsWhereTheScheduleTakesIt) {
    ScheduleView& schedule = view().schedule;
    schedule = {.kind = "exponential",
                .lr = 0.04f,
                .lr_set = 0.05f,
                .floor = 0.001f,
                .updates = 446,
                .updates_to_floor = 7378,
                .lr_after_1000 = 0.0243f};
    run.snapshot.state = RunState::Running;
    run.snapshot.ticks_per_second = 60.f;
    set("train.batch", std::int64_t{2});
    ui.frame(body());
    EXPECT_NE(text.find("in use now: 0.04 (decaying from 0.05)"), std::string::npos) << text;
    // 7,378 updates of 2 ticks at 60 ticks/s: 246 s.
    EXPECT_NE(text.find("0.0243 after 1,000 more updates; the floor 0.001 in 7378 updates (about 4 min 6 s)"),
              std::string::npos)
        << text;
    // On the presenter stage, only when the rate is back at the floor.
    presenter = true;
    ui.frame(body());
    EXPECT_NE(text.find("the floor 0.001 in 7378 updates (about 4 min 6 s)"), std::string::npos) << text;
    EXPECT_EQ(text.find("after 1,000 more updates"), std::string::npos) << text;
    presenter = false;

    schedule.updates_to_floor = 0;
    schedule.lr = schedule.floor;
    ui.frame(body());
    EXPECT_NE(text.find("at the floor 0.001, where it stays"), std::string::npos) << text;

    schedule = {.kind = "constant", .lr = 0.02f, .lr_set = 0.02f};
    ui.frame(body());
    EXPECT_NE(text.find("constant schedule: stays at this value"), std::string::npos) << text;
    EXPECT_EQ(text.find("in use now"), std::string::npos) << text;
}

TEST_F(ControlsPanelTest, DelayDepthButtonsStepFromTheDepthInUseAndAlignGoesBackToAuto) {
    // At depth 0 on auto: "-" could only be refused and Align would change nothing, so both are disabled.
    view().delay_depth = 0;
    click("-##depth");
    click("+##depth");
    click("Align");
    ASSERT_EQ(posted("train.delay_depth"), std::vector<ParamValue>{ParamValue{std::int64_t{1}}});
    // At a depth set by hand, "-" steps down and Align goes back to auto (the pipeline lag).
    view().delay_depth = 3;
    set("train.delay_depth", std::int64_t{3});
    click("-##depth");
    click("Align");
    const auto depths = posted("train.delay_depth");
    ASSERT_EQ(depths.size(), 3u);
    EXPECT_EQ(depths[1], ParamValue{std::int64_t{2}});
    EXPECT_EQ(depths[2], ParamValue{std::monostate{}});
}

TEST_F(ControlsPanelTest, ReloadLoadsThePresetsFileAgain) {
    click("Reload");
    const auto loads = sink.all<LoadPreset>();
    ASSERT_EQ(loads.size(), 1u);
    EXPECT_EQ(loads[0].name, "lowhighmix");
    ASSERT_NE(loads[0].params, nullptr);
    EXPECT_EQ(loads[0].params->real("speed"), load_preset(dirs[0] / "lowhighmix.toml").real("speed"));
}

TEST_F(ControlsPanelTest, TogglingAttentionPostsTheNewState) {
    set("train.attention", true);
    click(label("train.attention").c_str());
    ASSERT_EQ(sink.commands.size(), 1u);
    EXPECT_EQ(posted("train.attention"), std::vector<ParamValue>{ParamValue{false}});
}

TEST_F(ControlsPanelTest, OneButtonSwitchesBetweenAPaceAClassCanFollowAndFullSpeed) {
    run.snapshot.speed = 0.0;
    click("Slow down###speed");
    run.snapshot.speed = 250.0;
    click("Full speed###speed");
    const auto speeds = sink.all<SetSpeed>();
    ASSERT_EQ(speeds.size(), 2u);
    EXPECT_GT(speeds[0].ticks_per_second, 0.0);
    EXPECT_EQ(speeds[1].ticks_per_second, 0.0);
    run.snapshot.speed = 0.0;
    click("Slow down###speed");
    ASSERT_EQ(sink.all<SetSpeed>().size(), 3u);
    EXPECT_EQ(sink.all<SetSpeed>()[2].ticks_per_second, 250.0) << "back to the pace last in use";
}

TEST_F(ControlsPanelTest, ChoosingABackwardModeFromTheComboPostsIt) {
    click(label("train.backward").c_str());
    click("pipelined", "##Combo_00");
    EXPECT_EQ(posted("train.backward"), std::vector<ParamValue>{ParamValue{std::string("pipelined")}});
}

TEST_F(ControlsPanelTest, ChoosingAScheduleKindPostsIt) {
    click(label("train.schedule").c_str());
    click("step", "##Combo_00");
    EXPECT_EQ(posted("train.schedule"), std::vector<ParamValue>{ParamValue{std::string("step")}});
}

TEST_F(ControlsPanelTest, PresenterModeHidesTheAdvancedControls) {
    set("description", std::string("Low/High/Mix, described"));
    ui.frame(body());
    EXPECT_NE(text.find("Backward mode"), std::string::npos);
    EXPECT_NE(text.find("Low/High/Mix, described"), std::string::npos);
    const ImGuiID backward = HeadlessImGui::id_of("Controls", label("train.backward").c_str());
    EXPECT_TRUE(ui.locate("Controls", body()).contains(backward));

    presenter = true;
    const auto found = ui.locate("Controls", body());
    EXPECT_FALSE(found.contains(backward));
    // The stage keeps what a teacher changes in front of a class: the rate, the delay depth and attention.
    for (const char* key : {"seed", "train.temperature", "train.schedule", "train.momentum",
                            "train.optimizer", "train.batch", "train.l2", "train.l1", "task.name"})
        EXPECT_FALSE(found.contains(HeadlessImGui::id_of("Controls", label(key).c_str()))) << key;
    for (const char* key : {"train.lr", "train.delay_depth", "train.attention"})
        EXPECT_TRUE(found.contains(HeadlessImGui::id_of("Controls", label(key).c_str()))) << key;
    EXPECT_TRUE(found.contains(HeadlessImGui::id_of("Controls", "Step")));
    EXPECT_EQ(text.find("Backward mode"), std::string::npos);
    EXPECT_EQ(text.find("Temperature"), std::string::npos);
    EXPECT_EQ(text.find("Low/High/Mix, described"), std::string::npos) << "the stage's room is the controls'";
}

TEST_F(ControlsPanelTest, ARefusalShowsBesideItsControlAndOtherMessagesBelow) {
    ui.frame(body());
    EXPECT_EQ(text.find("must be > 0"), std::string::npos);
    run.snapshot.message = "train.lr: must be > 0, got -0.5";
    run.snapshot.message_key = "train.lr";
    const auto lr =
        ui.locate("Controls", body()).at(HeadlessImGui::id_of("Controls", label("train.lr").c_str()));
    ImGui::GetIO().MousePos = ImVec2(-1.f, -1.f); // a tooltip window would end the text capture
    ui.frame(body());
    const auto at = text.find("train.lr: must be > 0, got -0.5");
    ASSERT_NE(at, std::string::npos) << text;
    EXPECT_EQ(text.find("train.lr: must be > 0", at + 1), std::string::npos)
        << "shown once, beside its control";
    // Right under the learning rate's row: before the delay depth's.
    EXPECT_LT(at, text.find("Delay depth"));
    EXPECT_GT(lr.y, 0.f);

    run.snapshot.message =
        "diverged at tick 812 (loss is not finite); restored the state of tick 800; paused";
    run.snapshot.message_key.clear();
    ui.frame(body());
    EXPECT_GT(text.find("diverged at tick 812"), text.find("Delay depth")) << "below the controls";
}

TEST_F(ControlsPanelTest, ChoosingAPresetLoadsIt) {
    click("Preset###Preset");
    click("xor", "##Combo_00");
    const auto loads = sink.all<LoadPreset>();
    ASSERT_EQ(loads.size(), 1u);
    ASSERT_NE(loads[0].params, nullptr);
    EXPECT_EQ(loads[0].name, "xor");
    EXPECT_EQ(loads[0].params->text("task.name"), "xor");
}

TEST_F(ControlsPanelTest, APresetThatFailsToLoadShowsItsErrorAndPostsNothing) {
    const auto dir = std::filesystem::temp_directory_path() / "phasor_controls_test_presets";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "broken.toml") << "name = \"broken\"\n[network]\nlayers = [4, 0, 3]\n";
    dirs = {dir};
    click("Preset###Preset");
    click("broken", "##Combo_00");
    ui.frame(body());
    EXPECT_TRUE(sink.all<LoadPreset>().empty());
    EXPECT_NE(text.find("broken.toml"), std::string::npos) << text;
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace phasor::ui
