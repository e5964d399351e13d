// Tick values and labels, and the plot-unit ↔ pixel mapping (see axes.hpp).
#include "ui/plot/axes.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fmt/format.h>
#include <optional>

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

// Decimals needed to tell apart values `step` apart, on a scale where 1 is `unit`: one more for steps of
// 2.5 × 10^k, whose multiples end in 25 and 75.
int decimals_for(double step, double unit, int most) {
    int decimals = std::clamp(static_cast<int>(std::ceil(-std::log10(step / unit) - tiny)), 0, most);
    double digits = step / unit * std::pow(10.0, decimals);
    auto whole = [](double v) { return std::fabs(v - std::round(v)) <= 1e-6 * std::max(1.0, std::fabs(v)); };
    if (!whole(digits) && whole(2 * digits)) decimals = std::min(decimals + 1, most);
    return decimals;
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

namespace {

// m × 10^e, dividing for negative e so that 3 × 10^-1 is the double nearest 0.3, as its label says.
double scaled(double m, int e) {
    return e < 0 ? m / std::pow(10.0, -e) : m * std::pow(10.0, e);
}

// A candidate set of ticks, at most kMostTicks of them, labelled only when its labels are needed (to
// measure them, or because it was chosen): most candidates are turned down on their count or spacing.
struct TickSet {
    std::array<Tick, kMostTicks> ticks;
    int n = 0;
    double step = 0; // for the labels' digits; 0: as many as each value needs (log axes)
    bool labelled = false;
    bool add(double value) { // false once full
        if (n == kMostTicks) return false;
        ticks[static_cast<std::size_t>(n++)].value = value;
        return true;
    }
    void label() {
        if (labelled) return;
        for (int i = 0; i < n; ++i) {
            Tick& t = ticks[static_cast<std::size_t>(i)];
            format_number(t.value, step, t.label, sizeof t.label);
        }
        labelled = true;
    }
};

// Chooses among candidate sets offered from densest to sparsest: the densest with between kFewestTicks and
// `comfortable` ticks whose labels fit; failing that the sparsest denser one that fits (up to kMostTicks);
// failing that the densest sparser one that fits.
class TickChooser {
  public:
    TickChooser(double lo, double hi, bool log, const AxisRoom& room) : room_(room), log_(log) {
        a_ = log ? std::log10(lo) : lo;
        b_ = log ? std::log10(hi) : hi;
        const float fs = room.font_size;
        const float spacing = room.stacked ? 2.5f * fs : 5.f * fs; // between ticks, for comfort
        comfortable_ =
            std::clamp(static_cast<int>(room.length / std::max(spacing, 1.f)) + 1, kFewestTicks, kMostTicks);
    }

    // Returns true once the choice is made: sets come densest first, so the first to fit in the window is
    // it, and once sets fall short of kFewestTicks a denser one that fits wins over them.
    bool offer(TickSet& set) {
        if (in_window_ || (set.n < kFewestTicks && over_)) return true;
        if (set.n < 1) return false;
        if (!room_.stacked) set.label(); // side by side, their widths decide
        if (!fits(set)) return false;
        if (set.n >= kFewestTicks && set.n <= comfortable_) {
            in_window_ = set;
            return true;
        }
        if (set.n > comfortable_) {
            over_ = set; // the sparsest so far
            return false;
        }
        if (!under_) under_ = set;
        return false;
    }
    // At least kFewestTicks ticks that fit were found.
    bool enough() const { return in_window_.has_value() || over_.has_value(); }
    std::optional<TickSet> best() const {
        std::optional<TickSet> best = in_window_ ? in_window_ : over_ ? over_ : under_;
        if (best) best->label();
        return best;
    }

  private:
    float position(double v) const {
        double t = ((log_ ? std::log10(v) : v) - a_) / (b_ - a_);
        return static_cast<float>(t) * room_.length;
    }
    float extent(const Tick& t) const {
        if (room_.stacked) return room_.font_size;
        if (room_.width) return room_.width(room_.context, t.label, room_.font_size);
        return 0.56f * room_.font_size * static_cast<float>(std::strlen(t.label));
    }
    bool fits(const TickSet& set) const {
        // Stacked labels are a line high, with a little air; side by side, a space's worth of it.
        const float gap = (room_.stacked ? 0.25f : 1.f) * room_.font_size;
        float previous = 0, previous_half = 0;
        for (int i = 0; i < set.n; ++i) {
            const Tick& t = set.ticks[static_cast<std::size_t>(i)];
            float at = position(t.value), half = extent(t) / 2;
            if (i > 0 && std::fabs(at - previous) < previous_half + half + gap) return false;
            previous = at, previous_half = half;
        }
        return true;
    }

    const AxisRoom& room_;
    bool log_;
    double a_, b_;
    int comfortable_;
    std::optional<TickSet> in_window_, over_, under_;
};

// Multiples of 1, 2, 2.5 and 5 × 10^k, from the step that gives ten times too many ticks up.
void offer_linear(double lo, double hi, TickChooser& chooser) {
    const int e = static_cast<int>(std::floor(std::log10((hi - lo) / kMostTicks))) - 1;
    for (int k = e; k <= e + 3; ++k)
        for (double m : {1.0, 2.0, 2.5, 5.0}) {
            const double step = scaled(m, k);
            const double first = std::ceil(lo / step - tiny), last = std::floor(hi / step + tiny);
            if (last - first + 1 > kMostTicks || last < first) continue;
            TickSet set;
            set.step = step;
            for (double i = first; i <= last; ++i) set.add(std::fabs(i) < 0.5 ? 0.0 : scaled(i * m, k));
            if (chooser.offer(set)) return;
        }
}

// Every `every`-th decade, on multiples of it so the decades shown stay put while the view pans; denser
// first.
void offer_decades(double lo, double hi, TickChooser& chooser) {
    const int first = static_cast<int>(std::ceil(std::log10(lo) - tiny)),
              last = static_cast<int>(std::floor(std::log10(hi) + tiny));
    for (int every : {1, 2, 3, 4, 5, 6, 10, 15, 20, 30, 50, 100}) {
        int count = 0;
        for (int d = first; d <= last; ++d) count += d % every == 0;
        if (count > kMostTicks) continue;
        TickSet set;
        for (int d = first; d <= last; ++d)
            if (d % every == 0) set.add(scaled(1, d));
        if (chooser.offer(set) || count <= 1) return;
    }
}

// The values m × 10^d inside [lo, hi] for the `n` mantissas m; nothing offered when there are too many.
void offer_mantissas(double lo, double hi, const double* mantissas, int n, TickChooser& chooser) {
    const int d0 = static_cast<int>(std::floor(std::log10(lo))),
              d1 = static_cast<int>(std::ceil(std::log10(hi)));
    TickSet set;
    for (int d = d0; d <= d1; ++d)
        for (int i = 0; i < n; ++i) {
            const double v = scaled(mantissas[i], d);
            if (v >= lo * (1 - tiny) && v <= hi * (1 + tiny) && !set.add(v)) return;
        }
    chooser.offer(set);
}

// Decades when they make 4 ticks; else 1, 2 and 5 in each decade; else 1 and 3 (when 2 and 5 crowd); else
// 1, 2, 3 and 5; else every digit. The plainest that is enough, as a reader of a log axis expects; failing
// all, the one with most ticks.
std::optional<TickSet> choose_log(double lo, double hi, const AxisRoom& room) {
    struct Mantissas {
        int n;
        double m[9];
    };
    static constexpr Mantissas families[] = {
        {3, {1, 2, 5}}, {2, {1, 3}}, {4, {1, 2, 3, 5}}, {9, {1, 2, 3, 4, 5, 6, 7, 8, 9}}};
    std::optional<TickSet> most;
    for (int family = -1; family < 4; ++family) {
        TickChooser chooser(lo, hi, true, room);
        if (family < 0)
            offer_decades(lo, hi, chooser);
        else
            offer_mantissas(lo, hi, families[family].m, families[family].n, chooser);
        std::optional<TickSet> best = chooser.best();
        if (chooser.enough()) return best;
        if (best && (!most || best->n > most->n)) most = best;
    }
    return most;
}

} // namespace

void axis_ticks(double lo, double hi, bool log, const AxisRoom& room, std::vector<Tick>& out) {
    out.clear();
    if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi) || (log && !(lo > 0))) return;
    std::optional<TickSet> pick;
    if (log) {
        pick = choose_log(lo, hi, room);
        // Less than a decade: linear steps may give the 4 ticks that 1, 2, 3, 5 cannot.
        if ((!pick || pick->n < kFewestTicks) && std::log10(hi / lo) < 1) {
            TickChooser linear(lo, hi, true, room);
            offer_linear(lo, hi, linear);
            std::optional<TickSet> b = linear.best();
            if (linear.enough() || (b && (!pick || b->n > pick->n))) pick = b;
        }
    } else {
        TickChooser linear(lo, hi, false, room);
        offer_linear(lo, hi, linear);
        pick = linear.best();
    }
    if (pick) out.assign(pick->ticks.begin(), pick->ticks.begin() + pick->n);
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
    double t;
    if (log_x) {
        if (!(x > 0)) return clamp_pixel(-1e9);
        t = (std::log10(x) - std::log10(x_lo)) / (std::log10(x_hi) - std::log10(x_lo));
    } else {
        t = (x - x_lo) / (x_hi - x_lo);
    }
    return clamp_pixel(min.x + t * (max.x - min.x));
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
    double t = (p - min.x) / (max.x - min.x);
    if (log_x) return std::pow(10.0, std::log10(x_lo) + t * (std::log10(x_hi) - std::log10(x_lo)));
    return x_lo + t * (x_hi - x_lo);
}

double Mapping::y_at(float p) const {
    double t = (max.y - p) / (max.y - min.y);
    if (log_y) return std::pow(10.0, std::log10(y_lo) + t * (std::log10(y_hi) - std::log10(y_lo)));
    return y_lo + t * (y_hi - y_lo);
}

} // namespace phasor::plot
