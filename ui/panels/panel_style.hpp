// The look the panels share: warning and status colours, section headings, how an activation function's
// values are coloured (so the network picture and the activation heatmaps agree), and compact number
// readouts.
#pragma once
#include "engine/telemetry/snapshot.hpp"
#include "ui/plot/render.hpp"

#include <cstddef>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace phasor::ui {

inline const ImVec4 kWarningColor{1.00f, 0.72f, 0.25f, 1.f};
inline const ImVec4 kErrorColor{1.00f, 0.38f, 0.35f, 1.f};
inline const ImVec4 kGoodColor{0.40f, 0.85f, 0.45f, 1.f};

// A dimmed heading followed by a separator, for grouping controls.
void section_heading(const char* text);

// Continues on the same line when `width` (in pixels) still fits there, else starts a new line: buttons
// beside a field stay reachable in a narrow panel or at a projector's UI scale.
void same_line_if_fits(float width);
// Text wrapped to the panel at spaces only: ImGui's own wrapping also breaks after '.' and ',', which splits
// "0.02" across two lines. A word wider than the panel alone is broken by ImGui.
void wrapped_text(std::string_view text);

// The width of small buttons with these labels side by side, for same_line_if_fits.
float small_buttons_width(std::initializer_list<const char*> labels);

// The colour scale for one layer's activations: Viridis from 0 for non-negative functions (relu, sigmoid,
// softmax), a symmetric Diverging scale for signed ones (tanh: [-1, 1]; identity, leaky relu: ±max|value|).
struct ActivationScale {
    plot::Colormap colormap = plot::Colormap::Viridis;
    float lo = 0.f, hi = 1.f;
};
ActivationScale activation_scale(std::string_view activation, std::span<const float> values);

// "Running", "Paused", "Diverged".
const char* state_name(RunState state);

// A compact count or rate ("950", "12.3 k", "4.56 M") written into `out`, which is returned.
const char* compact_number(double value, std::span<char> out);

// The class's display name, or its index when there is no name for it.
const char* class_name(std::span<const std::string> names, int label, std::span<char> out);
inline const char* class_name(const Snapshot& snapshot, int label, std::span<char> out) {
    return class_name(snapshot.class_names, label, out);
}

} // namespace phasor::ui
