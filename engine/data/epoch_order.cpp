// Seeded per-epoch shuffles (see epoch_order.hpp).
#include "engine/data/epoch_order.hpp"

#include <numeric>
#include <stdexcept>
#include <utility>

namespace phasor {

EpochOrder::EpochOrder(std::size_t samples, std::uint64_t seed) : order_(samples), at_(samples), rng_(seed) {
    if (samples == 0) throw std::invalid_argument("EpochOrder: no samples");
    std::iota(order_.begin(), order_.end(), 0u);
}

void EpochOrder::shuffle() {
    // Fisher-Yates on our own generator: the same order on every platform.
    for (std::size_t i = order_.size() - 1; i > 0; --i)
        std::swap(order_[i], order_[static_cast<std::size_t>(rng_.next_u64() % (i + 1))]);
}

void EpochOrder::begin_with(std::vector<std::uint32_t> first) {
    if (first.size() != order_.size()) throw std::invalid_argument("EpochOrder: not an order of the samples");
    order_ = std::move(first);
    at_ = 0;
    epoch_ = 1;
}

std::span<const std::uint32_t> EpochOrder::next(std::size_t batch) {
    if (at_ == order_.size()) {
        shuffle();
        at_ = 0;
        ++epoch_;
    }
    const std::size_t n = std::min(batch, order_.size() - at_);
    const std::span<const std::uint32_t> out(order_.data() + at_, n);
    at_ += n;
    return out;
}

} // namespace phasor
