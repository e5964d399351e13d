// wrapped_text: text wrapped to the panel at spaces only, so a number is never split across two lines.
#include "headless_ui.hpp"
#include "ui/panels/panel_style.hpp"

#include <gtest/gtest.h>
#include <sstream>

namespace phasor::ui {
namespace {

using testing::HeadlessImGui;

// The lines `text` is drawn as in a window `width` pixels wide, as ImGui logged them.
std::vector<std::string> drawn_lines(HeadlessImGui& ui, const char* text, float width) {
    std::string log;
    ui.frame([&] {
        ImGui::SetNextWindowPos(ImVec2(0.f, 0.f));
        ImGui::SetNextWindowSize(ImVec2(width, 600.f));
        ImGui::Begin("Narrow", nullptr, ImGuiWindowFlags_NoScrollbar);
        ImGui::LogToBuffer();
        wrapped_text(text);
        log = ImGui::GetCurrentContext()->LogBuffer.c_str();
        ImGui::LogFinish();
        ImGui::End();
    });
    std::vector<std::string> lines;
    std::istringstream in(log);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

TEST(WrappedText, BreaksAtSpacesOnlyAndKeepsEveryWord) {
    HeadlessImGui ui;
    const char* text = "in use now: 0.01166 (the schedule moved it from 0.02)";
    // ImGui's own wrapping would break after "0." at this width.
    const std::vector<std::string> lines = drawn_lines(ui, text, 150.f);
    ASSERT_GT(lines.size(), 2u);
    std::string joined;
    for (const std::string& line : lines) {
        EXPECT_NE(line.back(), '.') << line;
        EXPECT_NE(line.front(), ' ') << line;
        joined += (joined.empty() ? "" : " ") + line;
    }
    EXPECT_EQ(joined, text);
}

TEST(WrappedText, KeepsExplicitLineBreaksAndFitsOneLineWhenItCan) {
    HeadlessImGui ui;
    EXPECT_EQ(drawn_lines(ui, "first line\nsecond", 800.f),
              (std::vector<std::string>{"first line", "second"}));
    EXPECT_EQ(drawn_lines(ui, "0.001 after 1,000 updates", 800.f),
              (std::vector<std::string>{"0.001 after 1,000 updates"}));
}

} // namespace
} // namespace phasor::ui
