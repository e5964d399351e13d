// Tick values and labels, and the plot-unit ↔ pixel mapping (see axes.hpp).
#include "ui/plot/axes.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fmt/format.h>

namespace phasor::plot {
namespace {

constexpr double tiny = 1e-9; // relative slack so that a tick exactly at an end is not lost to rounding

// Formats with `decimals`, then drops trailing zeros so 0.50 reads 0.5 and 12.0 reads 12.
void fixed(double v, int decimals, const char* suffix, char* out, std::size_t size) {
    char digits[40];
    auto end = fmt::format_to_n(digits, sizeof digits - 1, "{:.{}f}", v, decimals).out;
    *end = '\0';
    if (std::strchr(digits, '.') != nullptr) {
        char* last = digits + std::strlen(digits) - 1;
        while (*last == '0') *last-- = '\0';
        if (*last == '.') *last = '\0';
    }
    if (std::strcmp(digits, "-0") == 0) std::strcpy(digits, "0");
    auto written = fmt::format_to_n(out, size - 1, "{}{}", digits, suffix).out;
    *written = '\0';
}

// Decimals needed to tell apart values `step` apart, on a scale where 1 is `unit`.
int decimals_for(double step, double unit, int most) {
    return std::clamp(static_cast<int>(std::ceil(-std::log10(step / unit) - tiny)), 0, most);
}

} // namespace

double nice_step(double range, int target) {
    double raw = range / std::max(target, 1);
    if (!(raw > 0) || !std::isfinite(raw)) return 1.0;
    double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double norm = raw / magnitude;
    double nice = norm < 1.5 ? 1 : norm < 3.5 ? 2 : norm < 7.5 ? 5 : 10;
    return nice * magnitude;
}

void format_number(double v, double step, char* out, std::size_t size) {
    if (size == 0) return;
    if (!std::isfinite(v)) {
        *fmt::format_to_n(out, size - 1, "{}", std::isnan(v) ? "nan" : v > 0 ? "inf" : "-inf").out = '\0';
        return;
    }
    double a = std::fabs(v);
    if (a == 0 || (step > 0 && a < step * tiny)) return fixed(0, 0, "", out, size);
    int group =
        a >= 1e3 && a < 1e15 ? std::min(static_cast<int>(std::floor(std::log10(a) + tiny)) / 3, 4) : 0;
    if (step > 0 && group > 0) {
        // Zoomed in on large values (1,239,200 and 1,239,400): a smaller unit keeps the digits that differ.
        int step_group = static_cast<int>(std::floor(std::floor(std::log10(step) + tiny) / 3.0));
        group = std::clamp(step_group + 1, 0, group);
    }
    if (group > 0) {
        static constexpr const char* suffixes[] = {"k", "M", "G", "T"};
        double unit = std::pow(1000.0, group);
        int decimals = step > 0 ? decimals_for(step, unit, 3)
                                : std::clamp(2 - static_cast<int>(std::floor(std::log10(a / unit))), 0, 2);
        return fixed(v / unit, decimals, suffixes[group - 1], out, size);
    }
    if (a >= 1e15 || (a < 1e-2 && (step == 0 || step < 1e-3))) {
        int exponent = static_cast<int>(std::floor(std::log10(a)));
        double unit = std::pow(10.0, exponent);
        int decimals = step > 0 ? decimals_for(step, unit, 8) : 2;
        double mantissa = std::round(v / unit * std::pow(10.0, decimals)) / std::pow(10.0, decimals);
        if (std::fabs(mantissa) >= 10) mantissa /= 10, ++exponent;
        char suffix[8];
        *fmt::format_to_n(suffix, sizeof suffix - 1, "e{}", exponent).out = '\0';
        return fixed(mantissa, decimals, suffix, out, size);
    }
    int decimals = step > 0 ? decimals_for(step, 1, 12)
                            : std::clamp(2 - static_cast<int>(std::floor(std::log10(a))), 0, 4);
    fixed(v, decimals, "", out, size);
}

void linear_ticks(double lo, double hi, int target, std::vector<Tick>& out) {
    out.clear();
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi)) return;
    double step = nice_step(hi - lo, target);
    double first = std::ceil(lo / step - tiny);
    double last = std::floor(hi / step + tiny);
    for (double k = first; k <= last && out.size() < 100; ++k) {
        Tick& t = out.emplace_back();
        t.value = std::fabs(k) < 0.5 ? 0.0 : k * step;
        format_number(t.value, step, t.label, sizeof t.label);
    }
}

void log_ticks(double lo, double hi, int target, std::vector<Tick>& out) {
    out.clear();
    if (!(lo > 0) || !(hi > lo) || !std::isfinite(hi)) return;
    double l0 = std::log10(lo), l1 = std::log10(hi);
    if (l1 - l0 < 0.5) return linear_ticks(lo, hi, target, out);
    int d0 = static_cast<int>(std::ceil(l0 - tiny)), d1 = static_cast<int>(std::floor(l1 + tiny));
    int decades = d1 - d0 + 1;
    auto add = [&](double v) {
        Tick& t = out.emplace_back();
        t.value = v;
        format_number(v, 0, t.label, sizeof t.label);
    };
    if (decades >= 3) {
        // Every n-th decade, on multiples of n so the chosen decades stay put while the view pans.
        int every = std::max(1, (decades + std::max(target, 1) - 1) / std::max(target, 1));
        for (int d = d0; d <= d1; ++d)
            if (d % every == 0) add(std::pow(10.0, d));
        return;
    }
    for (int d = static_cast<int>(std::floor(l0)); d <= static_cast<int>(std::ceil(l1)); ++d)
        for (double m : {1.0, 2.0, 5.0}) {
            double v = m * std::pow(10.0, d);
            if (v >= lo * (1 - tiny) && v <= hi * (1 + tiny)) add(v);
        }
    if (out.size() < 2) linear_ticks(lo, hi, target, out);
}

void sanitize_range(double& lo, double& hi, bool log) {
    if (!std::isfinite(lo) || !std::isfinite(hi)) lo = log ? 1 : 0, hi = log ? 10 : 1;
    if (hi < lo) std::swap(lo, hi);
    if (log) {
        if (!(hi > 0)) lo = 1, hi = 10;
        if (!(lo > 0)) lo = hi * 1e-3;
        if (hi <= lo * (1 + 1e-9)) lo /= 2, hi *= 2;
        return;
    }
    double magnitude = std::max(std::fabs(lo), std::fabs(hi));
    if (hi - lo <= magnitude * 1e-12) {
        double half = magnitude > 0 ? magnitude * 0.05 : 0.5;
        lo -= half;
        hi += half;
    }
}

namespace {
// Keeps far-off points at coordinates a float and the rasteriser handle well; clipping hides them anyway.
float clamp_pixel(double p) {
    return static_cast<float>(std::clamp(p, -1e6, 1e6));
}
} // namespace

float Mapping::px(double x) const {
    return clamp_pixel(min.x + (x - x_lo) / (x_hi - x_lo) * (max.x - min.x));
}

float Mapping::py(double y) const {
    double t;
    if (log_y) {
        if (!(y > 0)) return clamp_pixel(1e9);
        t = (std::log10(y) - std::log10(y_lo)) / (std::log10(y_hi) - std::log10(y_lo));
    } else {
        t = (y - y_lo) / (y_hi - y_lo);
    }
    return clamp_pixel(max.y - t * (max.y - min.y));
}

double Mapping::x_at(float p) const {
    return x_lo + (p - min.x) / (max.x - min.x) * (x_hi - x_lo);
}

double Mapping::y_at(float p) const {
    double t = (max.y - p) / (max.y - min.y);
    if (log_y) return std::pow(10.0, std::log10(y_lo) + t * (std::log10(y_hi) - std::log10(y_lo)));
    return y_lo + t * (y_hi - y_lo);
}

} // namespace phasor::plot
