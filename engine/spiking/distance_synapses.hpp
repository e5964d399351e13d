// Connectivity by distance in 3D, found through a spatial grid (cells half the radius wide, so a neuron's
// partners lie in the 5 × 5 × 5 cells around its own) instead of testing every pair: either each pair within
// the radius connects with a probability that depends on its distance, or each target takes a fixed number
// of sources drawn among those within the radius. Every random decision is a function of (seed, pair) or
// (seed, target) alone, so the grid and an all-pairs search decide identically, whatever order they visit.
// Delays from distance over a conduction speed are kept by sorting each row by delay and storing where each
// delay starts (a few bytes per source, not per synapse).
#pragma once
#include "engine/spiking/circuit.hpp"
#include "engine/spiking/synapse_matrix.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace phasor {

struct DistanceRule {
    float radius = 0.f;          // m: no synapse at or beyond this distance
    float p0 = 1.f;              // probability within the radius (at distance 0 for the Gaussian)
    float sigma = 0.f;           // m; > 0: p0 · exp(−d² / 2σ²) cut at the radius
    std::uint32_t in_degree = 0; // > 0: exactly this many sources per target (all of them when fewer lie
                                 // within the radius), drawn among those within it; p0 and sigma unused
    // When the two position sets share neurons: the target index of source 0 (source s is target
    // s + self_offset), and no neuron connects to itself. Empty: disjoint sets.
    std::optional<std::uint32_t> self_offset;
    float weight = 1.f;
    std::uint64_t seed = 1;
    float speed = 0.f; // m/s; > 0: each synapse delays by round(distance / speed / dt) cycles
    float dt = 1e-4f;  // s
};

// Per source, where each delay begins in its row (rows are sorted by delay, then target): the synapses of
// `source` with delay d are its row's [begin(source, d), begin(source, d + 1)).
class SynapseDelays {
  public:
    SynapseDelays() = default;
    SynapseDelays(std::uint32_t max_delay, std::vector<std::uint16_t> starts);
    bool empty() const { return max_delay_ == 0 && starts_.empty(); }
    std::uint32_t max_delay() const { return max_delay_; }
    // Offset in the row of the first synapse with delay >= `delay` (0 for delay 0; `row` past the largest).
    std::uint32_t begin(std::uint32_t source, std::uint32_t delay, std::uint32_t row) const {
        if (delay == 0) return 0;
        if (delay > max_delay_) return row;
        return starts_[static_cast<std::size_t>(source) * max_delay_ + delay - 1];
    }
    std::size_t bytes() const { return starts_.size() * sizeof(std::uint16_t); }

  private:
    std::uint32_t max_delay_ = 0;
    std::vector<std::uint16_t> starts_; // max_delay per source: where delays 1..max_delay begin
};

struct DistanceSynapses {
    SynapseMatrix matrix; // CSR by source
    SynapseDelays delays; // empty without a speed
    // Target and weight per synapse, row starts and the delays' table, over the synapses.
    double bytes_per_synapse() const;
};

DistanceSynapses distance_synapses(std::span<const Vec3> sources, std::span<const Vec3> targets,
                                   const DistanceRule& rule);

// The decisions both the grid and a brute-force search make, exposed so a test can replay them pair by pair.
inline float distance2(Vec3 a, Vec3 b) {
    const float dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
    return dx * dx + dy * dy + dz * dz;
}
// The uniform draw in [0, 1) that decides the pair (pre, post): a hash, not a stream.
double pair_draw(std::uint64_t seed, std::uint32_t pre, std::uint32_t post);
// The connection probability at squared distance d2 (0 at or beyond the radius).
double pair_probability(const DistanceRule& rule, float d2);
// Keeps `in_degree` of `candidates` (the sources within the radius of `target`), chosen by (seed, target)
// alone; sorts them first so the order they were found in does not matter. Leaves them in ascending order.
void choose_sources(std::vector<std::uint32_t>& candidates, std::uint32_t in_degree, std::uint64_t seed,
                    std::uint32_t target);
// Cycles of delay over `d2`.
std::uint32_t distance_delay(const DistanceRule& rule, float d2);

} // namespace phasor
