// Moving samples of a data set into a network's batch matrices (one column per sample), and scoring a
// network on a whole set.
#pragma once
#include "engine/batch/batch_mlp.hpp"
#include "engine/data/dataset.hpp"
#include "engine/data/epoch_order.hpp"
#include "engine/optim/optimizer.hpp"

#include <cstdint>
#include <span>
#include <vector>

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

// The buffers of one classifier training step, sized once for a network.
struct ClassifierBatch {
    explicit ClassifierBatch(const BatchMlp& net)
        : X(net.in(), net.max_batch()), P(net.out(), net.max_batch()), dZ(net.out(), net.max_batch()),
          labels(static_cast<std::size_t>(net.max_batch())) {}
    Mat X, P, dZ;
    std::vector<std::int32_t> labels;
};

// One backprop step with cross-entropy on the samples `ids` of `set`, then `optimizer` (attached to `net`)
// at rate `lr`. Returns the batch's mean loss. Allocates nothing.
float train_classifier_step(BatchMlp& net, Optimizer& optimizer, float lr, const Dataset& set,
                            std::span<const std::uint32_t> ids, ClassifierBatch& batch);

// One pass over `set` in the batches `order` hands out (the network's largest batch each).
void train_classifier_epoch(BatchMlp& net, Optimizer& optimizer, float lr, const Dataset& set,
                            EpochOrder& order, ClassifierBatch& batch);

} // namespace phasor
