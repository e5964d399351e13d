// Connectivity by distance through the grid against an all-pairs search that makes the same per-pair (or
// per-target) decisions: the same synapses, the same delays; the fixed in-degree exact; delays' table right.
#include "engine/spiking/distance_synapses.hpp"
#include "engine/spiking/positions.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace phasor {
namespace {

using Synapse = std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>; // source, target, delay

std::vector<Synapse> listed(const DistanceSynapses& s) {
    std::vector<Synapse> out;
    for (std::uint32_t src = 0; src < s.matrix.sources(); ++src) {
        const auto t = s.matrix.targets(src);
        const auto row = static_cast<std::uint32_t>(t.size());
        for (std::uint32_t d = 0; d <= std::max(1u, s.delays.max_delay()); ++d)
            for (std::uint32_t k = s.delays.begin(src, d, row); k < s.delays.begin(src, d + 1, row); ++k)
                out.emplace_back(src, t[k], d);
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool is_self(const DistanceRule& rule, std::uint32_t s, std::uint32_t t) {
    return rule.self_offset && s + *rule.self_offset == t;
}

std::vector<Synapse> brute_force(std::span<const Vec3> sources, std::span<const Vec3> targets,
                                 const DistanceRule& rule) {
    std::vector<Synapse> out;
    const float r2 = rule.radius * rule.radius;
    if (rule.in_degree == 0) {
        for (std::uint32_t s = 0; s < sources.size(); ++s)
            for (std::uint32_t t = 0; t < targets.size(); ++t) {
                const float d2 = distance2(sources[s], targets[t]);
                if (!(d2 < r2) || is_self(rule, s, t)) continue;
                const double p = pair_probability(rule, d2);
                if (p >= 1.0 || pair_draw(rule.seed, s, t) < p)
                    out.emplace_back(s, t, distance_delay(rule, d2));
            }
    } else {
        for (std::uint32_t t = 0; t < targets.size(); ++t) {
            std::vector<std::uint32_t> candidates;
            for (std::uint32_t s = 0; s < sources.size(); ++s)
                if (distance2(sources[s], targets[t]) < r2 && !is_self(rule, s, t)) candidates.push_back(s);
            choose_sources(candidates, rule.in_degree, rule.seed, t);
            for (std::uint32_t s : candidates)
                out.emplace_back(s, t, distance_delay(rule, distance2(sources[s], targets[t])));
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

const Box cube{{0, 0, 0}, {4e-4f, 4e-4f, 4e-4f}};

TEST(DistanceSynapses, ConstantProbabilityWithinARadiusMatchesAllPairs) {
    const auto p = random_positions(1500, cube, 11);
    DistanceRule rule{.radius = 6e-5f, .p0 = 0.4f, .self_offset = 0u, .seed = 5, .speed = 0.1f};
    const auto grid = distance_synapses(p, p, rule);
    const auto expected = brute_force(p, p, rule);
    EXPECT_GT(expected.size(), 1000u);
    EXPECT_EQ(listed(grid), expected);
    for (const auto& [s, t, d] : expected) EXPECT_NE(s, t);
}

TEST(DistanceSynapses, GaussianProfileBetweenDifferentSetsMatchesAllPairs) {
    const auto pre = random_positions(700, cube, 1);
    const Layer layers[] = {{500, 1e-4f, 2e-4f}, {400, 3e-4f, 4e-4f}};
    const auto post = layered_positions(layers, cube, 2);
    DistanceRule rule{
        .radius = 1e-4f, .p0 = 0.9f, .sigma = 4e-5f, .self_offset = {}, .seed = 9, .speed = 0.05f};
    const auto grid = distance_synapses(pre, post, rule);
    EXPECT_EQ(grid.matrix.sources(), 700u);
    EXPECT_EQ(listed(grid), brute_force(pre, post, rule));
}

TEST(DistanceSynapses, FixedInDegreeIsExactAndMatchesAllPairs) {
    const auto p = random_positions(1200, cube, 21);
    DistanceRule rule{.radius = 8e-5f, .in_degree = 12, .self_offset = 0u, .seed = 3, .speed = 0.1f};
    const auto grid = distance_synapses(p, p, rule);
    const auto expected = brute_force(p, p, rule);
    EXPECT_EQ(listed(grid), expected);
    // Every target has exactly the in-degree, or all its neighbours when it has fewer.
    std::vector<std::uint32_t> in(p.size(), 0), within(p.size(), 0);
    for (const auto& [s, t, d] : expected) ++in[t];
    for (std::uint32_t t = 0; t < p.size(); ++t)
        for (std::uint32_t s = 0; s < p.size(); ++s)
            if (s != t && distance2(p[s], p[t]) < rule.radius * rule.radius) ++within[t];
    std::size_t full = 0;
    for (std::uint32_t t = 0; t < p.size(); ++t) {
        EXPECT_EQ(in[t], std::min(12u, within[t]));
        full += in[t] == 12;
    }
    EXPECT_GT(full, p.size() / 2);
}

TEST(DistanceSynapses, SourcesOffsetIntoTheTargetsSkipOnlyThemselves) {
    const auto p = random_positions(800, cube, 4);
    const std::span<const Vec3> all(p);
    DistanceRule rule{.radius = 1e-4f, .p0 = 1.f, .self_offset = 600u, .seed = 2};
    const auto grid = distance_synapses(all.subspan(600), all, rule);
    const auto expected = brute_force(all.subspan(600), all, rule);
    EXPECT_EQ(listed(grid), expected);
    for (const auto& [s, t, d] : expected) EXPECT_NE(s + 600, t);
}

TEST(DistanceSynapses, TheSeedDecidesAndStaticSynapsesTakeEightBytes) {
    const auto p = random_positions(1000, cube, 7);
    DistanceRule rule{.radius = 8e-5f, .p0 = 0.5f, .self_offset = 0u, .seed = 1};
    const auto a = distance_synapses(p, p, rule), b = distance_synapses(p, p, rule);
    EXPECT_EQ(listed(a), listed(b));
    rule.seed = 2;
    EXPECT_NE(listed(a), listed(distance_synapses(p, p, rule)));
    // A target (one weight for all), plus a row start per source (4 bytes over ~10 synapses), no delays.
    EXPECT_TRUE(a.delays.empty());
    EXPECT_LE(a.bytes_per_synapse(), 4.0 + 4.0 * 1001 / static_cast<double>(a.matrix.size()) + 1e-9);
}

} // namespace
} // namespace phasor
