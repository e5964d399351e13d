// Component graph layout (component_graph_layout.hpp).
#include "ui/panels/mach/component_graph_layout.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace phasor::ui {

namespace {

// Rows from the edges: a node with no parent is a head (row 0), any other sits one row below its lowest
// parent. Relaxed at most once per node, so a cycle (which a graph of child→parent edges should not have)
// cannot loop.
int assign_rows(const MachView& view, std::vector<int>& row) {
    const std::size_t n = view.nodes.size();
    row.assign(n, 0);
    for (std::size_t pass = 0; pass < n; ++pass) {
        bool changed = false;
        for (const MachEdgeView& e : view.edges) {
            if (!edge_valid(view, e)) continue;
            auto& child = row[static_cast<std::size_t>(e.child)];
            const int below = row[static_cast<std::size_t>(e.parent)] + 1;
            if (child < below && below < static_cast<int>(n)) child = below, changed = true;
        }
        if (!changed) break;
    }
    return n == 0 ? 0 : *std::max_element(row.begin(), row.end()) + 1;
}

// Rows and places beyond this share the last: no run has nearly as many components.
constexpr int kMaxRows = 64;

void lay_out_chain(const MachView& view, ImVec2 min, ImVec2 max, float font, ComponentGraphLayout& out) {
    const std::size_t n = view.nodes.size();
    const int rows = std::min(assign_rows(view, out.row), kMaxRows);
    out.column.assign(n, 0);
    int in_row[kMaxRows] = {};
    int widest = 1;
    for (std::size_t i = 0; i < n; ++i) {
        out.row[i] = std::min(out.row[i], kMaxRows - 1);
        out.column[i] = in_row[out.row[i]]++;
        widest = std::max(widest, in_row[out.row[i]]);
    }
    // The most a box can say in the room each row has, its edge's gauge and label included.
    const float pitch_y = (max.y - min.y) / static_cast<float>(std::max(rows, 1));
    out.detail = ComponentGraphLayout::Name;
    for (auto d : {ComponentGraphLayout::Accuracy, ComponentGraphLayout::Rate})
        if (node_height(d, font) + edge_gap(font) <= pitch_y) {
            out.detail = d;
            break;
        }
    const float pitch_x = (max.x - min.x) / static_cast<float>(widest);
    out.box = ImVec2(std::clamp(pitch_x - font, font * 4.f, font * 14.f), node_height(out.detail, font));
    out.centre.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        // Each row centred on its own: a node's x is its place among the nodes of its row.
        const float left = (min.x + max.x) * 0.5f - pitch_x * static_cast<float>(in_row[out.row[i]]) * 0.5f;
        out.centre[i] = ImVec2(left + pitch_x * (static_cast<float>(out.column[i]) + 0.5f),
                               min.y + pitch_y * (static_cast<float>(out.row[i]) + 0.5f));
    }
}

// A ring starting at the top with the headline component, going clockwise in index order.
void lay_out_ring(const MachView& view, ImVec2 min, ImVec2 max, float font, ComponentGraphLayout& out) {
    const std::size_t n = view.nodes.size();
    const ComponentGraphLayout::Detail most = n <= 6    ? ComponentGraphLayout::Accuracy
                                              : n <= 10 ? ComponentGraphLayout::Rate
                                                        : ComponentGraphLayout::Name;
    const ImVec2 c((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f);
    out.centre.resize(n);
    out.row.assign(n, 0);
    out.column.assign(n, 0);
    const auto head = static_cast<std::size_t>(std::clamp(view.headline, 0, static_cast<int>(n) - 1));
    // The most detail whose boxes do not overlap in this room: a small panel shows names where a large one
    // shows rates and accuracies.
    for (int detail = most; detail >= ComponentGraphLayout::Name; --detail) {
        out.detail = static_cast<ComponentGraphLayout::Detail>(detail);
        // Wide enough for "running, 1.2 k steps/s"; names alone fit in less, which a full ring needs.
        out.box = ImVec2(font * (out.detail == ComponentGraphLayout::Name ? 6.5f : 12.5f),
                         node_height(out.detail, font));
        const float rx = std::max((max.x - min.x - out.box.x) * 0.5f - font, font);
        const float ry = std::max((max.y - min.y - out.box.y) * 0.5f - font, font);
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t k = (i + n - head) % n;
            const float angle = -std::numbers::pi_v<float> * 0.5f + 2.f * std::numbers::pi_v<float> *
                                                                        static_cast<float>(k) /
                                                                        static_cast<float>(n);
            out.centre[i] = ImVec2(c.x + rx * std::cos(angle), c.y + ry * std::sin(angle));
        }
        bool overlap = false;
        for (std::size_t i = 0; i < n && !overlap; ++i)
            for (std::size_t j = i + 1; j < n && !overlap; ++j)
                overlap = std::abs(out.centre[i].x - out.centre[j].x) < out.box.x + font * 0.5f &&
                          std::abs(out.centre[i].y - out.centre[j].y) < out.box.y + font * 0.5f;
        if (!overlap) break;
    }
}

bool is_ring(const MachView& view) {
    return view.topology == "kgraph" && view.nodes.size() > 2;
}

} // namespace

bool edge_valid(const MachView& view, const MachEdgeView& edge) {
    const int n = static_cast<int>(view.nodes.size());
    return edge.child >= 0 && edge.child < n && edge.parent >= 0 && edge.parent < n &&
           edge.child != edge.parent;
}

float node_height(ComponentGraphLayout::Detail detail, float font) {
    switch (detail) {
    case ComponentGraphLayout::Name:
        return font * 1.5f;
    case ComponentGraphLayout::Rate:
        return font * 2.6f;
    case ComponentGraphLayout::Accuracy:
        break;
    }
    return font * 4.1f;
}

float edge_gap(float font) {
    return font * 2.8f;
}

void lay_out_components(const MachView& view, ImVec2 min, ImVec2 max, float font, ComponentGraphLayout& out) {
    out.ring = is_ring(view);
    out.font = font;
    const float pad = font * 0.5f;
    min = ImVec2(min.x + pad, min.y + pad);
    max = ImVec2(std::max(max.x - pad, min.x + 1.f), std::max(max.y - pad, min.y + 1.f));
    if (out.ring)
        lay_out_ring(view, min, max, font, out);
    else
        lay_out_chain(view, min, max, font, out);
}

float components_height(const MachView& view, float width, float font, std::vector<int>& scratch) {
    if (is_ring(view)) return std::max(width * 0.8f, font * 24.f);
    const int rows = assign_rows(view, scratch);
    return static_cast<float>(std::max(rows, 1)) *
               (node_height(ComponentGraphLayout::Accuracy, font) + edge_gap(font)) +
           font;
}

std::optional<std::size_t> ComponentGraphLayout::node_at(ImVec2 p) const {
    for (std::size_t i = 0; i < centre.size(); ++i) {
        const ImVec2 a = box_min(i), b = box_max(i);
        if (p.x >= a.x && p.x <= b.x && p.y >= a.y && p.y <= b.y) return i;
    }
    return std::nullopt;
}

ImVec2 ComponentGraphLayout::border(std::size_t node, ImVec2 toward) const {
    const ImVec2 c = centre[node];
    const float dx = toward.x - c.x, dy = toward.y - c.y;
    const float tx = dx != 0.f ? box.x * 0.5f / std::abs(dx) : INFINITY;
    const float ty = dy != 0.f ? box.y * 0.5f / std::abs(dy) : INFINITY;
    const float t = std::min({tx, ty, 1.f});
    return {c.x + dx * t, c.y + dy * t};
}

EdgeLine edge_line(const MachView& view, const ComponentGraphLayout& layout, std::size_t edge) {
    const MachEdgeView& e = view.edges[edge];
    const auto child = static_cast<std::size_t>(e.child), parent = static_cast<std::size_t>(e.parent);
    EdgeLine line{
        layout.border(child, layout.centre[parent]), layout.border(parent, layout.centre[child]), {}};
    const float length = std::hypot(line.to.x - line.from.x, line.to.y - line.from.y);
    if (length <= 0.f) return line;
    line.side = ImVec2(-(line.to.y - line.from.y) / length, (line.to.x - line.from.x) / length);
    if (layout.ring) {
        const float shift = layout.font * 0.3f;
        line.from = ImVec2(line.from.x + line.side.x * shift, line.from.y + line.side.y * shift);
        line.to = ImVec2(line.to.x + line.side.x * shift, line.to.y + line.side.y * shift);
    }
    return line;
}

ImVec2 edge_figures_at(const MachView& view, const ComponentGraphLayout& layout, std::size_t edge) {
    const EdgeLine l = edge_line(view, layout, edge);
    // A ring's chords cross at its centre: nearer the child, and beside its own arrow, each edge's figures
    // have a place of their own.
    // (An arrow that runs across has its figures centred over it: the middle is the room for them.)
    const bool across = std::abs(l.side.y) > 0.8f;
    // Across, they go clear of the boxes' height: a short arrow between two boxes has no room beside it.
    const float t = layout.ring && !across ? 0.3f : 0.5f;
    const float beside = !layout.ring ? 0.f
                         : across     ? layout.box.y * 0.5f + layout.font * 0.6f
                                      : layout.font * 0.6f;
    return {l.from.x + (l.to.x - l.from.x) * t + l.side.x * beside,
            l.from.y + (l.to.y - l.from.y) * t + l.side.y * beside};
}

std::optional<std::size_t> edge_at(const MachView& view, const ComponentGraphLayout& layout, ImVec2 p,
                                   float font) {
    std::optional<std::size_t> best;
    float nearest = font * 1.5f;
    for (std::size_t i = 0; i < view.edges.size(); ++i) {
        if (!edge_valid(view, view.edges[i])) continue;
        const ImVec2 m = edge_figures_at(view, layout, i);
        const float d = std::hypot(p.x - m.x, p.y - m.y);
        if (d < nearest) nearest = d, best = i;
    }
    return best;
}

} // namespace phasor::ui
