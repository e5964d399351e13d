// The layout on the screens a class uses: at 1280×720 and 1600×1000, UI scale 1, 1.5 and 2, with and without
// presenter mode, every panel lies inside the window and nothing in the Controls panel reaches past its right
// edge (it may scroll down, never sideways). With the app's own fonts and theme, every group unfolded.
#include "engine/runtime/run.hpp"
#include "engine/stepnet/stepnet_family.hpp"
#include "ui/shell.hpp"
#include "ui/theme.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

namespace phasor::ui {
namespace {

struct DropCommands final : CommandSink {
    void post(Command) override {}
};

struct Screen {
    float width, height, scale;
    bool presenter;
    bool plane; // a 2-D task, with the decision map and the neurons' pictures
};

class Layout : public ::testing::TestWithParam<Screen> {
  protected:
    Layout() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(GetParam().width, GetParam().height);
        std::string problem;
        build_fonts(GetParam().scale, problem);
        apply_theme(GetParam().scale);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(1)));
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        phasor::Run run{ParamSet(stepnet_family())};
        if (GetParam().plane) {
            EXPECT_EQ(run.set("task.name", std::string("spirals")), std::nullopt);
        }
        run.fill(snapshot_);
        snapshot_.state = RunState::Running;
        settings_.presenter = GetParam().presenter;
    }
    ~Layout() override { ImGui::DestroyContext(); }

    void frame() {
        ImGui::GetIO().DeltaTime = 1.f / 60.f;
        ImGui::NewFrame();
        shell_.frame({snapshot_, history_, sink_, 1.f, 60.f, origin_});
        ImGui::Render();
    }
    // Opens a folded group of the Controls panel, as a click on its header would.
    static void unfold(const char* header) {
        ImGuiWindow* w = ImGui::FindWindowByName("Controls");
        ASSERT_NE(w, nullptr);
        w->StateStorage.SetInt(ImHashStr(header, 0, w->ID), 1);
    }

    RunOrigin origin_{"lowhighmix", {}};
    Snapshot snapshot_;
    RunHistory history_;
    DropCommands sink_;
    Settings settings_;
    Shell shell_{settings_, {}};
};

TEST_P(Layout, PanelsFitTheWindowAndControlsNeverReachPastTheirEdge) {
    frame();
    for (const char* group : {"Task", "Network", "Optimizer"}) unfold(group);
    for (int i = 0; i < 3; ++i) frame();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    int shown = 0;
    for (const auto& panel : shell_.panels()) {
        const ImGuiWindow* w = ImGui::FindWindowByName(panel->title());
        if (!w || !w->Active) continue;
        ++shown;
        SCOPED_TRACE(panel->title());
        EXPECT_GE(w->Pos.x, -0.5f);
        EXPECT_GE(w->Pos.y, -0.5f);
        EXPECT_LE(w->Pos.x + w->Size.x, display.x + 0.5f);
        EXPECT_LE(w->Pos.y + w->Size.y, display.y + 0.5f);
    }
    EXPECT_EQ(shown, GetParam().presenter ? 3 : GetParam().plane ? 8 : 6);
    const ImGuiWindow* controls = ImGui::FindWindowByName("Controls");
    ASSERT_NE(controls, nullptr);
    ASSERT_TRUE(controls->Active);
    EXPECT_LE(controls->ContentSize.x, controls->InnerRect.GetWidth() - controls->WindowPadding.x + 1.f)
        << "an item of the Controls panel reaches past its right edge";
}

std::string name(const ::testing::TestParamInfo<Screen>& info) {
    const Screen& s = info.param;
    return fmt::format("{}x{}_scale{}{}{}", s.width, s.height, static_cast<int>(s.scale * 10),
                       s.presenter ? "_presenter" : "", s.plane ? "_plane" : "");
}

std::vector<Screen> screens() {
    std::vector<Screen> out;
    for (auto [w, h] : {std::pair{1280.f, 720.f}, std::pair{1600.f, 1000.f}})
        for (float scale : {1.f, 1.5f, 2.f})
            for (bool presenter : {false, true})
                for (bool plane : {false, true}) out.push_back({w, h, scale, presenter, plane});
    return out;
}

INSTANTIATE_TEST_SUITE_P(Screens, Layout, ::testing::ValuesIn(screens()), name);

} // namespace
} // namespace phasor::ui
