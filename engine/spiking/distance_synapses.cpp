// Distance connectivity through a spatial grid (see distance_synapses.hpp).
#include "engine/spiking/distance_synapses.hpp"

#include "engine/core/rng.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace phasor {

namespace {

std::uint64_t mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// Points bucketed by cell (counting sort), each cell's points in ascending index. Cells are at least half the
// radius wide on every axis, so whatever lies within the radius of a point is in the 5 × 5 × 5 cells around
// it: a block 2.5 radii wide, where cells a radius wide (27 around) would make it 3 and up to 4 (cells round
// up), so about half the distance tests of the radius-wide grid (measured on local100k: see the report).
class SpatialGrid {
  public:
    SpatialGrid(std::span<const Vec3> points, float radius, Vec3 lo, Vec3 hi) : lo_(lo) {
        const std::size_t limit = 4 * points.size() + 64; // bounds the empty cells a tiny radius would make
        const float extent[3] = {hi.x - lo.x, hi.y - lo.y, hi.z - lo.z};
        double want[3];
        for (int a = 0; a < 3; ++a)
            want[a] = std::max(1.0, std::floor(static_cast<double>(extent[a]) / (radius / kReach)));
        const double total = want[0] * want[1] * want[2];
        const double shrink =
            total > static_cast<double>(limit) ? std::cbrt(total / static_cast<double>(limit)) : 1.0;
        for (int a = 0; a < 3; ++a) {
            n_[a] = static_cast<int>(std::max(1.0, std::floor(want[a] / shrink)));
            inverse_[a] = extent[a] > 0 ? static_cast<float>(n_[a]) / extent[a] : 0.f;
        }
        const std::size_t cells = static_cast<std::size_t>(n_[0]) * n_[1] * n_[2];
        start_.assign(cells + 1, 0);
        std::vector<std::uint32_t> cell_of(points.size());
        for (std::size_t k = 0; k < points.size(); ++k) {
            cell_of[k] = cell(points[k]);
            ++start_[cell_of[k] + 1];
        }
        for (std::size_t c = 0; c < cells; ++c) start_[c + 1] += start_[c];
        index_.resize(points.size());
        position_.resize(points.size());
        std::vector<std::uint32_t> fill(start_.begin(), start_.end() - 1);
        for (std::size_t k = 0; k < points.size(); ++k) {
            const std::uint32_t at = fill[cell_of[k]]++;
            index_[at] = static_cast<std::uint32_t>(k);
            position_[at] = points[k];
        }
    }

    static constexpr int kReach = 2; // cells either side that the radius can reach

    // Calls f(index, d2) for every point in the cells within reach of p's.
    template <class F> void near(Vec3 p, F&& f) const {
        int c[3];
        coordinates(p, c);
        for (int z = std::max(0, c[2] - kReach); z <= std::min(n_[2] - 1, c[2] + kReach); ++z)
            for (int y = std::max(0, c[1] - kReach); y <= std::min(n_[1] - 1, c[1] + kReach); ++y) {
                const std::size_t row = (static_cast<std::size_t>(z) * n_[1] + y) * n_[0];
                // The x-neighbours of a cell are contiguous: one run of points.
                const std::uint32_t from = start_[row + std::max(0, c[0] - kReach)];
                const std::uint32_t to = start_[row + std::min(n_[0] - 1, c[0] + kReach) + 1];
                for (std::uint32_t k = from; k < to; ++k) f(index_[k], distance2(p, position_[k]));
            }
    }

  private:
    void coordinates(Vec3 p, int* c) const {
        const float rel[3] = {p.x - lo_.x, p.y - lo_.y, p.z - lo_.z};
        for (int a = 0; a < 3; ++a) {
            const float f = std::floor(rel[a] * inverse_[a]);
            c[a] = f < 0 ? 0 : (f >= static_cast<float>(n_[a]) ? n_[a] - 1 : static_cast<int>(f));
        }
    }
    std::uint32_t cell(Vec3 p) const {
        int c[3];
        coordinates(p, c);
        return static_cast<std::uint32_t>((static_cast<std::size_t>(c[2]) * n_[1] + c[1]) * n_[0] + c[0]);
    }

    Vec3 lo_;
    int n_[3] = {1, 1, 1};
    float inverse_[3] = {0, 0, 0};
    std::vector<std::uint32_t> start_, index_;
    std::vector<Vec3> position_;
};

void bounds(std::span<const Vec3> a, std::span<const Vec3> b, Vec3& lo, Vec3& hi) {
    constexpr float inf = std::numeric_limits<float>::infinity();
    lo = {inf, inf, inf};
    hi = {-inf, -inf, -inf};
    for (auto set : {a, b})
        for (const Vec3& p : set) {
            lo = {std::min(lo.x, p.x), std::min(lo.y, p.y), std::min(lo.z, p.z)};
            hi = {std::max(hi.x, p.x), std::max(hi.y, p.y), std::max(hi.z, p.z)};
        }
    if (a.empty() && b.empty()) lo = hi = {};
}

// Rows of (delay << 32 | target), one per source, into the matrix and the delays' table.
DistanceSynapses assemble(std::size_t sources, std::vector<std::uint32_t> row_start,
                          std::vector<std::uint64_t> keyed, const DistanceRule& rule) {
    std::uint32_t max_delay = 0;
    for (std::size_t s = 0; s < sources; ++s) {
        std::sort(keyed.begin() + row_start[s], keyed.begin() + row_start[s + 1]);
        if (row_start[s + 1] > row_start[s])
            max_delay = std::max(max_delay, static_cast<std::uint32_t>(keyed[row_start[s + 1] - 1] >> 32));
    }
    std::vector<std::uint32_t> target(keyed.size());
    for (std::size_t k = 0; k < keyed.size(); ++k) target[k] = static_cast<std::uint32_t>(keyed[k]);
    DistanceSynapses out;
    if (rule.speed > 0 && max_delay > 0) {
        std::vector<std::uint16_t> starts(sources * max_delay);
        for (std::size_t s = 0; s < sources; ++s) {
            const std::uint32_t length = row_start[s + 1] - row_start[s];
            if (length > std::numeric_limits<std::uint16_t>::max())
                throw std::length_error("distance_synapses: a row too long for its delays' table");
            std::uint32_t k = 0;
            for (std::uint32_t d = 1; d <= max_delay; ++d) {
                while (k < length && (keyed[row_start[s] + k] >> 32) < d) ++k;
                starts[s * max_delay + d - 1] = static_cast<std::uint16_t>(k);
            }
        }
        out.delays = SynapseDelays(max_delay, std::move(starts));
    }
    out.matrix = SynapseMatrix(sources, row_start, std::move(target), rule.weight);
    return out;
}

} // namespace

SynapseDelays::SynapseDelays(std::uint32_t max_delay, std::vector<std::uint16_t> starts)
    : max_delay_(max_delay), starts_(std::move(starts)) {
    if (max_delay_ == 0 ? !starts_.empty() : starts_.size() % max_delay_ != 0)
        throw std::invalid_argument("SynapseDelays: max_delay starts per source");
}

double DistanceSynapses::bytes_per_synapse() const {
    const std::size_t n = matrix.size();
    if (n == 0) return 0.0;
    return matrix.bytes_per_synapse() + static_cast<double>(delays.bytes()) / static_cast<double>(n);
}

double pair_draw(std::uint64_t seed, std::uint32_t pre, std::uint32_t post) {
    const std::uint64_t h = mix(mix(seed + 0x9e3779b97f4a7c15ULL) ^ ((std::uint64_t{pre} << 32) | post));
    return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
}

double pair_probability(const DistanceRule& rule, float d2) {
    if (!(d2 < rule.radius * rule.radius)) return 0.0;
    if (rule.sigma > 0)
        return rule.p0 *
               std::exp(-static_cast<double>(d2) / (2.0 * rule.sigma * static_cast<double>(rule.sigma)));
    return rule.p0;
}

void choose_sources(std::vector<std::uint32_t>& candidates, std::uint32_t in_degree, std::uint64_t seed,
                    std::uint32_t target) {
    std::sort(candidates.begin(), candidates.end());
    if (candidates.size() <= in_degree) return;
    // A partial Fisher–Yates shuffle seeded by the target: the first in_degree places are a uniform draw.
    Rng rng(mix(seed ^ 0x5bd1e995ULL) ^ target);
    const std::size_t n = candidates.size();
    for (std::size_t i = 0; i < in_degree; ++i) {
        const std::size_t j = i + static_cast<std::size_t>(rng.next_u64() % (n - i));
        std::swap(candidates[i], candidates[j]);
    }
    candidates.resize(in_degree);
    std::sort(candidates.begin(), candidates.end());
}

std::uint32_t distance_delay(const DistanceRule& rule, float d2) {
    if (!(rule.speed > 0)) return 0;
    return static_cast<std::uint32_t>(
        std::lround(std::sqrt(static_cast<double>(d2)) / rule.speed / static_cast<double>(rule.dt)));
}

DistanceSynapses distance_synapses(std::span<const Vec3> sources, std::span<const Vec3> targets,
                                   const DistanceRule& rule) {
    if (!(rule.radius > 0) || !(rule.p0 >= 0 && rule.p0 <= 1) || rule.sigma < 0 || !(rule.dt > 0) ||
        rule.speed < 0)
        throw std::invalid_argument("distance_synapses: a radius > 0, p0 in [0, 1], sigma, speed >= 0");
    Vec3 lo, hi;
    bounds(sources, targets, lo, hi);
    const float r2 = rule.radius * rule.radius;
    const auto is_self = [&](std::uint32_t s, std::uint32_t t) {
        return rule.self_offset && static_cast<std::uint64_t>(s) + *rule.self_offset == t;
    };
    std::vector<std::uint32_t> row_start(sources.size() + 1, 0);
    std::vector<std::uint64_t> keyed;
    if (rule.in_degree == 0) {
        // By source, over a grid of the targets: each row comes out whole.
        const SpatialGrid grid(targets, rule.radius, lo, hi);
        keyed.reserve(static_cast<std::size_t>(sources.size()) * 16);
        for (std::uint32_t s = 0; s < sources.size(); ++s) {
            row_start[s] = static_cast<std::uint32_t>(keyed.size());
            grid.near(sources[s], [&](std::uint32_t t, float d2) {
                if (!(d2 < r2) || is_self(s, t)) return;
                const double p = pair_probability(rule, d2);
                if (p >= 1.0 || pair_draw(rule.seed, s, t) < p)
                    keyed.push_back(std::uint64_t{distance_delay(rule, d2)} << 32 | t);
            });
        }
        row_start[sources.size()] = static_cast<std::uint32_t>(keyed.size());
        return assemble(sources.size(), std::move(row_start), std::move(keyed), rule);
    }
    // By target, over a grid of the sources; then turned into rows by source (counting sort).
    const SpatialGrid grid(sources, rule.radius, lo, hi);
    std::vector<std::uint32_t> chosen_start(targets.size() + 1, 0), chosen, candidates;
    chosen.reserve(static_cast<std::size_t>(targets.size()) * rule.in_degree);
    for (std::uint32_t t = 0; t < targets.size(); ++t) {
        candidates.clear();
        grid.near(targets[t], [&](std::uint32_t s, float d2) {
            if (d2 < r2 && !is_self(s, t)) candidates.push_back(s);
        });
        choose_sources(candidates, rule.in_degree, rule.seed, t);
        chosen.insert(chosen.end(), candidates.begin(), candidates.end());
        chosen_start[t + 1] = static_cast<std::uint32_t>(chosen.size());
    }
    for (std::uint32_t s : chosen) ++row_start[s + 1];
    for (std::size_t s = 0; s < sources.size(); ++s) row_start[s + 1] += row_start[s];
    keyed.resize(chosen.size());
    std::vector<std::uint32_t> fill(row_start.begin(), row_start.end() - 1);
    for (std::uint32_t t = 0; t < targets.size(); ++t)
        for (std::uint32_t k = chosen_start[t]; k < chosen_start[t + 1]; ++k) {
            const std::uint32_t s = chosen[k];
            keyed[fill[s]++] =
                std::uint64_t{distance_delay(rule, distance2(sources[s], targets[t]))} << 32 | t;
        }
    return assemble(sources.size(), std::move(row_start), std::move(keyed), rule);
}

} // namespace phasor
