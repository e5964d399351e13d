// The mach panel tests' fixture: a headless ImGui, a snapshot whose MachView the test fills by hand (the
// engine's own is not needed to check what the panels make of one), and the plots a frame drew.
#pragma once
#include "engine/mach/mach_view.hpp"
#include "ui/plot/text_export.hpp"
#include "ui_panels/headless_ui.hpp"

#include <cmath>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <limits>
#include <memory>
#include <string>

namespace phasor::ui::testing {

inline constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// A sequence of `n` components, c0 (the leaf) up to c<n-1> (the head), each edge child i → parent i + 1
// with some queue, rate and delays; a history of `points` points where only the head has an accuracy and
// only the non-leaves a synthetic error; and a mark per second and component, a Spike and a Grad.
inline MachView chain_view(int n, int points = 20) {
    MachView v;
    v.topology = "sequence";
    v.headline = n - 1;
    v.time = 30.0;
    for (int i = 0; i < n; ++i) {
        MachNodeView node;
        node.name = fmt::format("c{}", i);
        node.has_loss = i == n - 1;
        node.steps_per_second = 100.f + static_cast<float>(i);
        node.accuracy = node.has_loss ? 0.9f : kNaN;
        node.accuracy_synthetic = node.has_loss ? 0.6f : kNaN;
        node.synthetic_error = i > 0 ? 0.1f : kNaN;
        node.gradient_cosine = i < n - 1 ? 0.8f : kNaN;
        v.nodes.push_back(node);
    }
    for (int i = 0; i + 1 < n; ++i) {
        MachEdgeView e;
        e.child = i;
        e.parent = i + 1;
        e.spikes_queued = 2;
        e.grads_queued = 1;
        e.capacity = 4;
        e.spike_rate = 50.f;
        e.delay_mean = 2.5f;
        e.delay_histogram.assign(MachView::kDelayBins, 0);
        e.delay_histogram[static_cast<std::size_t>(1 + i)] = 10u + static_cast<unsigned>(i);
        e.delay_histogram[3] += 5;
        v.edges.push_back(e);
    }
    const auto rows = [&](float value, auto applies) {
        std::vector<std::vector<float>> out(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            out[static_cast<std::size_t>(i)].assign(static_cast<std::size_t>(points),
                                                    applies(i) ? value : kNaN);
        return out;
    };
    for (int p = 0; p < points; ++p) v.history.tick.push_back(static_cast<std::uint64_t>(p) * 100);
    v.history.accuracy = rows(0.8f, [&](int i) { return i == n - 1; });
    v.history.accuracy_synthetic = rows(0.5f, [&](int i) { return i == n - 1; });
    v.history.synthetic_error = rows(0.2f, [](int i) { return i > 0; });
    v.history.gradient_cosine = rows(0.7f, [&](int i) { return i < n - 1; });
    for (int s = 0; s < 30; ++s)
        for (int i = 0; i < n; ++i) {
            v.marks.push_back({i, std::max(i - 1, 0), false, s + 0.5, 0.01f * static_cast<float>(i), 0});
            v.marks.push_back({i, std::min(i + 1, n - 1), true, s + 0.75, 0.02f, 3});
        }
    return v;
}

class MachPanelsTest : public ::testing::Test {
  protected:
    HeadlessImGui ui;
    RunHistory history;
    RecordingSink sink;
    plot::PlotShelf shelf;
    Snapshot snapshot;
    std::string text;

    MachView& set_view(MachView v) {
        snapshot.run = 1;
        snapshot.payload = std::make_unique<MachView>(std::move(v));
        return view();
    }
    MachView& view() { return *snapshot.payload_as<MachView>(); }

    void show(Panel& panel, int frames = 2, float width = 900.f) {
        for (int f = 0; f < frames; ++f) {
            history.observe(snapshot);
            ui.frame([&] {
                shelf.begin_frame();
                PanelContext context = test_context(snapshot, history, sink, shelf);
                draw_panel(panel, context, &text, width);
            });
        }
    }
    const plot::PlotShelf::Entry* drawn(const std::string& id) const {
        for (const auto& entry : shelf.drawn())
            if (entry.plot.id == id) return &entry;
        return nullptr;
    }
    std::string svg(const std::string& id, plot::ThemeKind theme = plot::ThemeKind::Light,
                    plot::FigureSize size = plot::FigureSize::pixels(1200, 900)) const {
        const auto* entry = drawn(id);
        if (entry == nullptr) return "";
        const plot::Figure figure = plot::resolve_figure(
            {plot::ExportRequest::Format::Svg, 1, false, theme, size}, entry->size, plot::kScreenFontPixels);
        return plot::to_svg(entry->plot, entry->view, figure);
    }
    std::string csv(const std::string& id) const {
        const auto* entry = drawn(id);
        return entry == nullptr ? "" : plot::to_csv(entry->plot, entry->view);
    }
};

inline std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1))
        ++n;
    return n;
}

// The custom drawing a panel put on the shelf, as its own type (null when it drew none, or another kind).
template <class Drawing> const Drawing* drawing_of(const plot::PlotShelf::Entry* entry) {
    return entry == nullptr ? nullptr : dynamic_cast<const Drawing*>(entry->plot.drawing);
}

} // namespace phasor::ui::testing
