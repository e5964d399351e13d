// Where a heatmap's columns lie: an equal share of [x0, x1] each, or at edges of their own (render.hpp).
#include "ui/plot/render.hpp"

#include <algorithm>
#include <cmath>

namespace phasor::plot {
namespace {

bool has_edges(const Heatmap& map) {
    return map.cols > 0 && map.x_edges.size() == static_cast<std::size_t>(map.cols) + 1;
}

} // namespace

double column_edge(const Heatmap& map, int c) {
    if (has_edges(map)) return map.x_edges[static_cast<std::size_t>(std::clamp(c, 0, map.cols))];
    if (map.cols <= 0) return c <= 0 ? map.x0 : map.x1;
    return map.x0 + (map.x1 - map.x0) * static_cast<double>(c) / static_cast<double>(map.cols);
}

int column_at(const Heatmap& map, double x) {
    if (map.cols <= 0 || !std::isfinite(x)) return -1;
    if (has_edges(map)) {
        const auto& e = map.x_edges;
        if (x < e.front() || x >= e.back()) return -1;
        return static_cast<int>(std::upper_bound(e.begin(), e.end(), x) - e.begin()) - 1;
    }
    const double t = (x - map.x0) / (map.x1 - map.x0);
    const int c = static_cast<int>(std::floor(t * map.cols));
    return c >= 0 && c < map.cols ? c : -1;
}

} // namespace phasor::plot
