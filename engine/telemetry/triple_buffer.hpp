// Lock-free triple buffer: one writer hands complete values to one reader without ever waiting for it.
#pragma once
#include <array>
#include <atomic>
#include <cstdint>
#include <new>

namespace phasor {

// The writer owns `back()`, the reader owns `front()`, and the third slot sits in the middle, named by an
// atomic index word. `publish` swaps back and middle and marks the middle fresh; `refresh` swaps front and
// middle only when it is fresh. Each side only ever touches the slot it owns, so nothing tears and neither
// side waits.
template <class T> class TripleBuffer {
  public:
    TripleBuffer() : TripleBuffer(T{}) {}
    // Every slot starts as a copy of `prototype`, so vectors can be sized once and then only copied into.
    explicit TripleBuffer(const T& prototype) : slots_{Slot{prototype}, Slot{prototype}, Slot{prototype}} {}

    TripleBuffer(const TripleBuffer&) = delete;
    TripleBuffer& operator=(const TripleBuffer&) = delete;

    // Writer side.
    T& back() { return slots_[back_].value; }
    void publish() {
        // Release: the reader that takes this slot sees everything written to it. Acquire: the slot we get
        // back may have been the reader's front, and its reads of it must be finished before we write.
        const std::uint8_t previous =
            middle_.exchange(static_cast<std::uint8_t>(back_ | kFresh), std::memory_order_acq_rel);
        back_ = previous & kIndexMask;
    }

    // Reader side. True when a newer complete value was taken into `front()`.
    bool refresh() {
        // Only the writer sets the fresh bit and only the reader clears it, so once seen it stays set.
        if ((middle_.load(std::memory_order_relaxed) & kFresh) == 0) return false;
        const std::uint8_t previous = middle_.exchange(front_, std::memory_order_acq_rel);
        front_ = previous & kIndexMask;
        return true;
    }
    const T& front() const { return slots_[front_].value; }
    T& front() { return slots_[front_].value; }

  private:
    static constexpr std::uint8_t kIndexMask = 0x3;
    static constexpr std::uint8_t kFresh = 0x4;
    static constexpr std::size_t kLine =
        64; // keeps the writer's and the reader's slots off each other's lines

    struct alignas(kLine) Slot {
        T value;
    };

    std::array<Slot, 3> slots_;
    alignas(kLine) std::atomic<std::uint8_t> middle_{1};
    alignas(kLine) std::uint8_t back_ = 0;  // writer only
    alignas(kLine) std::uint8_t front_ = 2; // reader only
};

} // namespace phasor
