// The component graph as a plot::Drawing: a box per component (name, Run/Pause/Kill, steps/s, accuracy
// with real and with synthetic inputs), an arrow per edge from child to parent (the way Spikes go) with its
// queue's fill and its message rate and mean delay. The Components panel shows it; it exports to PNG, SVG
// and CSV like any plot.
#pragma once
#include "engine/mach/mach_view.hpp"
#include "ui/panels/mach/component_graph_layout.hpp"
#include "ui/panels/stepnet/diagram_ink.hpp"
#include "ui/plot/drawing.hpp"

namespace phasor::ui {

class ComponentsDrawing final : public plot::Drawing {
  public:
    // This frame's payload, which outlives the frame's exports.
    void set(const MachView* view) { view_ = view; }

    void draw(plot::Canvas& canvas, ImVec2 min, ImVec2 max, const plot::DrawStyle& style) const override;
    // node,name,state,steps_per_second,accuracy,accuracy_synthetic,... for every component, then
    // edge,child,parent,spikes_queued,grads_queued,capacity,... for every edge.
    void write_csv(std::string& out) const override;

    // What the last draw() put down, for tests and the readout: boxes and arrows.
    std::size_t nodes_drawn() const { return nodes_drawn_; }
    std::size_t edges_drawn() const { return edges_drawn_; }
    const ComponentGraphLayout& layout() const { return layout_; }

  private:
    void draw_edge(plot::Canvas& canvas, std::size_t edge, float font, const DiagramInk& ink) const;
    void draw_node(plot::Canvas& canvas, std::size_t node, float font, const DiagramInk& ink,
                   const plot::DrawStyle& style) const;

    const MachView* view_ = nullptr;
    mutable ComponentGraphLayout layout_; // storage reused by every draw, on screen and in exports
    mutable std::size_t nodes_drawn_ = 0, edges_drawn_ = 0;
};

// "running", "paused", "killed".
const char* state_word(ComponentState state);

} // namespace phasor::ui
