// The target delay queue: a target pushed at tick t is scored `depth` ticks later, when (at the right depth)
// the input it belongs to reaches the output. Fixed capacity; resizing keeps the newest targets.
#pragma once
#include "engine/core/tensor.hpp"

#include <cstdint>
#include <vector>

namespace phasor {

struct QueuedTarget {
    int label = 0;
    std::uint64_t from_tick = 0;
};

class DelayQueue {
  public:
    explicit DelayQueue(int depth, int capacity);
    int depth() const { return depth_; }
    int size() const { return size_; }
    int capacity() const { return static_cast<int>(slots_.size()) - 1; }
    // Changing the depth keeps the newest min(size, depth) targets; the older ones are dropped unscored.
    void set_depth(int depth);
    // Pushes this tick's target; returns true and fills `scored` when a target leaves the queue this tick.
    bool push(const QueuedTarget& target, QueuedTarget& scored);
    // i = 0 is the oldest target still waiting.
    const QueuedTarget& at(int i) const;
    void clear() { size_ = 0; }

  private:
    std::vector<QueuedTarget>
        slots_;    // ring, capacity + 1 so that depth 0 still has room for this tick's push
    int head_ = 0; // index of the oldest
    int size_ = 0;
    int depth_;
};

} // namespace phasor
