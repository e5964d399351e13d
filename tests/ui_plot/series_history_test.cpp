// SeriesHistory: decimation and y ranges against brute force over the raw points, and compaction.
#include "ui/plot/series_history.hpp"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <random>

namespace phasor::plot {
namespace {

constexpr float nan = std::numeric_limits<float>::quiet_NaN();

// Random walk with repeated x values and, optionally, runs of NaN.
SeriesHistory random_history(std::size_t n, unsigned seed, bool gaps, std::size_t capacity = 1 << 21) {
    SeriesHistory h(capacity);
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> step(-1.f, 1.f);
    std::uniform_int_distribution<int> dx(0, 3);
    double x = 0;
    float y = 0;
    for (std::size_t i = 0; i < n; ++i) {
        x += dx(rng);
        y += step(rng);
        bool gap = gaps && (i % 997 < 40 || i % 131 == 7);
        h.push(x, gap ? nan : y);
    }
    return h;
}

// The definition of decimate(), written the slow way: per bucket the raw points when there are at most two,
// else the first minimum and first maximum in x order, or one NaN point when none is finite.
std::vector<Point> brute_decimate(const SeriesHistory& h, double lo, double hi, int buckets) {
    std::vector<Point> out;
    const auto& p = h.points();
    std::size_t i = 0;
    while (i < p.size() && p[i].x < lo) ++i;
    if (i > 0) out.push_back(p[i - 1]);
    for (int k = 0; k < buckets; ++k) {
        double right = bucket_edge(lo, hi, buckets, k + 1);
        std::size_t begin = i;
        while (i < p.size() && (k + 1 == buckets ? p[i].x <= hi : p[i].x < right)) ++i;
        if (i - begin <= 2) {
            out.insert(out.end(), p.begin() + static_cast<long>(begin), p.begin() + static_cast<long>(i));
            continue;
        }
        std::size_t a = p.size(), b = p.size();
        for (std::size_t j = begin; j < i; ++j) {
            if (!std::isfinite(p[j].y)) continue;
            if (a == p.size() || p[j].y < p[a].y) a = j;
            if (b == p.size() || p[j].y > p[b].y) b = j;
        }
        if (a == p.size()) {
            out.push_back({p[begin].x, nan});
            continue;
        }
        if (a > b) std::swap(a, b);
        out.push_back(p[a]);
        if (b != a) out.push_back(p[b]);
    }
    if (i < p.size()) out.push_back(p[i]);
    return out;
}

void expect_same(const std::vector<Point>& got, const std::vector<Point>& want, const char* what) {
    ASSERT_EQ(got.size(), want.size()) << what;
    for (std::size_t i = 0; i < got.size(); ++i) {
        EXPECT_EQ(got[i].x, want[i].x) << what << " at " << i;
        if (std::isnan(want[i].y))
            EXPECT_TRUE(std::isnan(got[i].y)) << what << " at " << i;
        else
            EXPECT_EQ(got[i].y, want[i].y) << what << " at " << i;
    }
}

void check_decimation(const SeriesHistory& h) {
    double x_max = h.x_max();
    struct Range {
        double lo, hi;
    };
    const Range ranges[] = {{0, x_max},
                            {-50, x_max + 50},
                            {x_max * 0.13, x_max * 0.71},
                            {x_max * 0.5, x_max * 0.5 + 7.3},
                            {x_max * 0.9, x_max * 2},
                            {x_max + 10, x_max + 20},
                            {-20, -10}};
    std::vector<Point> got;
    for (const Range& r : ranges)
        for (int buckets : {1, 3, 64, 333, 1000, 5000}) {
            h.decimate(r.lo, r.hi, buckets, got);
            expect_same(got, brute_decimate(h, r.lo, r.hi, buckets), "decimate");
            EXPECT_LE(got.size(), 2u * static_cast<std::size_t>(buckets) + 2);
        }
}

TEST(SeriesHistory, DecimateMatchesBruteForcePerBucket) {
    for (std::size_t n : {1u, 2u, 5u, 1000u, 4097u, 30000u})
        check_decimation(random_history(n, 7 + n, false));
}

TEST(SeriesHistory, DecimateKeepsGapsAndMatchesBruteForceWithNaN) {
    check_decimation(random_history(20000, 3, true));
    SeriesHistory h = random_history(20000, 3, true);
    std::vector<Point> got;
    // Buckets about as wide as the spacing of the points: the NaN runs show up as gaps.
    h.decimate(0, 3000, 2000, got);
    EXPECT_TRUE(std::any_of(got.begin(), got.end(), [](const Point& p) { return std::isnan(p.y); }));
    // A long run of NaN fills whole buckets even at a coarse resolution.
    SeriesHistory long_gap;
    for (int i = 0; i < 10000; ++i) long_gap.push(i, i >= 4000 && i < 6000 ? nan : 1.f);
    long_gap.decimate(0, 9999, 50, got);
    EXPECT_TRUE(std::any_of(got.begin(), got.end(), [](const Point& p) { return std::isnan(p.y); }));
}

TEST(SeriesHistory, DecimateMatchesBruteForceAfterCompaction) {
    SeriesHistory h = random_history(50000, 11, true, 3000);
    EXPECT_GT(h.stride(), 1u);
    check_decimation(h);
}

TEST(SeriesHistory, CompactionKeepsFirstAndLastAndBoundsSize) {
    SeriesHistory h(1000);
    for (int i = 0; i < 999; ++i) h.push(i, static_cast<float>(i));
    EXPECT_EQ(h.size(), 999u);
    EXPECT_EQ(h.stride(), 1u);
    h.push(999, 999.f); // the 1000th point fills it
    EXPECT_EQ(h.stride(), 2u);
    EXPECT_LE(h.size(), 501u);
    EXPECT_EQ(h.x_min(), 0);
    EXPECT_EQ(h.x_max(), 999);
    for (int i = 1000; i < 100000; ++i) {
        h.push(i, static_cast<float>(i));
        ASSERT_LE(h.size(), 1000u);
    }
    EXPECT_EQ(h.x_min(), 0);
    EXPECT_GE(h.x_max(), 100000 - static_cast<double>(h.stride()));
    for (std::size_t i = 1; i < h.size(); ++i) ASSERT_LT(h[i - 1].x, h[i].x);
    EXPECT_GE(h.size(), 400u); // coarser, not emptied
}

TEST(SeriesHistory, YRangeMatchesBruteForce) {
    SeriesHistory h(1 << 14);
    std::mt19937 rng(5);
    std::normal_distribution<float> y(0.5f, 2.f);
    for (int i = 0; i < 40000; ++i) h.push(i * 0.5, i % 501 == 3 ? nan : y(rng));
    std::uniform_real_distribution<double> at(-100, h.x_max() + 100);
    for (int trial = 0; trial < 300; ++trial) {
        double a = at(rng), b = at(rng);
        if (a > b) std::swap(a, b);
        if (trial % 10 == 0) b = a + trial * 0.01; // narrow ones too
        for (bool positive : {false, true}) {
            float lo = std::numeric_limits<float>::infinity(), hi = -lo;
            for (const Point& p : h.points())
                if (p.x >= a && p.x <= b && std::isfinite(p.y) && (!positive || p.y > 0))
                    lo = std::min(lo, p.y), hi = std::max(hi, p.y);
            auto [got_lo, got_hi] = h.y_range(a, b, positive);
            EXPECT_EQ(got_lo, lo) << a << ".." << b << " positive " << positive;
            EXPECT_EQ(got_hi, hi) << a << ".." << b << " positive " << positive;
        }
    }
}

TEST(SeriesHistory, YRangeIsEmptyWithoutFiniteOrPositiveValues) {
    SeriesHistory h;
    for (int i = 0; i < 100; ++i) h.push(i, i < 50 ? -1.f : nan);
    auto [lo, hi] = h.y_range(0, 99, true);
    EXPECT_GT(lo, hi);
    auto [lo2, hi2] = h.y_range(60, 99);
    EXPECT_GT(lo2, hi2);
    auto [lo3, hi3] = h.y_range(0, 99);
    EXPECT_EQ(lo3, -1.f);
    EXPECT_EQ(hi3, -1.f);
}

TEST(SeriesHistory, ClearStartsOver) {
    SeriesHistory h = random_history(10000, 1, false, 1000);
    h.clear();
    EXPECT_TRUE(h.empty());
    EXPECT_EQ(h.stride(), 1u);
    for (int i = 0; i < 10; ++i) h.push(i, static_cast<float>(i));
    EXPECT_EQ(h.size(), 10u);
    auto [lo, hi] = h.y_range(0, 9);
    EXPECT_EQ(lo, 0.f);
    EXPECT_EQ(hi, 9.f);
}

// A plot tells a new run from more points by the epoch: it changes when the history is cleared, and neither
// with new points nor when compaction thins them out; copies share it, new histories get their own.
TEST(SeriesHistory, EpochChangesOnClearOnly) {
    SeriesHistory h(64);
    const auto first = h.epoch();
    for (int i = 0; i < 1000; ++i) h.push(i, 1.f); // compacts several times
    EXPECT_GT(h.stride(), 1u);
    EXPECT_EQ(h.epoch(), first);
    const SeriesHistory copy = h;
    EXPECT_EQ(copy.epoch(), first);
    h.clear();
    EXPECT_NE(h.epoch(), first);
    EXPECT_NE(SeriesHistory().epoch(), h.epoch());
    EXPECT_EQ(h.capacity(), 64u);
}

// On a log x axis buckets are equal in log10 x, so every decade gets the same number of pixel columns.
TEST(SeriesHistory, LogBucketsAreEqualInDecades) {
    EXPECT_DOUBLE_EQ(bucket_edge(10, 1e5, 4, 1, true), 100);
    EXPECT_DOUBLE_EQ(bucket_edge(10, 1e5, 4, 3, true), 1e4);
    EXPECT_EQ(bucket_edge(10, 1e5, 4, 4, true), 1e5);
    EXPECT_EQ(bucket_edge(0, 100, 4, 1, false), 25);
    SeriesHistory h;
    for (int i = 1; i <= 100000; ++i) h.push(i, static_cast<float>(i % 7));
    std::vector<Point> out;
    h.decimate(1, 1e5, 5, out, true);
    // One bucket per decade, each reduced to its first min and max (bucket 0 holds x = 1 .. 9).
    ASSERT_GE(out.size(), 8u);
    EXPECT_LT(out[0].x, 10);
    EXPECT_LT(out[1].x, 10);
    EXPECT_GE(out[2].x, 10);
    EXPECT_LT(out[2].x, 100);
    EXPECT_LE(out.size(), 2u * 5 + 1);
}

} // namespace
} // namespace phasor::plot
