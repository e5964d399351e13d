// Bounded lock-free ring for exactly one producer thread and one consumer thread.
#pragma once
#include <atomic>
#include <bit>
#include <cstddef>
#include <memory>
#include <utility>

namespace phasor {

// Head and tail are free-running counters (the slot is counter & mask), so all `capacity()` slots are usable
// and full/empty never look alike. Each side keeps a cached copy of the other's counter and only re-reads the
// shared one when the cache says full/empty, which keeps the two cache lines from bouncing on every call.
template <class T> class SpscRing {
  public:
    // `capacity` is rounded up to a power of two (at least 2).
    explicit SpscRing(std::size_t capacity)
        : capacity_(std::bit_ceil(capacity < 2 ? std::size_t{2} : capacity)), mask_(capacity_ - 1),
          slots_(std::make_unique<T[]>(capacity_)) {}

    SpscRing(const SpscRing&) = delete;
    SpscRing& operator=(const SpscRing&) = delete;

    std::size_t capacity() const { return capacity_; }

    // Producer side. False when full; the value is then untouched.
    bool try_push(const T& value) {
        return push_with([&](T& slot) { slot = value; });
    }
    bool try_push(T&& value) {
        return push_with([&](T& slot) { slot = std::move(value); });
    }

    // Consumer side. False when empty.
    bool try_pop(T& out) {
        const std::size_t head = head_.load(std::memory_order_relaxed);
        if (head == cached_tail_) {
            cached_tail_ = tail_.load(std::memory_order_acquire);
            if (head == cached_tail_) return false;
        }
        out = std::move(slots_[head & mask_]);
        head_.store(head + 1, std::memory_order_release);
        return true;
    }
    // Consumer side: is there anything to pop? (The producer may add more at any time.)
    bool empty() const {
        return head_.load(std::memory_order_relaxed) == tail_.load(std::memory_order_acquire);
    }

    // Either side; exact only when the other side is idle.
    std::size_t size_approx() const {
        const std::size_t tail = tail_.load(std::memory_order_acquire);
        const std::size_t head = head_.load(std::memory_order_acquire);
        return tail >= head ? tail - head : 0; // the two loads are not one snapshot
    }

  private:
    template <class Write> bool push_with(Write&& write) {
        const std::size_t tail = tail_.load(std::memory_order_relaxed);
        if (tail - cached_head_ == capacity_) {
            cached_head_ = head_.load(std::memory_order_acquire);
            if (tail - cached_head_ == capacity_) return false;
        }
        write(slots_[tail & mask_]);
        tail_.store(tail + 1, std::memory_order_release);
        return true;
    }

    static constexpr std::size_t kLine = 64;

    const std::size_t capacity_;
    const std::size_t mask_;
    std::unique_ptr<T[]> slots_;

    alignas(kLine) std::atomic<std::size_t> head_{0}; // next slot to pop; written by the consumer
    std::size_t cached_tail_ = 0;                     // consumer's view of tail_
    alignas(kLine) std::atomic<std::size_t> tail_{0}; // next slot to push; written by the producer
    std::size_t cached_head_ = 0;                     // producer's view of head_
};

} // namespace phasor
