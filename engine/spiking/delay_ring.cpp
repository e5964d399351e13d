// Pending delayed input (see delay_ring.hpp).
#include "engine/spiking/delay_ring.hpp"

#include <algorithm>

namespace phasor {

DelayRing::DelayRing(std::uint32_t neurons, std::uint32_t max_delay)
    : neurons_(neurons), slots_(max_delay + 1),
      pending_(static_cast<std::size_t>(neurons) * (max_delay + 1), 0.f) {}

void DelayRing::drain(std::span<float> into) {
    float* now = slot(0);
    const std::size_t n = std::min<std::size_t>(into.size(), neurons_);
    for (std::size_t k = 0; k < n; ++k) {
        into[k] += now[k];
        now[k] = 0.f;
    }
    if (++now_ == slots_) now_ = 0;
}

DelayEvents::DelayEvents(std::uint32_t max_delay, std::size_t expected) : pending_(max_delay + 1) {
    for (auto& s : pending_) s.reserve(expected);
}

void DelayEvents::drain(std::span<float> into) {
    std::vector<Event>& now = slot(0);
    for (const Event& e : now) into[e.target] += e.weight;
    now.clear();
    if (++now_ == slots()) now_ = 0;
}

} // namespace phasor
