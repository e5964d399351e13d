// The order in which a learner visits a training set: a new seeded permutation every epoch, handed out in
// batches. Each component of a decoupled network owns one, so each has its own order over the same data.
#pragma once
#include "engine/core/rng.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace phasor {

class EpochOrder {
  public:
    EpochOrder(std::size_t samples, std::uint64_t seed);

    // The next at most `batch` sample indices: a batch never spans two epochs, so the last of an epoch may be
    // shorter. Allocates nothing.
    std::span<const std::uint32_t> next(std::size_t batch);
    // The first epoch visits `first` (a permutation of the samples, a curriculum's order) instead of a
    // shuffle; the epochs after it are shuffled as ever. Call before the first next().
    void begin_with(std::vector<std::uint32_t> first);
    // Epochs begun so far (1 after the first call to next).
    std::uint64_t epoch() const { return epoch_; }
    std::size_t samples() const { return order_.size(); }

  private:
    void shuffle();

    std::vector<std::uint32_t> order_;
    std::size_t at_ = 0;
    std::uint64_t epoch_ = 0;
    Rng rng_;
};

} // namespace phasor
