// The fixture of a family's panel tests that fill the family's payload by hand (the engine is not needed to
// check what the panels make of one): a headless ImGui, a snapshot holding a `View`, the UI-side history, a
// command sink, the plots a frame drew and their exports, and a look at the vertices a frame put down (a
// colour in a rectangle), which is what reaches the screen.
#pragma once
#include "ui/plot/text_export.hpp"
#include "ui_panels/headless_ui.hpp"

#include <gtest/gtest.h>
#include <memory>
#include <string>

namespace phasor::ui::testing {

template <class View> class PayloadPanelsTest : public ::testing::Test {
  protected:
    HeadlessImGui ui;
    RunHistory history;
    RecordingSink sink;
    plot::PlotShelf shelf;
    Snapshot snapshot;
    std::string text;

    View& set_view(View v) {
        snapshot.run = 1;
        snapshot.payload = std::make_unique<View>(std::move(v));
        return view();
    }
    View& view() { return *snapshot.template payload_as<View>(); }

    auto body(Panel& panel, float width = 900.f, float height = 1000.f) {
        return [this, &panel, width, height] {
            shelf.begin_frame();
            PanelContext context = test_context(snapshot, history, sink, shelf);
            draw_panel(panel, context, &text, width, height);
        };
    }
    void show(Panel& panel, int frames = 2, float width = 900.f, float height = 1000.f) {
        for (int f = 0; f < frames; ++f) {
            history.observe(snapshot);
            ui.frame(body(panel, width, height));
        }
    }
    const plot::PlotShelf::Entry* drawn(const std::string& id) const {
        for (const auto& entry : shelf.drawn())
            if (entry.plot.id == id) return &entry;
        return nullptr;
    }
    std::string svg(const std::string& id, plot::ThemeKind theme = plot::ThemeKind::Light) const {
        const auto* entry = drawn(id);
        if (entry == nullptr) return "";
        const plot::Figure figure = plot::resolve_figure(
            {plot::ExportRequest::Format::Svg, 1, false, theme, plot::FigureSize::pixels(1200, 800)},
            entry->size, plot::kScreenFontPixels);
        return plot::to_svg(entry->plot, entry->view, figure);
    }
    std::string csv(const std::string& id) const {
        const auto* entry = drawn(id);
        return entry == nullptr ? "" : plot::to_csv(entry->plot, entry->view);
    }
    // Vertices of `color` (alpha ignored) inside [min, max] in the last frame's draw lists.
    static int vertices_of(plot::Rgba color, ImVec2 min, ImVec2 max) {
        int n = 0;
        const ImDrawData* data = ImGui::GetDrawData();
        for (int l = 0; data && l < data->CmdListsCount; ++l)
            for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer)
                if ((v.col & 0x00FFFFFFu) == (color & 0x00FFFFFFu) && v.pos.x >= min.x && v.pos.x <= max.x &&
                    v.pos.y >= min.y && v.pos.y <= max.y)
                    ++n;
        return n;
    }
};

} // namespace phasor::ui::testing
