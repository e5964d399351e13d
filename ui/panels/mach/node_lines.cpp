// Component lines over ticks (node_lines.hpp).
#include "ui/panels/mach/node_lines.hpp"

#include <cmath>

namespace phasor::ui {

void NodeLines::refill(std::uint64_t run, const MachHistory& history,
                       const std::vector<std::vector<float>>& values) {
    const std::vector<std::uint64_t>& ticks = history.tick;
    const Seen seen{run, ticks.empty() ? 0 : ticks.front(), ticks.empty() ? 0 : ticks.back(), ticks.size(),
                    values.size()};
    if (filled_ && seen == seen_) return;
    filled_ = true;
    seen_ = seen;
    // Room for the engine's whole window, so the series never thin it a second time.
    while (lines_.size() < values.size()) lines_.emplace_back(std::size_t{MachView::kHistory} * 2);
    lines_.erase(lines_.begin() + static_cast<std::ptrdiff_t>(values.size()), lines_.end());
    finite_.assign(values.size(), 0);
    for (std::size_t n = 0; n < values.size(); ++n) {
        plot::SeriesHistory& line = lines_[n];
        line.clear();
        const std::vector<float>& row = values[n];
        if (row.size() < ticks.size()) continue;
        for (std::size_t p = 0; p < ticks.size(); ++p) {
            line.push(static_cast<double>(ticks[p]), row[p]);
            if (std::isfinite(row[p])) finite_[n] = 1;
        }
    }
}

} // namespace phasor::ui
