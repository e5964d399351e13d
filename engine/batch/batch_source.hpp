// Moving samples of a data set into a network's batch matrices (one column per sample), and scoring a
// network on a whole set.
#pragma once
#include "engine/batch/batch_mlp.hpp"
#include "engine/data/dataset.hpp"

#include <cstdint>
#include <span>

namespace phasor {

// Copies the samples `ids` of `set` into the first ids.size() columns of X (set.features × at least
// ids.size()) and their classes into labels[0, ids.size()).
void gather(const Dataset& set, std::span<const std::uint32_t> ids, Mat& X, std::span<std::int32_t> labels);

struct SetScore {
    float accuracy = 0.f; // share of samples whose largest output is their class
    float loss = 0.f;     // mean cross-entropy of the outputs taken as logits
};

// Scores `net` on every sample of `set`, in batches of net.max_batch(). `X` and `scratch` are the caller's
// buffers (resized here once to net.in() × max_batch and net.out() × max_batch).
SetScore score(BatchMlp& net, const Dataset& set, Mat& X, Mat& scratch);

} // namespace phasor
