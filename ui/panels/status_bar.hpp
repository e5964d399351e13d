// The one-line status shown at the bottom of the main window: run state, tick, speed, frame time and the
// engine's latest message. The app owns the window it sits in; this draws the line inside it.
#pragma once
#include "engine/telemetry/snapshot.hpp"

namespace phasor::ui {

// Draws the line at the cursor of the current window.
void draw_status_bar(const Snapshot& snapshot, float frame_ms, float frames_per_second);

} // namespace phasor::ui
