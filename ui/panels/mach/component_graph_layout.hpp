// Where the Components picture puts each component: a chain (sequence, dni, ddg) as rows, parents above
// their children so the head is on top; a k-graph as a ring with the headline component at twelve o'clock;
// a single component centred. Sizes are font multiples, so the picture grows with the UI scale, and the
// amount of text a node holds drops as the room per node shrinks (16 nodes still read, with fewer figures).
// One function serves the picture and the panel's hover readout, so the two cannot disagree.
#pragma once
#include "engine/mach/mach_view.hpp"

#include <imgui.h>
#include <optional>
#include <vector>

namespace phasor::ui {

struct ComponentGraphLayout {
    // How much a node box says: its name only, then its state and rate, then its accuracy with bars.
    enum Detail { Name = 0, Rate = 1, Accuracy = 2 };
    Detail detail = Accuracy;
    ImVec2 box{0.f, 0.f}; // every node's box, centred on its position
    bool ring = false;
    float font = 13.f;
    std::vector<ImVec2> centre; // one per node
    std::vector<int> row;       // chain: the node's row, 0 at the top (scratch for a ring)
    std::vector<int> column;    // chain: its place in its row

    ImVec2 box_min(std::size_t node) const {
        return {centre[node].x - box.x * 0.5f, centre[node].y - box.y * 0.5f};
    }
    ImVec2 box_max(std::size_t node) const {
        return {centre[node].x + box.x * 0.5f, centre[node].y + box.y * 0.5f};
    }
    std::optional<std::size_t> node_at(ImVec2 p) const;
    // Where the segment from `node`'s centre towards `toward` leaves its box.
    ImVec2 border(std::size_t node, ImVec2 toward) const;
};

// A box's height at each detail, in fonts, and the room an edge needs between two rows (gauge and label).
float node_height(ComponentGraphLayout::Detail detail, float font);
float edge_gap(float font);

void lay_out_components(const MachView& view, ImVec2 min, ImVec2 max, float font, ComponentGraphLayout& out);
// The height a chain needs to show every node at full detail, or a ring at its own size: what the panel
// asks for, scrolling when the window is shorter. `scratch` is storage kept across frames.
float components_height(const MachView& view, float width, float font, std::vector<int>& scratch);
// An edge's arrow, child to parent. On a ring every pair of components has an edge each way on one chord:
// each is drawn a little to its own side (`side`, the unit normal to the right of its direction) so the two
// show, with its figures on that side.
struct EdgeLine {
    ImVec2 from, to, side;
};
EdgeLine edge_line(const MachView& view, const ComponentGraphLayout& layout, std::size_t edge);
// The edge whose figures (edge_figures_at) are nearest `p`, within a little of it.
std::optional<std::size_t> edge_at(const MachView& view, const ComponentGraphLayout& layout, ImVec2 p,
                                   float font);
// Where the edge's gauges and label go along its arrow: the middle of a chain's, a third of the way from
// the child on a ring.
ImVec2 edge_figures_at(const MachView& view, const ComponentGraphLayout& layout, std::size_t edge);
bool edge_valid(const MachView& view, const MachEdgeView& edge);

} // namespace phasor::ui
