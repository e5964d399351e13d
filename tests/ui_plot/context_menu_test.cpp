// The plot's context menu driven with the mouse, headless: it sets the export look (theme, size) shared by
// every plot on the shelf, follows the last N ticks, smooths, switches log x, resets the view, and asks for
// exports in the chosen look.
#include "ui/plot/plot_shelf.hpp"
#include "ui_plot/headless_imgui.hpp"

#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <imgui_internal.h>

namespace phasor::plot {
namespace {

using phasor::testing::HeadlessImGui;

struct Menu : ::testing::Test {
    HeadlessImGui imgui;
    SeriesHistory loss;
    Plot plot;
    PlotView view;
    PlotShelf shelf;
    std::vector<PlotShelf::Request> requests;
    ImVec2 origin;

    void SetUp() override {
        for (int i = 0; i <= 2000; ++i) loss.push(i * 1000.0, 1.f / (1.f + static_cast<float>(i) * 0.01f));
        plot.id = "metrics_loss";
        plot.lines = {{"loss", 0, &loss}};
        frame();
        frame();
    }
    void frame() {
        imgui.frame([&] {
            shelf.begin_frame();
            origin = ImGui::GetCursorScreenPos();
            shelf.show(plot, view, {640, 400});
        });
        for (auto& r : shelf.take_requests()) requests.push_back(std::move(r));
    }
    void mouse(ImVec2 at, bool down) {
        imgui.io().MousePos = at;
        imgui.io().MouseDown[0] = false;
        imgui.io().MouseDown[1] = false;
        if (down) imgui.io().MouseDown[1] = true;
    }
    void open() {
        ImVec2 at{origin.x + 300, origin.y + 200};
        mouse(at, false);
        frame();
        imgui.io().MouseDown[1] = true;
        frame();
        imgui.io().MouseDown[1] = false;
        frame();
        frame(); // a new popup sizes itself on its first frame
        ASSERT_FALSE(GImGui->OpenPopupStack.empty()) << "the right click opened no menu";
    }
    ImGuiWindow* top() const {
        return GImGui->OpenPopupStack.empty() ? nullptr : GImGui->OpenPopupStack.back().Window;
    }
    // Moves the mouse down the topmost menu until the item called `label` is under it.
    bool hover(const char* label) {
        ImGuiWindow* window = top();
        if (window == nullptr) return false;
        const ImGuiID plain = ImHashStr(label, 0, window->ID), nested = ImHashStr("", 0, plain);
        const ImVec2 pos = window->Pos, size = window->Size;
        for (float y = pos.y + 1; y < pos.y + size.y; y += 2) {
            mouse({pos.x + 20, y}, false);
            frame();
            if (GImGui->HoveredId == plain || GImGui->HoveredId == nested) return true;
        }
        return false;
    }
    void click() {
        imgui.io().MouseDown[0] = true;
        frame();
        imgui.io().MouseDown[0] = false;
        frame();
    }
    // Opens the menu, hovers each of `path` in turn (submenus open on hover) and clicks the last.
    void choose(std::initializer_list<const char*> path) {
        open();
        for (const char* label : path) {
            ASSERT_TRUE(hover(label)) << "no menu item " << label;
            frame(); // a submenu opens, then sizes itself
            frame();
        }
        click();
        frame();
    }
};

TEST_F(Menu, ExportsInTheChosenThemeAndSize) {
    choose({"Export PNG"});
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].request.format, ExportRequest::Format::Png);
    EXPECT_EQ(requests[0].request.theme, ThemeKind::Dark);
    EXPECT_EQ(requests[0].request.size.width, 1200); // the default look
    EXPECT_EQ(requests[0].entry.plot.id, "metrics_loss");

    choose({"Export theme", "Light, transparent"});
    EXPECT_EQ(shelf.look().theme, ThemeKind::LightTransparent);
    choose({"Export size", "85 mm wide, 300 dpi (a paper's column)"});
    EXPECT_EQ(shelf.look().size.unit, FigureSize::Unit::Millimetres);
    EXPECT_EQ(shelf.look().size.width, 85);
    choose({"Export SVG"});
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[1].request.format, ExportRequest::Format::Svg);
    EXPECT_EQ(requests[1].request.theme, ThemeKind::LightTransparent);
    EXPECT_EQ(requests[1].request.size.width, 85);
    choose({"Export size", "On screen, 4×"});
    choose({"Export CSV"});
    ASSERT_EQ(requests.size(), 3u);
    EXPECT_TRUE(requests[2].request.size.on_screen());
    EXPECT_EQ(requests[2].request.scale, 4);
}

TEST_F(Menu, FollowSmoothingLogXAndReset) {
    choose({"Follow", "Last 100k ticks"});
    EXPECT_EQ(view.follow, 1e5);
    frame();
    EXPECT_EQ(view.x_hi, 2e6);
    EXPECT_EQ(view.x_lo, 1.9e6);
    // The shortest window, for a class watching a slow run: about 17 s at the default pace.
    choose({"Follow", "Last 1k ticks"});
    EXPECT_EQ(view.follow, 1e3);
    frame();
    EXPECT_EQ(view.x_lo, 2e6 - 1e3);
    choose({"Smoothing", "0.9 (half-life 7 points)"});
    EXPECT_EQ(view.smoothing, 0.9);
    choose({"Follow", "All ticks"});
    EXPECT_EQ(view.follow, 0);
    frame();
    EXPECT_EQ(view.x_lo, 0);
    choose({"Log x"});
    EXPECT_EQ(view.log_x, true);
    frame();
    EXPECT_EQ(view.x_lo, 1000);
    view.auto_x = false;
    view.x_lo = 5000, view.x_hi = 6000;
    choose({"Reset view"});
    EXPECT_TRUE(view.auto_x);
    frame();
    EXPECT_EQ(view.x_hi, 2e6);
}

} // namespace
} // namespace phasor::plot
