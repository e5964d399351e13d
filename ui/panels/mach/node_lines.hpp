// One line per component over the ticks of MachHistory (accuracy, synthetic error, gradient cosine), kept
// as plot series that are made again only when the engine's history changes, so the curves are the points
// the engine sampled and a frame without news costs no copy.
#pragma once
#include "engine/mach/mach_view.hpp"
#include "ui/plot/series_history.hpp"

#include <cstdint>
#include <vector>

namespace phasor::ui {

class NodeLines {
  public:
    // Refills the lines from `values` ([node][point], at history.tick) when the history is not the one
    // seen last (another run, a new point, or thinned). A node whose row is shorter than the ticks gets
    // an empty line.
    void refill(std::uint64_t run, const MachHistory& history, const std::vector<std::vector<float>>& values);
    std::size_t size() const { return lines_.size(); }
    const plot::SeriesHistory& line(std::size_t node) const { return lines_[node]; }
    // No finite point: a node this quantity does not apply to (a head has no synthetic inputs), left out
    // rather than drawn as an empty legend entry.
    bool blank(std::size_t node) const { return node >= finite_.size() || !finite_[node]; }

  private:
    struct Seen {
        std::uint64_t run = 0, first = 0, last = 0;
        std::size_t points = 0, nodes = 0;
        bool operator==(const Seen&) const = default;
    } seen_;
    bool filled_ = false;
    std::vector<plot::SeriesHistory> lines_;
    std::vector<char> finite_;
};

} // namespace phasor::ui
