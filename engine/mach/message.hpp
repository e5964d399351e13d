// What decoupled components send each other: a Spike carries activations forward (a batch, one column per
// sample), a Grad carries dL/d(activation) back. Both name the samples (their ids in the training set) and
// the sender's step, so a receiver can pair a gradient with the activation it answers and measure its delay.
#pragma once
#include "engine/core/tensor.hpp"

#include <chrono>
#include <cstdint>
#include <vector>

namespace phasor {

enum class MessageKind { Spike, Grad };

struct Message {
    MessageKind kind = MessageKind::Spike;
    // Activations, or the gradient for them: features × the sender's largest batch, of which the first
    // batch() columns are this message's. A shorter last batch of an epoch keeps the buffer's shape, so the
    // queue slots a message is copied into are never reallocated.
    Mat values;
    std::vector<std::uint32_t> ids; // the samples, one per column in use
    std::uint64_t step = 0; // Spike: the sender's step that produced it; Grad: the Spike's step it answers
    int merged = 1;         // how many messages a full queue's Merge policy averaged into this one
    std::chrono::steady_clock::time_point sent{}; // when it went into its queue (its age, for the timeline)

    int batch() const { return static_cast<int>(ids.size()); }
    auto batch_values() const { return values.leftCols(batch()); }
};

} // namespace phasor
