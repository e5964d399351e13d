// Pausing, killing, restarting and slowing one component, both ways a class would: the Controls rows of
// `components.state` and `components.speed` (a line per component) and the Components panel's right-click
// menu. Each click posts the whole list with one entry changed, of the component count's length, whether the
// row was automatic or set.
#include "engine/mach/mach_family.hpp"
#include "mach_fixture.hpp"
#include "ui/panels/controls_panel.hpp"
#include "ui/panels/mach/components_panel.hpp"

#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using testing::chain_view;
using testing::HeadlessImGui;
using States = std::vector<std::string>;
using Caps = std::vector<std::int64_t>;

class ComponentControlsTest : public testing::MachPanelsTest {
  protected:
    ControlsPanel controls;
    ComponentsPanel components;

    void SetUp() override {
        snapshot.family = &mach_family();
        const ParamSet defaults(mach_family());
        snapshot.params.assign(defaults.values().begin(), defaults.values().end());
        set_view(chain_view(3));
    }
    void set(std::string_view key, ParamValue value) {
        snapshot.params[mach_family().params.index(key)] = std::move(value);
    }
    auto body(Panel& panel) {
        return [this, &panel] {
            shelf.begin_frame();
            PanelContext context = testing::test_context(snapshot, history, sink, shelf);
            testing::draw_panel(panel, context, &text);
        };
    }
    // Where the widget `label` of `window` is, or (-1, -1) with a failure when it is not drawn.
    ImVec2 where(Panel& panel, const char* label, const char* window) {
        const auto found = ui.locate(window, body(panel));
        const auto it = found.find(HeadlessImGui::id_of(window, label));
        EXPECT_NE(it, found.end()) << label << " not found in " << window;
        return it == found.end() ? ImVec2(-1.f, -1.f) : it->second;
    }
    bool has_widget(Panel& panel, const std::string& label, const char* window) {
        return ui.locate(window, body(panel)).contains(HeadlessImGui::id_of(window, label.c_str()));
    }
    void click(const char* label) { ui.click(where(controls, label, "Controls"), body(controls)); }
    void enter(const char* label, const char* typed) {
        click(label);
        ui.type(typed, body(controls));
        ui.press(ImGuiKey_Enter, body(controls));
    }
    std::vector<ParamValue> posted(std::string_view key) const {
        std::vector<ParamValue> values;
        for (const SetParam& c : sink.all<SetParam>())
            if (c.key == key) values.push_back(c.value);
        return values;
    }

    // Right-clicks component `node`'s box in the Components panel and returns the name of the menu's window
    // (empty when none opened).
    std::string open_menu(std::size_t node) {
        show(components);
        const auto* entry = drawn("mach_components");
        const auto* drawing = entry ? dynamic_cast<const ComponentsDrawing*>(entry->plot.drawing) : nullptr;
        if (drawing == nullptr || node >= drawing->layout().centre.size()) return "";
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = drawing->layout().centre[node];
        ui.frame(body(components));
        io.MouseDown[1] = true;
        ui.frame(body(components));
        io.MouseDown[1] = false;
        ui.frame(body(components));
        ui.frame(body(components));
        const ImGuiContext& g = *ImGui::GetCurrentContext();
        if (g.OpenPopupStack.empty() || g.OpenPopupStack.back().Window == nullptr) return "";
        return g.OpenPopupStack.back().Window->Name;
    }
    void choose(const std::string& menu, const char* item) {
        ui.click(where(components, item, menu.c_str()), body(components));
    }
};

TEST_F(ComponentControlsTest, KillingOneComponentOfAnAutomaticRowPostsTheWholeList) {
    ASSERT_TRUE(std::holds_alternative<std::monostate>(*snapshot.param("components.state")));
    click("Kill##components.state.1");
    ASSERT_EQ(sink.commands.size(), 1u);
    EXPECT_EQ(posted("components.state"), (std::vector<ParamValue>{States{"run", "kill", "run"}}));
}

TEST_F(ComponentControlsTest, ASetListChangesOnlyTheClickedEntry) {
    set_view(chain_view(4));
    set("components.state", States{"run", "pause", "kill", "run"});
    click("Run##components.state.2");
    click("Pause##components.state.3");
    EXPECT_EQ(posted("components.state"), (std::vector<ParamValue>{States{"run", "pause", "run", "run"},
                                                                   States{"run", "pause", "kill", "pause"}}));
}

TEST_F(ComponentControlsTest, TheStateAComponentHasAndStoppingTheLastRunningOnePostNothing) {
    set("components.state", States{"run", "pause", "kill"});
    click("Pause##components.state.1"); // already paused
    click("Kill##components.state.0");  // the only one running: disabled, the engine would refuse it
    click("Pause##components.state.0");
    EXPECT_TRUE(sink.commands.empty());
    click("Run##components.state.1");
    EXPECT_EQ(posted("components.state"), (std::vector<ParamValue>{States{"run", "run", "kill"}}));
}

TEST_F(ComponentControlsTest, EditingASpeedPostsTheWholeListOnEnterOrLeavingTheField) {
    enter("##components.speed.2", "25");
    ASSERT_EQ(posted("components.speed"), (std::vector<ParamValue>{Caps{0, 0, 25}}));

    set("components.speed", Caps{10, 20, 30});
    click("##components.speed.0");
    ui.type("7", body(controls));
    EXPECT_EQ(posted("components.speed").size(), 1u) << "nothing is posted while typing";
    ui.click(ImVec2(1300.f, 500.f), body(controls)); // a click outside the panel ends the edit
    ASSERT_EQ(posted("components.speed").size(), 2u);
    EXPECT_EQ(posted("components.speed")[1], (ParamValue{Caps{7, 20, 30}}));

    // An emptied field is no cap.
    click("##components.speed.1");
    ui.press(ImGuiKey_Backspace, body(controls));
    ui.press(ImGuiKey_Enter, body(controls));
    ASSERT_EQ(posted("components.speed").size(), 3u);
    EXPECT_EQ(posted("components.speed")[2], (ParamValue{Caps{10, 0, 30}}));
}

TEST_F(ComponentControlsTest, LettersNeverReachACapField) {
    enter("##components.speed.0", "fast");
    EXPECT_TRUE(posted("components.speed").empty()) << "nothing was typed";
    enter("##components.speed.0", "4x0");
    ASSERT_FALSE(posted("components.speed").empty());
    EXPECT_EQ(posted("components.speed").back(), (ParamValue{Caps{40, 0, 0}}));
}

TEST_F(ComponentControlsTest, TheRowsNameEveryComponentAndShowARefusal) {
    ImGui::GetIO().MousePos = ImVec2(-1.f, -1.f);
    snapshot.message = "components.state: at least one component must run";
    snapshot.message_key = "components.state";
    ui.frame(body(controls));
    for (const char* name : {"c0", "c1", "c2"}) EXPECT_GE(testing::count(text, name), 2u) << name << text;
    EXPECT_NE(text.find("no cap"), std::string::npos);
    EXPECT_EQ(testing::count(text, "at least one component must run"), 1u) << "beside the row, once";
    EXPECT_FALSE(
        has_widget(controls, param_label(*mach_family().params.find("components.state")), "Controls"))
        << "the list's text field gives way to the rows";
}

TEST_F(ComponentControlsTest, BeforeTheFirstSnapshotTheGenericFieldsServe) {
    snapshot.payload.reset();
    EXPECT_FALSE(has_widget(controls, "Run##components.state.0", "Controls"));
    EXPECT_TRUE(
        has_widget(controls, param_label(*mach_family().params.find("components.state")), "Controls"));
    EXPECT_TRUE(
        has_widget(controls, param_label(*mach_family().params.find("components.speed")), "Controls"));
}

TEST_F(ComponentControlsTest, TheMenuKillsAndRestartsTheComponentRightClicked) {
    show(components);
    EXPECT_NE(text.find("Right-click a component"), std::string::npos) << text;
    std::string menu = open_menu(1);
    ASSERT_FALSE(menu.empty()) << "no menu opened";
    choose(menu, "Kill");
    EXPECT_EQ(posted("components.state"), (std::vector<ParamValue>{States{"run", "kill", "run"}}));

    set("components.state", States{"run", "kill", "pause"});
    view().nodes[1].state = ComponentState::Kill;
    view().nodes[2].state = ComponentState::Pause;
    menu = open_menu(1);
    ASSERT_FALSE(menu.empty());
    EXPECT_FALSE(has_widget(components, "Run", menu.c_str())) << "a killed component restarts";
    choose(menu, "Restart");
    menu = open_menu(2);
    ASSERT_FALSE(menu.empty());
    choose(menu, "Run");
    EXPECT_EQ(posted("components.state"),
              (std::vector<ParamValue>{States{"run", "kill", "run"}, States{"run", "run", "pause"},
                                       States{"run", "kill", "run"}}));
}

TEST_F(ComponentControlsTest, TheMenuWillNotStopTheLastRunningComponent) {
    set("components.state", States{"kill", "run", "pause"});
    const std::string menu = open_menu(1);
    ASSERT_FALSE(menu.empty());
    choose(menu, "Kill");
    choose(menu, "Pause");
    EXPECT_TRUE(posted("components.state").empty());
}

TEST_F(ComponentControlsTest, TheMenuSlowsAComponentToATenthAndRemovesTheCap) {
    view().nodes[2].steps_per_second = 250.f;
    std::string menu = open_menu(2);
    ASSERT_FALSE(menu.empty());
    choose(menu, "Slow to 1/10 of its speed");
    EXPECT_EQ(posted("components.speed"), (std::vector<ParamValue>{Caps{0, 0, 25}}));

    set("components.speed", Caps{0, 0, 25});
    view().nodes[2].steps_per_second = 25.f;
    view().nodes[2].speed_cap = 25.f;
    menu = open_menu(2);
    ASSERT_FALSE(menu.empty());
    choose(menu, "Remove speed cap");
    EXPECT_EQ(posted("components.speed"), (std::vector<ParamValue>{Caps{0, 0, 25}, Caps{0, 0, 0}}));
}

} // namespace
} // namespace phasor::ui
