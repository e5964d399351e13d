// The activation history's time axis (history_axis.hpp).
#include "ui/panels/stepnet/history_axis.hpp"

#include <fmt/format.h>

namespace phasor::ui {

void history_edges(const StepNetView& view, std::vector<double>& edges) {
    const auto& ticks = view.history_ticks;
    edges.resize(ticks.empty() ? 0 : ticks.size() + 1);
    if (ticks.empty()) return;
    for (std::size_t c = 0; c < ticks.size(); ++c) edges[c] = static_cast<double>(ticks[c]);
    edges.back() = static_cast<double>(ticks.back() + std::max<std::uint64_t>(view.history_stride, 1));
}

std::string column_spacing(const StepNetView& view, std::string_view what) {
    const std::uint64_t stride = view.history_stride;
    std::string text =
        stride <= 1 ? fmt::format("a {} per tick", what) : fmt::format("a {} every {} ticks", what, stride);
    const bool older = !view.history_ticks.empty() && view.history_ticks.front() < view.history_stride_from;
    if (older) text += fmt::format(" since tick {}", view.history_stride_from);
    return text;
}

} // namespace phasor::ui
