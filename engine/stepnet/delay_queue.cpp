// The target delay queue, a fixed-capacity ring.
#include "engine/stepnet/delay_queue.hpp"

#include <cassert>

namespace phasor {

DelayQueue::DelayQueue(int depth, int capacity)
    : slots_(static_cast<std::size_t>(capacity) + 1), depth_(depth) {
    assert(depth >= 0 && depth <= capacity);
}

void DelayQueue::set_depth(int depth) {
    assert(depth >= 0 && depth <= capacity());
    const int excess = size_ - depth;
    if (excess > 0) {
        head_ = (head_ + excess) % static_cast<int>(slots_.size());
        size_ = depth;
    }
    depth_ = depth;
}

bool DelayQueue::push(const QueuedTarget& target, QueuedTarget& scored) {
    const int n = static_cast<int>(slots_.size());
    slots_[static_cast<std::size_t>((head_ + size_) % n)] = target;
    ++size_;
    if (size_ <= depth_) return false;
    scored = slots_[static_cast<std::size_t>(head_)];
    head_ = (head_ + 1) % n;
    --size_;
    return true;
}

const QueuedTarget& DelayQueue::at(int i) const {
    return slots_[static_cast<std::size_t>((head_ + i) % static_cast<int>(slots_.size()))];
}

} // namespace phasor
