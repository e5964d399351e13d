// SeriesHistory: the bounded point store with its min/max pyramid, and the range queries that let a line be
// drawn at pixel resolution in O(buckets · log points).
#include "ui/plot/series_history.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <limits>

namespace phasor::plot {
namespace {

constexpr float inf = std::numeric_limits<float>::infinity();

std::uint64_t next_epoch() {
    static std::atomic<std::uint64_t> counter{0};
    return ++counter;
}

struct Summary {
    float lo = inf, hi = -inf, lo_pos = inf;
    void add(float y) {
        if (!std::isfinite(y)) return;
        lo = std::min(lo, y);
        hi = std::max(hi, y);
        if (y > 0) lo_pos = std::min(lo_pos, y);
    }
};

// One piece of a range decomposition: a raw point (level < 0) or a pyramid block.
struct Piece {
    int level;
    std::size_t index;
};

} // namespace

SeriesHistory::SeriesHistory(std::size_t capacity)
    : capacity_(std::max<std::size_t>(capacity, 4)), epoch_(next_epoch()) {}

void SeriesHistory::clear() {
    epoch_ = next_epoch();
    points_.clear();
    for (auto& level : levels_) level.clear();
    stride_ = 1;
    skipped_ = 0;
}

// Empty histories report 0 so that callers doing arithmetic on the range never see NaN.
double SeriesHistory::x_min() const {
    return points_.empty() ? 0.0 : points_.front().x;
}
double SeriesHistory::x_max() const {
    return points_.empty() ? 0.0 : points_.back().x;
}

void SeriesHistory::push(double x, float y) {
    if (skipped_ + 1 < stride_) {
        ++skipped_;
        return;
    }
    skipped_ = 0;
    points_.push_back({x, y});
    extend_pyramid();
    if (points_.size() >= capacity_) compact();
}

// Adds the blocks completed by the newest point: at most one per level, so O(1) amortised.
void SeriesHistory::extend_pyramid() {
    std::size_t n = points_.size();
    if (n % 2 != 0) return;
    Summary s;
    s.add(points_[n - 2].y);
    s.add(points_[n - 1].y);
    if (levels_.empty()) levels_.emplace_back();
    levels_[0].push_back({s.lo, s.hi, s.lo_pos});
    for (std::size_t k = 0; levels_[k].size() % 2 == 0; ++k) {
        const auto& a = levels_[k][levels_[k].size() - 2];
        const auto& b = levels_[k].back();
        MinMax up{std::min(a.lo, b.lo), std::max(a.hi, b.hi), std::min(a.lo_pos, b.lo_pos)};
        if (levels_.size() == k + 1) levels_.emplace_back();
        levels_[k + 1].push_back(up);
    }
}

// Keeps the first point and every other one counted back from the last, so both ends of the run survive.
void SeriesHistory::compact() {
    std::size_t n = points_.size();
    std::size_t kept = 1;
    for (std::size_t i = (n - 1) % 2 == 0 ? 2 : 1; i < n; i += 2) points_[kept++] = points_[i];
    points_.resize(kept);
    stride_ *= 2;
    skipped_ = 0;
    for (auto& level : levels_) level.clear();
    // Rebuild bottom-up; the vectors keep their storage.
    if (levels_.empty()) levels_.emplace_back();
    for (std::size_t i = 0; i + 1 < kept; i += 2) {
        Summary s;
        s.add(points_[i].y);
        s.add(points_[i + 1].y);
        levels_[0].push_back({s.lo, s.hi, s.lo_pos});
    }
    for (std::size_t k = 0; levels_[k].size() >= 2; ++k) {
        if (levels_.size() == k + 1) levels_.emplace_back();
        for (std::size_t i = 0; i + 1 < levels_[k].size(); i += 2) {
            const auto& a = levels_[k][i];
            const auto& b = levels_[k][i + 1];
            levels_[k + 1].push_back(
                {std::min(a.lo, b.lo), std::max(a.hi, b.hi), std::min(a.lo_pos, b.lo_pos)});
        }
    }
}

namespace {

// Splits the index range [a, b) into at most two pieces per level, returned in x order.
template <class Levels> int decompose(const Levels& levels, std::size_t a, std::size_t b, Piece* out) {
    std::array<Piece, 130> right;
    int n_left = 0, n_right = 0;
    int level = -1; // the units of [a, b): raw points, then the blocks of levels[level]
    while (a < b) {
        if (level + 1 >= static_cast<int>(levels.size())) {
            // No coarser blocks exist yet: take the rest one by one at this level.
            for (std::size_t i = a; i < b; ++i) out[n_left++] = {level, i};
            break;
        }
        if (a % 2 != 0) out[n_left++] = {level, a++};
        if (b % 2 != 0 && a < b) right[n_right++] = {level, --b};
        a /= 2;
        b /= 2;
        ++level;
    }
    while (n_right > 0) out[n_left++] = right[--n_right];
    return n_left;
}

} // namespace

std::pair<float, float> SeriesHistory::y_range(double x_lo, double x_hi, bool positive_only) const {
    auto by_x = [](const Point& p, double x) { return p.x < x; };
    std::size_t a = std::lower_bound(points_.begin(), points_.end(), x_lo, by_x) - points_.begin();
    std::size_t b = std::upper_bound(points_.begin(), points_.end(), x_hi,
                                     [](double x, const Point& p) { return x < p.x; }) -
                    points_.begin();
    std::array<Piece, 260> pieces;
    int n = a < b ? decompose(levels_, a, b, pieces.data()) : 0;
    Summary s;
    for (int i = 0; i < n; ++i) {
        if (pieces[i].level < 0) {
            s.add(points_[pieces[i].index].y);
        } else {
            const MinMax& m = levels_[pieces[i].level][pieces[i].index];
            s.lo = std::min(s.lo, m.lo);
            s.hi = std::max(s.hi, m.hi);
            s.lo_pos = std::min(s.lo_pos, m.lo_pos);
        }
    }
    if (!positive_only) return {s.lo, s.hi};
    if (!(s.hi > 0)) return {inf, -inf};
    return {s.lo_pos, s.hi};
}

void SeriesHistory::decimate(double x_lo, double x_hi, int buckets, std::vector<Point>& out,
                             bool log_x) const {
    out.clear();
    if (points_.empty() || !(x_hi >= x_lo)) return;
    buckets = std::max(buckets, 1);
    auto first_at_or_after = [&](double x, std::size_t from) {
        return static_cast<std::size_t>(std::lower_bound(points_.begin() + static_cast<std::ptrdiff_t>(from),
                                                         points_.end(), x,
                                                         [](const Point& p, double v) { return p.x < v; }) -
                                        points_.begin());
    };
    std::size_t begin = first_at_or_after(x_lo, 0);
    std::size_t end =
        static_cast<std::size_t>(std::upper_bound(points_.begin(), points_.end(), x_hi,
                                                  [](double v, const Point& p) { return v < p.x; }) -
                                 points_.begin());
    if (begin > 0) out.push_back(points_[begin - 1]);

    std::array<Piece, 260> pieces;
    std::size_t a = begin;
    for (int k = 0; k < buckets && a < end; ++k) {
        std::size_t b = end;
        if (k + 1 < buckets)
            b = std::min(end, first_at_or_after(bucket_edge(x_lo, x_hi, buckets, k + 1, log_x), a));
        if (b - a <= 2) {
            // Too few to reduce: keep them as they are, non-finite values included, so gaps stay visible.
            for (std::size_t i = a; i < b; ++i) out.push_back(points_[i]);
            a = b;
            continue;
        }
        int n = decompose(levels_, a, b, pieces.data());
        float lo = inf, hi = -inf;
        for (int i = 0; i < n; ++i) {
            if (pieces[i].level < 0) {
                float y = points_[pieces[i].index].y;
                if (std::isfinite(y)) lo = std::min(lo, y), hi = std::max(hi, y);
            } else {
                const MinMax& m = levels_[pieces[i].level][pieces[i].index];
                lo = std::min(lo, m.lo);
                hi = std::max(hi, m.hi);
            }
        }
        if (lo > hi) { // nothing finite in this bucket: a gap
            out.push_back({points_[a].x, std::numeric_limits<float>::quiet_NaN()});
            a = b;
            continue;
        }
        // The first point (in x) holding each extreme: find the first piece that holds it, then walk down.
        auto first_with = [&](float value, bool want_lo) {
            for (int i = 0; i < n; ++i) {
                int level = pieces[i].level;
                std::size_t index = pieces[i].index;
                if (level < 0) {
                    if (points_[index].y == value) return index;
                    continue;
                }
                const MinMax& m = levels_[level][index];
                if ((want_lo ? m.lo : m.hi) != value) continue;
                for (; level > 0; --level) {
                    const MinMax& left = levels_[level - 1][2 * index];
                    index = 2 * index + ((want_lo ? left.lo : left.hi) == value ? 0 : 1);
                }
                return points_[2 * index].y == value ? 2 * index : 2 * index + 1;
            }
            return a; // not reached: the value came from these pieces
        };
        std::size_t i_lo = first_with(lo, true);
        std::size_t i_hi = first_with(hi, false);
        if (i_lo > i_hi) std::swap(i_lo, i_hi);
        out.push_back(points_[i_lo]);
        if (i_hi != i_lo) out.push_back(points_[i_hi]);
        a = b;
    }
    if (end < points_.size()) out.push_back(points_[end]);
}

double bucket_edge(double x_lo, double x_hi, int buckets, int k, bool log_x) {
    if (k >= buckets) return x_hi;
    if (log_x && x_lo > 0 && x_hi > x_lo)
        return x_lo * std::pow(x_hi / x_lo, static_cast<double>(k) / buckets);
    return x_lo + (x_hi - x_lo) * k / buckets;
}

} // namespace phasor::plot
