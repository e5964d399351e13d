// The time axis of the engine's activation history (StepNetView::history_ticks) as the panels draw it: where
// each column begins and ends in ticks, and how far apart the columns are, in words.
#pragma once
#include "engine/stepnet/stepnet_view.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace phasor::ui {

// cols + 1 edges in ticks: column c spans [history_ticks[c], history_ticks[c + 1]), the newest one
// history_stride ticks. A window taken at two strides gets columns of two widths, each as wide as the ticks
// it stands for. Empty when there is no column.
void history_edges(const StepNetView& view, std::vector<double>& edges);

// The columns' spacing for a title: "a column per tick", "a column every 64 ticks", and, when the window
// holds older columns taken at another stride, "a column every 2 ticks since tick 100000". `what` names a
// column ("column", or "point" for a line drawn from the history).
std::string column_spacing(const StepNetView& view, std::string_view what = "column");

} // namespace phasor::ui
