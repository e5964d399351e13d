// Axonal delays: a spike's input reaches each target exactly its delay's cycles later, through the delays'
// table and either queue, and nowhere else.
#include "engine/spiking/delay_ring.hpp"
#include "engine/spiking/distance_synapses.hpp"
#include "engine/spiking/positions.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

void send(DelayRing& q, std::uint32_t d, std::uint32_t t, float w) {
    q.slot(d)[t] += w;
}
void send(DelayEvents& q, std::uint32_t d, std::uint32_t t, float w) {
    q.slot(d).push_back({t, w});
}

// One source fires at cycle 0; returns, per target, the cycle its input arrived (-1: never) and the total.
template <class Queue>
void arrivals(const DistanceSynapses& s, std::uint32_t source, std::size_t targets, Queue& q,
              std::vector<int>& cycle, std::vector<float>& total) {
    cycle.assign(targets, -1);
    total.assign(targets, 0.f);
    const auto t = s.matrix.targets(source);
    const float w = s.matrix.weight();
    const auto row = static_cast<std::uint32_t>(t.size());
    for (std::uint32_t d = 0; d <= s.delays.max_delay(); ++d)
        for (std::uint32_t k = s.delays.begin(source, d, row); k < s.delays.begin(source, d + 1, row); ++k)
            send(q, d, t[k], w);
    std::vector<float> g(targets, 0.f);
    for (int c = 0; c < 40; ++c) {
        std::fill(g.begin(), g.end(), 0.f);
        q.drain(g);
        for (std::size_t k = 0; k < targets; ++k)
            if (g[k] != 0.f) {
                EXPECT_EQ(cycle[k], -1) << "target " << k << " received twice";
                cycle[k] = c;
                total[k] += g[k];
            }
    }
}

TEST(Delays, EachTargetReceivesItsInputExactlyItsDelayLater) {
    const auto p = random_positions(600, Box{{0, 0, 0}, {3e-4f, 3e-4f, 3e-4f}}, 8);
    DistanceRule rule{.radius = 1.2e-4f, .p0 = 1.f, .self_offset = 0u, .weight = 0.25f, .speed = 0.05f};
    const auto s = distance_synapses(p, p, rule);
    ASSERT_GE(s.delays.max_delay(), 15u); // 120 µm at 5 cm/s: up to 24 cycles
    std::vector<int> ring_cycle, event_cycle;
    std::vector<float> ring_total, event_total;
    for (std::uint32_t source : {0u, 17u, 333u}) {
        DelayRing ring(600, s.delays.max_delay());
        DelayEvents events(s.delays.max_delay(), 64);
        arrivals(s, source, 600, ring, ring_cycle, ring_total);
        arrivals(s, source, 600, events, event_cycle, event_total);
        std::size_t delivered = 0;
        for (std::uint32_t t = 0; t < 600; ++t) {
            const float d2 = distance2(p[source], p[t]);
            const bool connected = t != source && d2 < rule.radius * rule.radius;
            const int expected = connected ? static_cast<int>(distance_delay(rule, d2)) : -1;
            EXPECT_EQ(ring_cycle[t], expected);
            EXPECT_EQ(event_cycle[t], expected);
            EXPECT_FLOAT_EQ(ring_total[t], connected ? 0.25f : 0.f);
            EXPECT_FLOAT_EQ(event_total[t], connected ? 0.25f : 0.f);
            delivered += connected;
        }
        EXPECT_EQ(delivered, s.matrix.targets(source).size());
    }
}

TEST(Delays, TheRingWrapsAroundAndZeroDelayArrivesThisCycle) {
    DelayRing ring(3, 2);
    DelayEvents events(2, 4);
    std::vector<float> a(3, 0.f), b(3, 0.f);
    for (int c = 0; c < 7; ++c) {
        // Every cycle, send 1 to neuron 0 now and 10 to neuron 2 two cycles on.
        send(ring, 0, 0, 1.f);
        send(ring, 2, 2, 10.f);
        send(events, 0, 0, 1.f);
        send(events, 2, 2, 10.f);
        ring.drain(a);
        events.drain(b);
        EXPECT_FLOAT_EQ(a[0], static_cast<float>(c + 1));
        EXPECT_FLOAT_EQ(a[2], c >= 2 ? 10.f * static_cast<float>(c - 1) : 0.f);
        EXPECT_EQ(a, b);
    }
}

} // namespace
} // namespace phasor
