// The Controls panel on a real stepped network's snapshot, driven headless: where its widgets are, clicks and
// typing into them, and the commands it posted. Shared by the Controls panel's tests.
#pragma once
#include "engine/runtime/family.hpp"
#include "engine/stepnet/stepnet_family.hpp"
#include "engine/stepnet/stepnet_view.hpp"
#include "headless_ui.hpp"
#include "ui/panels/controls_panel.hpp"
#include "ui/panels/stepnet/stepnet_ui.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace phasor::ui::testing {

class ControlsPanelTest : public ::testing::Test {
  protected:
    HeadlessImGui ui;
    RunFixture run = network_run(60);
    RunHistory history;
    RecordingSink sink;
    plot::PlotShelf shelf;
    ControlsPanel panel;
    std::vector<std::filesystem::path> dirs{std::filesystem::path(PHASOR_SOURCE_DIR) / "assets/presets"};
    bool presenter = false;
    std::string text; // what the last frame rendered as text

    auto body() {
        return [this] {
            shelf.begin_frame();
            PanelContext context{.snapshot = run.snapshot,
                                 .history = history,
                                 .commands = sink,
                                 .plots = shelf,
                                 .preset_dirs = dirs,
                                 .preset = "lowhighmix",
                                 .presenter = presenter};
            draw_panel(panel, context, &text);
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
    // Whether the Controls draw a widget labelled `label` (one that can be hovered).
    bool drawn(const std::string& label) {
        return ui.locate("Controls", body()).contains(HeadlessImGui::id_of("Controls", label.c_str()));
    }
    // The text the Controls show, with no tooltip cutting it short.
    const std::string& shown_text() {
        ImGui::GetIO().MousePos = ImVec2(-1.f, -1.f); // a tooltip window's End() stops ImGui's text capture
        ui.frame(body());
        return text;
    }
    // The label a parameter row's control has ("Learning rate##train.lr").
    static std::string label(std::string_view key) { return param_label(*stepnet_family().params.find(key)); }
    StepNetView& view() { return *run.snapshot.payload_as<StepNetView>(); }
    void set(std::string_view key, ParamValue value) {
        run.snapshot.params[stepnet_family().params.index(key)] = std::move(value);
    }
    // The SetParam commands posted for `key`.
    std::vector<ParamValue> posted(std::string_view key) const {
        std::vector<ParamValue> values;
        for (const SetParam& c : sink.all<SetParam>())
            if (c.key == key) values.push_back(c.value);
        return values;
    }
};

} // namespace phasor::ui::testing
