// Compressed sparse rows of synapses (see synapse_matrix.hpp).
#include "engine/spiking/synapse_matrix.hpp"

#include <cmath>
#include <stdexcept>

namespace phasor {

SynapseMatrix::SynapseMatrix(std::size_t sources, std::span<const std::uint32_t> row_starts,
                             std::vector<std::uint32_t> targets, std::vector<float> weights)
    : row_start_(row_starts.begin(), row_starts.end()), target_(std::move(targets)),
      weight_(std::move(weights)) {
    if (row_start_.size() != sources + 1 || row_start_.back() != target_.size() ||
        target_.size() != weight_.size())
        throw std::invalid_argument(
            "SynapseMatrix: one row start per source and one more, a weight per target");
}

SynapseMatrix::SynapseMatrix(std::size_t sources, std::span<const std::uint32_t> row_starts,
                             std::vector<std::uint32_t> targets, float weight)
    : row_start_(row_starts.begin(), row_starts.end()), target_(std::move(targets)), uniform_weight_(weight),
      uniform_(true) {
    if (row_start_.size() != sources + 1 || row_start_.back() != target_.size())
        throw std::invalid_argument("SynapseMatrix: one row start per source and one more");
}

double SynapseMatrix::bytes_per_synapse() const {
    if (target_.empty()) return 0.0;
    const double bytes =
        static_cast<double>(target_.size() * sizeof(std::uint32_t) + weight_.size() * sizeof(float) +
                            row_start_.size() * sizeof(std::uint32_t));
    return bytes / static_cast<double>(target_.size());
}

SynapseMatrix random_synapses(std::size_t sources, std::uint32_t first_source, std::uint32_t end_source,
                              std::uint32_t targets, double p, float weight, Rng& rng) {
    if (!(p >= 0 && p <= 1) || end_source > sources || first_source > end_source)
        throw std::invalid_argument("random_synapses: p in [0, 1] and a source range inside the sources");
    std::vector<std::uint32_t> row_start(sources + 1, 0), target;
    target.reserve(static_cast<std::size_t>(p * (end_source - first_source) * targets * 1.1) + 16);
    // The gap to the next target is geometric: floor(log(u) / log(1 − p)).
    const double log_q = p < 1 ? std::log1p(-p) : 0.0;
    for (std::uint32_t s = 0; s < sources; ++s) {
        row_start[s] = static_cast<std::uint32_t>(target.size());
        if (s < first_source || s >= end_source || p == 0) continue;
        if (p == 1) {
            for (std::uint32_t t = 0; t < targets; ++t) target.push_back(t);
            continue;
        }
        double at = -1;
        for (;;) {
            const double u = 1.0 - static_cast<double>(rng.uniform()); // (0, 1]
            at += 1 + std::floor(std::log(u) / log_q);
            if (at >= targets) break;
            target.push_back(static_cast<std::uint32_t>(at));
        }
    }
    row_start[sources] = static_cast<std::uint32_t>(target.size());
    return SynapseMatrix(sources, row_start, std::move(target), weight);
}

} // namespace phasor
