// Axis arithmetic shared by the on-screen renderer, the PNG export and the SVG export: "nice" tick values,
// compact tick labels, and the mapping between plot units and pixels of the data area.
#pragma once
#include <imgui.h>

#include <cstddef>
#include <string_view>
#include <vector>

namespace phasor::plot {

struct Tick {
    double value;
    char label[24]; // fixed so that laying out ticks allocates nothing per frame
};

// The spacing 1, 2 or 5 × 10^k that gives about `target` intervals over `range`.
double nice_step(double range, int target);

// Ticks at multiples of nice_step() inside [lo, hi] (a little slack at the ends for rounding), labelled.
void linear_ticks(double lo, double hi, int target, std::vector<Tick>& out);

// Ticks for a log axis over [lo, hi] (data units, lo > 0): the decades, every n-th one when there would be
// more than `target`; 2 and 5 within each decade when fewer than three decades show; linear ticks for very
// narrow ranges.
void log_ticks(double lo, double hi, int target, std::vector<Tick>& out);

// How much room an axis gives its tick labels, for axis_ticks().
struct AxisRoom {
    float length = 0;       // pixels along the axis
    float font_size = 13.f; // pixels
    bool stacked = false;   // true: labels one above the other (a y axis), each a line high; false: side by
                            // side (an x axis), each as wide as `width` measures it
    // Measures a label's width in pixels; null: an estimate from an average sans-serif advance.
    float (*width)(const void* context, std::string_view label, float size) = nullptr;
    const void* context = nullptr;
};

inline constexpr int kFewestTicks = 4, kMostTicks = 8;

// The ticks of an axis showing [lo, hi] in `room`: 4 to 8 of them, as many as sit comfortably, and
// never two whose labels collide (fewer than 4 when even those would).
// Linear axes step by 1, 2, 2.5 or 5 × 10^k. Log axes (lo > 0) put them on decades (every n-th one, on
// multiples of n, when there are many), with 2 and 5 (or 2, 3 and 5) inside each decade when few decades
// show, and step linearly when the range is less than a decade and that gives more.
void axis_ticks(double lo, double hi, bool log, const AxisRoom& room, std::vector<Tick>& out);

// Writes a compact form of `v` (12k, 1.5M, 0.25, 1e-3) into `out` (always terminated). `step`, the spacing of
// the ticks being labelled (0: none), sets how many digits are needed to tell neighbours apart.
void format_number(double v, double step, char* out, std::size_t size);

// Plot units to pixels of the data area. x and y are in data units; a log axis maps log10 of them.
struct Mapping {
    double x_lo = 0, x_hi = 1, y_lo = 0, y_hi = 1;
    bool log_x = false, log_y = false;
    ImVec2 min, max; // the data area in pixels

    float px(double x) const; // non-positive x on a log axis maps far left of the area
    float py(double y) const; // non-positive y on a log axis maps far below the area
    double x_at(float px) const;
    double y_at(float py) const;
};

// A usable range from what the view holds: finite, lo < hi, and positive on a log axis.
void sanitize_range(double& lo, double& hi, bool log);

} // namespace phasor::plot
