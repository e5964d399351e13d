// The UI shell without a window: keyboard shortcuts become the right commands, typing into a field does not
// trigger them, the default layout places every panel on screen, and the help lists every shortcut and panel.
#include "engine/preset/preset.hpp"
#include "engine/runtime/run.hpp"
#include "engine/stepnet/stepnet_family.hpp"
#include "ui/shell.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include <GLFW/glfw3.h>
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

namespace phasor::ui {
namespace {

struct RecordingSink final : CommandSink {
    std::vector<Command> commands;
    void post(Command command) override { commands.push_back(std::move(command)); }
};

class ShellTest : public ::testing::Test {
  protected:
    ShellTest() {
        start_imgui(ImVec2(1600.f, 1000.f));
        ImGuiIO& io = ImGui::GetIO();
        for (int key = 0; key < ImGuiKey_COUNT; ++key)
            io.KeyMap[key] = 400 + key; // clear of GLFW's codes we use
        io.KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        phasor::Run run{ParamSet(stepnet_family())};
        run.fill(snapshot_);
        snapshot_.state = RunState::Running;
    }
    ~ShellTest() override { ImGui::DestroyContext(); }

    // A fresh ImGui context on a display of `size`, with its font atlas built.
    static void start_imgui(ImVec2 size) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = size;
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(1)));
    }

    template <class Extra = void (*)()> void frame(Extra&& extra = [] {}) {
        ImGui::GetIO().DeltaTime = 1.f / 60.f;
        ImGui::NewFrame();
        shell_.frame({snapshot_, history_, sink_, 1.f, 0.f, origin_});
        extra();
        ImGui::Render();
    }
    void press(int key, bool ctrl = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = ctrl;
        io.KeysDown[key] = true;
        frame();
        io.KeysDown[key] = false;
        frame();
        io.KeyCtrl = false;
    }
    void frame_with(Shell& shell) {
        ImGui::GetIO().DeltaTime = 1.f / 60.f;
        ImGui::NewFrame();
        shell.frame({snapshot_, history_, sink_, 1.f, 0.f, origin_});
        ImGui::Render();
    }
    template <class T> int count() const {
        int n = 0;
        for (const Command& c : sink_.commands) n += std::holds_alternative<T>(c);
        return n;
    }

    RunOrigin origin_{"lowhighmix", {}};
    Snapshot snapshot_;
    RunHistory history_;
    RecordingSink sink_;
    Settings settings_;
    Shell shell_{settings_, {}};
};

TEST_F(ShellTest, SpacePausesARunningRunAndResumesAPausedOne) {
    frame();
    press(GLFW_KEY_SPACE);
    ASSERT_EQ(sink_.commands.size(), 1u);
    EXPECT_TRUE(std::holds_alternative<Pause>(sink_.commands[0]));
    snapshot_.state = RunState::Paused;
    press(GLFW_KEY_SPACE);
    ASSERT_EQ(sink_.commands.size(), 2u);
    EXPECT_TRUE(std::holds_alternative<Resume>(sink_.commands[1]));
    snapshot_.state = RunState::Diverged; // resuming carries on from the restored weights
    press(GLFW_KEY_SPACE);
    EXPECT_EQ(count<Resume>(), 2);
}

TEST_F(ShellTest, RightArrowStepsOneTickPausingFirst) {
    frame();
    press(GLFW_KEY_RIGHT);
    ASSERT_EQ(sink_.commands.size(), 2u);
    EXPECT_TRUE(std::holds_alternative<Pause>(sink_.commands[0]));
    ASSERT_TRUE(std::holds_alternative<SingleStep>(sink_.commands[1]));
    EXPECT_EQ(std::get<SingleStep>(sink_.commands[1]).ticks, 1);
    snapshot_.state = RunState::Paused;
    press(GLFW_KEY_RIGHT);
    EXPECT_EQ(count<SingleStep>(), 2);
    EXPECT_EQ(count<Pause>(), 1);
}

TEST_F(ShellTest, RResetsAndF12AsksForAScreenshot) {
    frame();
    press(GLFW_KEY_R);
    ASSERT_EQ(count<Reset>(), 1);
    EXPECT_FALSE(shell_.take_screenshot_request());
    press(GLFW_KEY_F12);
    EXPECT_TRUE(shell_.take_screenshot_request());
    EXPECT_FALSE(shell_.take_screenshot_request()); // taken once
    EXPECT_EQ(sink_.commands.size(), 1u);
}

TEST_F(ShellTest, ControlPlusAndMinusScaleTheUi) {
    frame();
    press(GLFW_KEY_EQUAL, true);
    auto scale = shell_.take_scale_change();
    ASSERT_TRUE(scale.has_value());
    EXPECT_FLOAT_EQ(*scale, 1.25f);
    press(GLFW_KEY_MINUS, true);
    scale = shell_.take_scale_change();
    ASSERT_TRUE(scale.has_value());
    EXPECT_FLOAT_EQ(*scale, 0.8f);
    EXPECT_TRUE(sink_.commands.empty()); // Ctrl+R-like combinations never reset by accident
}

TEST_F(ShellTest, KeysTypedIntoAFieldAreNotShortcuts) {
    char text[32] = "";
    auto field = [&] {
        ImGui::Begin("typing");
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        ImGui::InputText("name", text, sizeof text);
        ImGui::End();
    };
    for (int i = 0; i < 3; ++i) frame(field);
    ASSERT_TRUE(ImGui::GetIO().WantTextInput);
    ImGuiIO& io = ImGui::GetIO();
    for (int key : {GLFW_KEY_SPACE, GLFW_KEY_R, GLFW_KEY_RIGHT}) {
        io.KeysDown[key] = true;
        frame(field);
        io.KeysDown[key] = false;
        frame(field);
    }
    EXPECT_TRUE(sink_.commands.empty());
}

TEST_F(ShellTest, DefaultLayoutPutsEveryPanelOnScreenBetweenMenuAndStatusBar) {
    auto check_on_screen = [&](std::size_t expected_open) {
        const ImVec2 display = ImGui::GetIO().DisplaySize;
        ASSERT_EQ(shell_.panels().size(), 8u); // Controls and Metrics, and the stepped network's six
        std::size_t open = 0;
        for (const auto& panel : shell_.panels()) {
            EXPECT_GT(std::string(panel->tooltip()).size(), 10u);
            if (!panel->open) continue;
            ++open;
            const ImGuiWindow* w = ImGui::FindWindowByName(panel->title());
            ASSERT_NE(w, nullptr) << panel->title();
            EXPECT_GE(w->Pos.y, ImGui::GetFrameHeight() - 0.5f) << panel->title() << " under the menu bar";
            EXPECT_LE(w->Pos.y + w->Size.y, display.y - ImGui::GetFrameHeightWithSpacing() + 0.5f)
                << panel->title() << " over the status bar";
            EXPECT_GE(w->Pos.x, 0.f);
            EXPECT_LE(w->Pos.x + w->Size.x, display.x + 0.5f);
            EXPECT_GT(w->Size.x * w->Size.y, 0.04f * display.x * display.y) << panel->title() << " too small";
        }
        EXPECT_EQ(open, expected_open);
    };
    frame();
    frame();
    check_on_screen(6); // lowhighmix is not on the plane: no decision map, no neuron pictures
    EXPECT_FALSE(shell_.panels()[6]->open) << shell_.panels()[6]->title();
    EXPECT_FALSE(shell_.panels()[7]->open) << shell_.panels()[7]->title();
    EXPECT_EQ(settings_.arrangement, "stepnet/patterns");
}

TEST_F(ShellTest, ARunOnThePlaneOpensItsPicturesAndAnotherTaskGivesTheirCellsBack) {
    frame();
    const float metrics_width = ImGui::FindWindowByName("Metrics")->Size.x;
    phasor::Run spirals{ParamSet(stepnet_family())};
    ASSERT_EQ(spirals.set("task.name", std::string("spirals")), std::nullopt);
    spirals.fill(snapshot_);
    frame();
    frame();
    EXPECT_EQ(settings_.arrangement, "stepnet/plane");
    for (const char* title : {"Decision map", "Neurons"}) {
        const ImGuiWindow* w = ImGui::FindWindowByName(title);
        ASSERT_NE(w, nullptr) << title;
        EXPECT_TRUE(w->Active) << title;
    }
    EXPECT_LT(ImGui::FindWindowByName("Metrics")->Size.x, metrics_width) << "the map takes part of its row";

    // A panel the user closes stays closed while the runs keep the arrangement; Reset layout reopens it.
    shell_.panels()[6]->open = false;
    frame();
    frame();
    EXPECT_FALSE(shell_.panels()[6]->open);
    shell_.reset_layout();
    frame();
    EXPECT_TRUE(shell_.panels()[6]->open);

    phasor::Run{ParamSet(stepnet_family())}.fill(snapshot_);
    frame();
    frame();
    EXPECT_FALSE(shell_.panels()[6]->open);
    EXPECT_NEAR(ImGui::FindWindowByName("Metrics")->Size.x, metrics_width, 0.5f);
}

TEST_F(ShellTest, ALayoutSavedOnABiggerScreenIsStretchedToTheSmallerOneNotPiledAgainstItsEdge) {
    // A session on 1600×1000 whose user moved the Metrics panel, saved as the app saves it.
    frame();
    ImGui::SetWindowPos("Metrics", ImVec2(880.f, 300.f));
    frame();
    frame();
    const std::string ini = ImGui::SaveIniSettingsToMemory();
    const ImVec2 big_area(static_cast<float>(settings_.layout_width),
                          static_cast<float>(settings_.layout_height));
    std::map<std::string, ImRect> before;
    for (const auto& panel : shell_.panels())
        if (const ImGuiWindow* w = ImGui::FindWindowByName(panel->title()); w && w->Active)
            before[panel->title()] = w->Rect();
    ASSERT_EQ(before.size(), 6u);

    // The next session opens on 1280×720 with that imgui.ini and settings.toml.
    ImGui::DestroyContext();
    start_imgui(ImVec2(1280.f, 720.f));
    ImGui::LoadIniSettingsFromMemory(ini.c_str(), ini.size());
    Settings saved = settings_;
    Shell next(saved, {});
    frame_with(next);
    frame_with(next);
    const float menu = ImGui::GetFrameHeight();
    const ImVec2 small_area(1280.f, 720.f - menu - ImGui::GetFrameHeightWithSpacing());
    for (const auto& [title, rect] : before) {
        const ImGuiWindow* window = ImGui::FindWindowByName(title.c_str());
        ASSERT_NE(window, nullptr) << title;
        // Where it was, as a fraction of the work area, within a couple of pixels.
        EXPECT_NEAR((window->Pos.x) / small_area.x, rect.Min.x / big_area.x, 2.f / small_area.x) << title;
        EXPECT_NEAR((window->Pos.y - menu) / small_area.y, (rect.Min.y - menu) / big_area.y,
                    2.f / small_area.y)
            << title;
        EXPECT_NEAR(window->Size.x / small_area.x, rect.GetWidth() / big_area.x, 2.f / small_area.x) << title;
    }
    EXPECT_EQ(saved.layout_width, 1280);
}

TEST_F(ShellTest, ClosedPanelsAreRememberedInTheSettings) {
    frame();
    shell_.panels()[1]->open = false;
    frame();
    EXPECT_FALSE(settings_.panels_open.at(shell_.panels()[1]->title()));
    EXPECT_TRUE(settings_.panels_open.at(shell_.panels()[0]->title()));
    EXPECT_EQ(ImGui::FindWindowByName(shell_.panels()[1]->title())->Active, false);

    Settings reopened = settings_;
    Shell second(reopened, {});
    EXPECT_FALSE(second.panels()[1]->open);
    // A family's panels are remembered too, once its first run is shown.
    shell_.panels()[3]->open = false;
    frame();
    Settings again = settings_;
    Shell third(again, {});
    frame_with(third);
    EXPECT_FALSE(third.panels()[3]->open);
}

TEST_F(ShellTest, F1TogglesTheHelpWindow) {
    frame();
    EXPECT_EQ(ImGui::FindWindowByName("Help"), nullptr);
    press(GLFW_KEY_F1);
    const ImGuiWindow* help = ImGui::FindWindowByName("Help");
    ASSERT_NE(help, nullptr);
    EXPECT_TRUE(help->Active);
    // Every shortcut and every panel gets a line: the window is tall enough for all of them.
    EXPECT_GT(help->ContentSize.y, 10.f * ImGui::GetTextLineHeightWithSpacing());
    press(GLFW_KEY_F1);
    EXPECT_FALSE(ImGui::FindWindowByName("Help")->Active);
    EXPECT_TRUE(sink_.commands.empty());
}

// The help window is drawn from the same table the keys are handled from; each entry must do what it says.
TEST_F(ShellTest, EveryShortcutInTheHelpDoesSomething) {
    frame();
    ASSERT_GE(shortcuts().size(), 6u);
    for (const Shortcut& s : shortcuts()) {
        SCOPED_TRACE(s.keys);
        const std::size_t commands_before = sink_.commands.size();
        const bool help_before = ImGui::FindWindowByName("Help") && ImGui::FindWindowByName("Help")->Active;
        press(s.key, s.ctrl);
        const bool help_after = ImGui::FindWindowByName("Help") && ImGui::FindWindowByName("Help")->Active;
        switch (s.action) {
        case ShortcutAction::PauseResume:
        case ShortcutAction::Step:
        case ShortcutAction::Reset:
            EXPECT_GT(sink_.commands.size(), commands_before);
            break;
        case ShortcutAction::Screenshot:
            EXPECT_TRUE(shell_.take_screenshot_request());
            break;
        case ShortcutAction::Bigger:
        case ShortcutAction::Smaller:
            EXPECT_TRUE(shell_.take_scale_change().has_value());
            break;
        case ShortcutAction::Help:
            EXPECT_NE(help_before, help_after);
            break;
        case ShortcutAction::NextView:
            EXPECT_TRUE(settings_.presenter); // the first press turns the stage on
            break;
        }
        if (s.alt_key) {
            press(s.alt_key, s.ctrl);
            EXPECT_TRUE(shell_.take_scale_change().has_value()) << "the alternative key";
        }
        EXPECT_GT(std::string(s.what).size(), 3u);
    }
}

TEST_F(ShellTest, SaveAsPresetWritesAFileThatLoadsBackToTheRunsParameters) {
    const auto dir = std::filesystem::temp_directory_path() / "phasor_shell_test_presets";
    std::filesystem::remove_all(dir);
    // The parameters the run has now, live changes included.
    snapshot_.params[stepnet_family().params.index("train.lr")] = 0.125f;
    snapshot_.params[stepnet_family().params.index("train.backward")] = std::string("pipelined");
    frame();
    ASSERT_TRUE(shell_.save_preset(snapshot_, dir / "mine.toml"));
    const ParamSet loaded = load_preset(dir / "mine.toml");
    EXPECT_EQ(loaded.text("name"), "mine");
    for (std::size_t i = 0; i < loaded.table().size(); ++i) {
        if (loaded.table().row(i).key == "name") continue;
        EXPECT_EQ(loaded.values()[i], snapshot_.params[i]) << loaded.table().row(i).key;
    }
    EXPECT_FALSE(shell_.notices().live().back().error);
    // A folder that cannot be created: an error notice, and no file.
    std::ofstream(dir / "a_file") << "x";
    EXPECT_FALSE(shell_.save_preset(snapshot_, dir / "a_file" / "p.toml"));
    EXPECT_TRUE(shell_.notices().live().back().error);
    std::filesystem::remove_all(dir);
}

TEST_F(ShellTest, TheChangeLogHasEveryChangeAndAReplayCommand) {
    const auto file = std::filesystem::temp_directory_path() / "phasor_shell_test_changes.json";
    history_.observe(snapshot_);
    history_.record({2000, snapshot_.run, "train.lr", "0.05", false});
    history_.record({2500, snapshot_.run, "pause", "", false});
    history_.record({3000, snapshot_.run, "train.backward", "\"pipelined\"", false});
    snapshot_.tick = 4000;
    const FrameState state{snapshot_, history_, sink_, 1.f, 0.f, origin_};
    ASSERT_TRUE(shell_.save_change_log(state, file));
    std::ifstream in(file);
    const auto log = nlohmann::json::parse(in);
    EXPECT_EQ(log["preset"], "lowhighmix");
    ASSERT_EQ(log["changes"].size(), 3u);
    EXPECT_EQ(log["changes"][1]["key"], "pause");
    EXPECT_EQ(log["changes"][2]["tick"], 3000);
    // Pausing changes nothing trained: the replay leaves it out.
    EXPECT_EQ(log["replay"], "phasor run --preset lowhighmix --ticks 4000 --at 2000:train.lr=0.05 --at "
                             "'3000:train.backward=\"pipelined\"'");
    std::filesystem::remove(file);
}

} // namespace
} // namespace phasor::ui
