// Bounded edge queues (see edge_queue.hpp).
#include "engine/mach/edge_queue.hpp"

#include "engine/core/enum_names.hpp"

#include <stdexcept>
#include <utility>

namespace phasor {

namespace {
constexpr std::array<EnumName<FullPolicy>, 3> kPolicyNames{
    {{FullPolicy::DropOldest, "drop_oldest"}, {FullPolicy::Block, "block"}, {FullPolicy::Merge, "merge"}}};
} // namespace

std::string_view to_string(FullPolicy policy) {
    return name_of(kPolicyNames, policy);
}
std::optional<FullPolicy> parse_full_policy(std::string_view name) {
    return value_named(kPolicyNames, name);
}

EdgeQueue::EdgeQueue(int capacity, int max_capacity, FullPolicy policy)
    : slots_(static_cast<std::size_t>(max_capacity)), max_capacity_(max_capacity), capacity_(capacity),
      policy_(policy) {
    if (max_capacity < 1 || capacity < 1 || capacity > max_capacity)
        throw std::invalid_argument("EdgeQueue: capacity must be in [1, max_capacity]");
}

void EdgeQueue::drop_oldest() {
    head_ = (head_ + 1) % max_capacity_;
    --size_;
    ++counts_.dropped;
}

bool EdgeQueue::send(const Message& message) {
    std::unique_lock lock(mutex_);
    if (size_ >= capacity_) {
        switch (policy_) {
        case FullPolicy::DropOldest:
            drop_oldest();
            break;
        case FullPolicy::Merge: {
            Message& newest = slot(size_ - 1);
            if (newest.kind == message.kind && newest.values.rows() == message.values.rows() &&
                newest.values.cols() == message.values.cols()) {
                // A running mean over the messages folded in, keeping the newest ids and step.
                const float w = 1.f / static_cast<float>(newest.merged + 1);
                newest.values = (1.f - w) * newest.values + w * message.values;
                newest.ids = message.ids;
                newest.step = message.step;
                ++newest.merged;
                ++counts_.sent;
                ++counts_.merged;
                return true;
            }
            drop_oldest(); // shapes differ: nothing to average with
            break;
        }
        case FullPolicy::Block:
            ++counts_.blocked;
            room_.wait(lock, [&] {
                return size_ < capacity_ || closed_ || policy_ != FullPolicy::Block || !waiting_allowed_;
            });
            if (closed_) return false;
            if (size_ >= capacity_) drop_oldest(); // the policy changed, or waiting ended, while it waited
            break;
        }
    }
    Message& into = slot(size_);
    into.kind = message.kind;
    into.values = message.values; // reuses the slot's storage once it has this shape
    into.ids = message.ids;
    into.step = message.step;
    into.merged = message.merged;
    into.sent = std::chrono::steady_clock::now();
    ++size_;
    ++counts_.sent;
    lock.unlock();
    arrived_.notify_one();
    return true;
}

bool EdgeQueue::receive(Message& into) {
    return take(into, false);
}

bool EdgeQueue::receive_wait(Message& into) {
    return take(into, true);
}

bool EdgeQueue::take(Message& into, bool wait) {
    {
        std::unique_lock lock(mutex_);
        if (wait) arrived_.wait(lock, [&] { return size_ > 0 || closed_ || !waiting_allowed_; });
        if (size_ == 0) return false;
        Message& oldest = slot(0);
        std::swap(into.values, oldest.values);
        std::swap(into.ids, oldest.ids);
        into.kind = oldest.kind;
        into.step = oldest.step;
        into.merged = oldest.merged;
        into.sent = oldest.sent;
        head_ = (head_ + 1) % max_capacity_;
        --size_;
        ++counts_.received;
    }
    room_.notify_one();
    return true;
}

void EdgeQueue::set_capacity(int capacity) {
    if (capacity < 1 || capacity > max_capacity_)
        throw std::invalid_argument("EdgeQueue: capacity must be in [1, max_capacity]");
    {
        std::lock_guard lock(mutex_);
        capacity_ = capacity;
        while (size_ > capacity_) drop_oldest();
    }
    room_.notify_all();
}

void EdgeQueue::set_policy(FullPolicy policy) {
    {
        std::lock_guard lock(mutex_);
        policy_ = policy;
    }
    room_.notify_all();
}

void EdgeQueue::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    room_.notify_all();
    arrived_.notify_all();
}

void EdgeQueue::allow_waiting(bool allowed) {
    {
        std::lock_guard lock(mutex_);
        waiting_allowed_ = allowed;
    }
    room_.notify_all();
    arrived_.notify_all();
}

void EdgeQueue::reopen() {
    std::lock_guard lock(mutex_);
    closed_ = false;
}

int EdgeQueue::size() const {
    std::lock_guard lock(mutex_);
    return size_;
}
int EdgeQueue::capacity() const {
    std::lock_guard lock(mutex_);
    return capacity_;
}
FullPolicy EdgeQueue::policy() const {
    std::lock_guard lock(mutex_);
    return policy_;
}
EdgeCounts EdgeQueue::counts() const {
    std::lock_guard lock(mutex_);
    return counts_;
}

} // namespace phasor
