// The bounded queue on one edge between two components, one direction. A sender never waits for a receiver
// unless the Block policy says so: when the queue is full, DropOldest discards the oldest message, Merge
// averages the new one into the newest (when they have the same shape: a gradient of the same batch, say),
// Block waits for room. Capacity and policy change while it runs. The slots are allocated once at the largest
// capacity and messages are copied into them, so sending allocates nothing once the slots have grown to the
// message size.
//
// Not a lock-free queue (Debian's readerwriterqueue and concurrentqueue were considered): dropping the
// oldest from the sender's side, merging and a capacity that changes live need both ends under one lock, and
// at the rates components exchange batches (thousands a second at most) a mutex costs nothing measurable.
#pragma once
#include "engine/mach/message.hpp"

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

namespace phasor {

enum class FullPolicy { DropOldest, Block, Merge };

std::string_view to_string(FullPolicy policy);
std::optional<FullPolicy> parse_full_policy(std::string_view name);

struct EdgeCounts {
    std::uint64_t sent = 0, received = 0, dropped = 0, merged = 0;
    std::uint64_t blocked = 0; // sends that had to wait for room
};

class EdgeQueue {
  public:
    EdgeQueue(int capacity, int max_capacity, FullPolicy policy);

    // Copies `message` in. Returns false only when Block waited and the queue was closed meanwhile.
    bool send(const Message& message);
    // Moves the oldest message into `into` (swapping buffers, so `into`'s storage is reused) if there is one.
    bool receive(Message& into);
    // The same, waiting for a message while waiting is allowed (a receiver that keeps the forward lock: DDG,
    // DNI). False when none came: the release is ending, or the sender is not running.
    bool receive_wait(Message& into);

    void set_capacity(int capacity); // 1 to max_capacity; drops the oldest messages past it
    void set_policy(FullPolicy policy);
    // Wakes a blocked sender for good (shutdown, or the receiver was killed and its edge is cut).
    void close();
    void reopen();
    // While waiting is not allowed, Block behaves as DropOldest, and senders already waiting do the same, and
    // a receive_wait returns at once: set when the components' release ends, since a receiver that has parked
    // will not make room, and while either end is paused or killed.
    void allow_waiting(bool allowed);

    int size() const;
    int capacity() const;
    FullPolicy policy() const;
    EdgeCounts counts() const;

  private:
    Message& slot(int i) { return slots_[static_cast<std::size_t>((head_ + i) % max_capacity_)]; }
    void drop_oldest();
    bool take(Message& into, bool wait);

    mutable std::mutex mutex_;
    std::condition_variable room_, arrived_;
    std::vector<Message> slots_;
    int max_capacity_;
    int capacity_;
    int head_ = 0, size_ = 0;
    FullPolicy policy_;
    bool closed_ = false;
    bool waiting_allowed_ = true;
    EdgeCounts counts_;
};

} // namespace phasor
