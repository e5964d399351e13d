// The panel tests' fixture: a headless ImGui, the UI-side run history, a command sink and the plot shelf, and
// a way to show a panel a run's snapshot over a few frames as the app does, then find the plots it drew.
#pragma once
#include "engine/stepnet/stepnet_view.hpp"
#include "headless_ui.hpp"
#include "ui/panels/controls_panel.hpp"
#include "ui/panels/metrics_panel.hpp"
#include "ui/panels/stepnet/stepnet_ui.hpp"

#include <gtest/gtest.h>
#include <memory>

namespace phasor::ui::testing {

class PanelsTest : public ::testing::Test {
  protected:
    HeadlessImGui ui;
    RunHistory history;
    testing::RecordingSink sink;
    plot::PlotShelf shelf;
    std::string text;

    // Observes the run over a few frames, the way the app feeds the history, and draws `panel` each frame.
    void show(Panel& panel, testing::RunFixture& run, int frames = 3, float width = 900.f) {
        history.observe(run.snapshot);
        history.append(run.samples);
        for (int f = 0; f < frames; ++f) {
            history.observe(run.snapshot);
            ui.frame([&] {
                shelf.begin_frame();
                PanelContext context = testing::test_context(run.snapshot, history, sink, shelf);
                testing::draw_panel(panel, context, &text, width);
            });
            ++run.snapshot.tick;
        }
    }
    // Every panel the app shows with a stepped network: the common ones, then the family's.
    static std::vector<std::unique_ptr<Panel>> all_panels() {
        std::vector<std::unique_ptr<Panel>> panels;
        panels.push_back(std::make_unique<ControlsPanel>());
        panels.push_back(std::make_unique<MetricsPanel>());
        for (auto& panel : stepnet_ui().make_panels()) panels.push_back(std::move(panel));
        return panels;
    }
    static StepNetView& view(testing::RunFixture& run) { return *run.snapshot.payload_as<StepNetView>(); }
    const plot::PlotShelf::Entry* drawn(const std::string& id) const {
        for (const auto& entry : shelf.drawn())
            if (entry.plot.id == id) return &entry;
        return nullptr;
    }
};

} // namespace phasor::ui::testing
