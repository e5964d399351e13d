// The delay queue's slots as a plot::Drawing: the target scored this tick, then the targets waiting, oldest
// first, each a box in its class colour with the tick its input came from. The Delay queue panel shows it
// and it exports like any plot; its CSV lists the slots.
#pragma once
#include "engine/stepnet/stepnet_view.hpp"
#include "ui/panels/stepnet/diagram_ink.hpp"
#include "ui/plot/drawing.hpp"

#include <cstdint>
#include <span>
#include <string>

namespace phasor::ui {

class QueueSlotsDrawing final : public plot::Drawing {
  public:
    static constexpr std::size_t kMaxBoxes =
        96; // a deep queue shows its oldest and newest slots around a gap

    // What to draw: this frame's snapshot, which outlives the frame's exports.
    void set(const StepNetView* view, std::span<const std::string> class_names, std::uint64_t tick) {
        view_ = view;
        class_names_ = class_names;
        tick_ = tick;
    }

    // The height the picture takes in a box `width` wide, drawn in `style`: what the panel sizes its item to.
    float height(float width, const plot::DrawStyle& style, const TextMeasure& measure) const;

    void draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const override;
    // position,label,class,from_tick: position is the number of ticks until the target is scored (0: the one
    // scored this tick, 1: the oldest waiting), label its class index, class its name.
    void write_csv(std::string& out) const override;

  private:
    // Lays the slots out from `origin` in a box reaching `right`, drawing them when there is a canvas;
    // returns the bottom of the last row.
    float place(plot::Canvas* canvas, const TextMeasure& measure, ImVec2 origin, float right, float font,
                const DiagramInk& ink) const;
    void draw_box(plot::Canvas& canvas, ImVec2 at, ImVec2 size, float font, const DiagramInk& ink, int label,
                  std::uint64_t from, bool scored) const;

    const StepNetView* view_ = nullptr;
    std::span<const std::string> class_names_;
    std::uint64_t tick_ = 0;
};

} // namespace phasor::ui
