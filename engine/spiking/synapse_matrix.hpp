// Static synapses in compressed sparse rows: for each presynaptic neuron, its targets and their weights side
// by side (8 bytes a synapse), so delivering a spike walks one contiguous run. A projection whose synapses
// all have one weight (the benchmarks', a distance rule's) keeps that weight once: 4 bytes a synapse, and
// half the memory traffic when a spike is delivered.
#pragma once
#include "engine/core/rng.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace phasor {

class SynapseMatrix {
  public:
    SynapseMatrix() = default;
    // From per-source target lists (each sorted or not), all with the same weight.
    SynapseMatrix(std::size_t sources, std::span<const std::uint32_t> row_starts,
                  std::vector<std::uint32_t> targets, std::vector<float> weights);
    // Every synapse with the same weight.
    SynapseMatrix(std::size_t sources, std::span<const std::uint32_t> row_starts,
                  std::vector<std::uint32_t> targets, float weight);

    std::size_t sources() const { return row_start_.empty() ? 0 : row_start_.size() - 1; }
    std::size_t size() const { return target_.size(); }
    std::span<const std::uint32_t> targets(std::uint32_t source) const {
        return {target_.data() + row_start_[source], row_start_[source + 1] - row_start_[source]};
    }
    bool uniform() const { return uniform_; }
    float weight() const { return uniform_weight_; } // the one weight of a uniform matrix
    // A row's weights; only for a matrix that is not uniform.
    std::span<const float> weights(std::uint32_t source) const {
        return {weight_.data() + row_start_[source], row_start_[source + 1] - row_start_[source]};
    }
    // Target (and weight, unless uniform) per synapse, and the row index spread over them.
    double bytes_per_synapse() const;

    // Adds the weight of each of `source`'s synapses to its target's entry of `input`.
    void deliver(std::uint32_t source, float* input) const {
        const std::uint32_t* t = target_.data() + row_start_[source];
        const std::uint32_t n = row_start_[source + 1] - row_start_[source];
        if (uniform_) {
            for (std::uint32_t k = 0; k < n; ++k) input[t[k]] += uniform_weight_;
        } else {
            const float* w = weight_.data() + row_start_[source];
            for (std::uint32_t k = 0; k < n; ++k) input[t[k]] += w[k];
        }
    }

  private:
    std::vector<std::uint32_t> row_start_; // sources + 1
    std::vector<std::uint32_t> target_;
    std::vector<float> weight_; // empty when uniform
    float uniform_weight_ = 0.f;
    bool uniform_ = false;
};

// Sources [first_source, end_source) each connected to every target in [0, targets) with probability p, the
// targets of a source drawn by geometric skips (as many draws as synapses, not as pairs), all with `weight`.
// Rows outside the range are empty; self-connections are allowed, as Brian's connect(p=...) allows them.
SynapseMatrix random_synapses(std::size_t sources, std::uint32_t first_source, std::uint32_t end_source,
                              std::uint32_t targets, double p, float weight, Rng& rng);

} // namespace phasor
