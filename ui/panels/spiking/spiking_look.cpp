// Shared look of the spiking panels (spiking_look.hpp).
#include "ui/panels/spiking/spiking_look.hpp"

#include "ui/plot/axes.hpp"

#include <array>
#include <imgui.h>

namespace phasor::ui {

namespace {

// Palette order per kind: its own hue first, then the hues no kind owns.
constexpr int kExcitatory = 5, kInhibitory = 0, kInput = 2;
constexpr std::array<int, 5> kSpare{1, 3, 4, 6, 7};

} // namespace

const SpikingView* spiking_view_or_wait(const Snapshot& snapshot) {
    const SpikingView* view = snapshot.payload_as<SpikingView>();
    if (view != nullptr && !view->populations.empty()) return view;
    ImGui::TextDisabled("No run yet: waiting for the first snapshot.");
    return nullptr;
}

void population_palette(const SpikingView& view, std::vector<int>& out) {
    out.resize(view.populations.size());
    bool taken[3] = {false, false, false};
    std::size_t spare = 0;
    for (std::size_t p = 0; p < view.populations.size(); ++p) {
        const PopulationView& pop = view.populations[p];
        const int kind = pop.input ? 2 : pop.excitatory ? 0 : 1;
        constexpr int own[3] = {kExcitatory, kInhibitory, kInput};
        if (!taken[kind]) {
            taken[kind] = true;
            out[p] = own[kind];
        } else {
            out[p] = kSpare[spare++ % kSpare.size()];
        }
    }
}

void draw_x_axis(plot::Canvas& canvas, ImVec2 min, ImVec2 max, double lo, double hi, const char* label,
                 const plot::DrawStyle& style, const DiagramInk& ink) {
    thread_local std::vector<plot::Tick> ticks; // kept: a frame allocates nothing once warm
    const float font = style.font_size;
    plot::AxisRoom room{.length = max.x - min.x, .font_size = font, .stacked = false};
    plot::axis_ticks(lo, hi, false, room, ticks);
    const plot::Theme& theme = style.colors();
    canvas.line(ImVec2(min.x, max.y), ImVec2(max.x, max.y), theme.frame, ink.unit);
    for (const plot::Tick& t : ticks) {
        const float x = x_of(t.value, lo, hi, min.x, max.x);
        canvas.line(ImVec2(x, max.y), ImVec2(x, max.y + font * 0.3f), theme.frame, ink.unit);
        canvas.text(ImVec2(x, max.y + font * 0.35f), t.label, font, theme.tick_text, 0.5f);
    }
    if (label != nullptr)
        canvas.text(ImVec2((min.x + max.x) * 0.5f, max.y + font * 1.35f), label, font, theme.text, 0.5f);
}

void draw_y_ticks(plot::Canvas& canvas, ImVec2 min, ImVec2 max, double lo, double hi,
                  std::span<const double> values, std::span<const char* const> labels,
                  const plot::DrawStyle& style, const DiagramInk& ink) {
    const float font = style.font_size;
    const plot::Theme& theme = style.colors();
    canvas.line(ImVec2(min.x, min.y), ImVec2(min.x, max.y), theme.frame, ink.unit);
    for (std::size_t i = 0; i < values.size(); ++i) {
        const float y = max.y - static_cast<float>((values[i] - lo) / (hi - lo)) * (max.y - min.y);
        canvas.line(ImVec2(min.x - font * 0.3f, y), ImVec2(min.x, y), theme.frame, ink.unit);
        canvas.line(ImVec2(min.x, y), ImVec2(max.x, y), theme.grid, ink.unit);
        if (i < labels.size())
            canvas.text(ImVec2(min.x - font * 0.4f, y - font * 0.5f), labels[i], font, theme.tick_text, 1.f);
    }
}

} // namespace phasor::ui
