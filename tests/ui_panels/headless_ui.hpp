// Test support for the panels: ImGui driven headless (no window, no GL) with injected mouse and keys, a
// command sink that records what a panel posts, widget lookup by hovering, and snapshots from a real stepped
// network.
#pragma once
#include "engine/params/param_set.hpp"
#include "ui/panels/panel.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace phasor::ui::testing {

struct RecordingSink final : CommandSink {
    std::vector<Command> commands;
    void post(Command command) override { commands.push_back(std::move(command)); }
    template <class T> std::vector<T> all() const {
        std::vector<T> out;
        for (const Command& c : commands)
            if (const T* t = std::get_if<T>(&c)) out.push_back(*t);
        return out;
    }
};

// One ImGui context for one test, with a built font atlas and a key map so typed keys reach text fields.
class HeadlessImGui {
  public:
    HeadlessImGui();
    ~HeadlessImGui();
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    template <class Body> void frame(Body&& body) {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = 1.f / 60.f;
        ImGui::NewFrame();
        body();
        ImGui::Render();
    }
    // Press on one frame, release on the next, as a real click arrives.
    template <class Body> void click(ImVec2 at, Body&& body) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = at;
        frame(body);
        io.MouseDown[0] = true;
        frame(body);
        io.MouseDown[0] = false;
        frame(body);
    }
    template <class Body> void type(const char* text, Body&& body) {
        ImGui::GetIO().AddInputCharactersUTF8(text);
        frame(body);
    }
    template <class Body> void press(ImGuiKey key, Body&& body) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeysDown[io.KeyMap[key]] = true;
        frame(body);
        io.KeysDown[io.KeyMap[key]] = false;
        frame(body);
    }

    // The ID a widget labelled `label` gets at the top of window `window`'s ID stack.
    static ImGuiID id_of(const char* window, const char* label);

    // Hovers a grid over the window's contents and returns, per widget ID, the centre of the points that
    // hovered it. A widget that is not drawn is not in the map.
    template <class Body> std::map<ImGuiID, ImVec2> locate(const char* window, Body&& body) {
        frame(body); // a window measures its contents a frame after it first appears
        frame(body);
        const ImGuiWindow* w = ImGui::FindWindowByName(window);
        std::map<ImGuiID, std::pair<ImVec2, int>> sums;
        if (w == nullptr) return {};
        const ImVec2 p0 = w->Pos;
        const float height =
            std::min(w->Size.y, w->ContentSize.y + w->TitleBarHeight() + 2.f * w->WindowPadding.y);
        ImGuiIO& io = ImGui::GetIO();
        // The smallest widget a panel draws, a one-letter button, is 15 px wide and 19 px high at scale 1, so
        // this grid lands on every widget at least once and on most several times.
        for (float y = p0.y + 2.f; y < p0.y + height; y += 8.f) {
            for (float x = p0.x + 2.f; x < p0.x + w->Size.x - 2.f; x += 12.f) {
                io.MousePos = ImVec2(x, y);
                frame(body);
                const ImGuiID hovered = ImGui::GetCurrentContext()->HoveredId;
                if (hovered == 0) continue;
                auto& [sum, count] = sums[hovered];
                sum.x += x;
                sum.y += y;
                ++count;
            }
        }
        std::map<ImGuiID, ImVec2> centres;
        for (const auto& [id, entry] : sums)
            centres[id] = ImVec2(entry.first.x / static_cast<float>(entry.second),
                                 entry.first.y / static_cast<float>(entry.second));
        io.MousePos = ImVec2(-1.f, -1.f);
        return centres;
    }
};

// Draws a panel in a window of a fixed place and size, optionally capturing the text it renders.
void draw_panel(Panel& panel, PanelContext& context, std::string* text = nullptr, float width = 900.f,
                float height = 1000.f);

// What a panel is given in most tests: no preset folders, the preset "test", not on the presenter stage.
inline PanelContext test_context(const Snapshot& snapshot, const RunHistory& history, CommandSink& commands,
                                 plot::PlotShelf& plots) {
    return {.snapshot = snapshot,
            .history = history,
            .commands = commands,
            .plots = plots,
            .preset_dirs = {},
            .preset = "test",
            .presenter = false};
}

// The stepped network's parameters with the old built-in network (relu, tanh, softmax) and a series sample
// every 10 ticks, named `name`.
ParamSet stepnet_params(const char* name);

// Snapshots filled by a real stepped network after `ticks` ticks (a Run, as the trainer drives it), with the
// series it sampled.
struct RunFixture {
    Snapshot snapshot;
    std::vector<SeriesSample> samples;
};
RunFixture run_of(ParamSet params, int ticks);
// The same run shown at one pace after another (Model::set_pace: ticks/s, 0 full speed, 1 single steps),
// `ticks` at each, as the app's speed control would.
struct Paced {
    double pace;
    int ticks;
};
RunFixture paced_run(ParamSet params, std::initializer_list<Paced> phases);
RunFixture network_run(int ticks = 300); // lowhighmix on 4→32→16→3
RunFixture plane_run(int ticks = 300);   // spirals on 2→16→2, with a decision map
RunFixture empty_run();                  // nothing built yet: no layers

} // namespace phasor::ui::testing
