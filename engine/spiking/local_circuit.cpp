// The local 3D network (see local_circuit.hpp).
#include "engine/spiking/local_circuit.hpp"

#include "engine/core/rng.hpp"
#include "engine/spiking/positions.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace phasor {

double expected_neighbours(std::uint32_t n, double side, double radius) {
    // ∫ over the ball of (L−|x|)(L−|y|)(L−|z|): the ball's moments of |x|, |x||y| and |x||y||z| are
    // π r⁴/2, 8 r⁵/15 and r⁶/6 (per axis or pair of axes).
    const double L = side, r = radius, pi = std::numbers::pi;
    const double overlap = L * L * L * 4 * pi * r * r * r / 3 - L * L * 3 * (pi * std::pow(r, 4) / 2) +
                           L * 3 * (8 * std::pow(r, 5) / 15) - std::pow(r, 6) / 6;
    return n > 1 ? (n - 1) * overlap / std::pow(L, 6) : 0.0;
}

double local_side(const LocalConfig& config) {
    return std::cbrt(static_cast<double>(config.neurons) / config.density);
}

double local_radius(const LocalConfig& config) {
    const double side = local_side(config), want = config.in_degree / config.p0;
    if (expected_neighbours(config.neurons, side, side) < want)
        throw std::invalid_argument("LocalConfig: too few neurons for that in-degree");
    double lo = 0, hi = side;
    for (int k = 0; k < 60; ++k) {
        const double mid = (lo + hi) / 2;
        (expected_neighbours(config.neurons, side, mid) < want ? lo : hi) = mid;
    }
    return (lo + hi) / 2;
}

LocalCircuit::LocalCircuit(LocalConfig config)
    : config_(config),
      excitatory_count_(static_cast<std::uint32_t>(std::lround(config.neurons * config.excitatory_fraction))),
      population_(config.neurons, CobaParams{}, config.dt) {
    if (!(config.p0 > 0 && config.p0 <= 1) || !(config.density > 0) || !(config.in_degree > 0))
        throw std::invalid_argument("LocalConfig: p0 in (0, 1], a density and an in-degree > 0");
    const auto side = static_cast<float>(local_side(config));
    positions_ = random_positions(config.neurons, Box{{0, 0, 0}, {side, side, side}}, config.seed);
    DistanceRule rule;
    rule.radius = static_cast<float>(local_radius(config));
    rule.p0 = config.p0;
    rule.speed = config.speed;
    rule.dt = config.dt;
    const std::span<const Vec3> all(positions_);
    rule.self_offset = 0;
    rule.weight = config.we;
    rule.seed = config.seed * 2 + 1;
    excitatory_ = distance_synapses(all.first(excitatory_count_), all, rule);
    rule.self_offset = excitatory_count_;
    rule.weight = config.wi;
    rule.seed = config.seed * 2 + 2;
    inhibitory_ = distance_synapses(all.subspan(excitatory_count_), all, rule);

    Rng rng(config.seed ^ 0xc0ba);
    const CobaParams& p = population_.params();
    for (float& v : population_.v) v = p.reset + rng.uniform() * (p.threshold - p.reset);
    const std::uint32_t max_delay = std::max(excitatory_.delays.max_delay(), inhibitory_.delays.max_delay());
    if (config.dense_ring) {
        ring_e_ = DelayRing(config.neurons, max_delay);
        ring_i_ = DelayRing(config.neurons, max_delay);
    } else {
        // Room for a cycle's arrivals at several times the expected rate, so a steady run never grows them.
        const auto expected = static_cast<std::size_t>(config.neurons * config.in_degree * 50.0 * config.dt);
        events_e_ = DelayEvents(max_delay, expected);
        events_i_ = DelayEvents(max_delay, expected / 2);
    }
    populations_ = {{"excitatory", 0, excitatory_count_, true, false},
                    {"inhibitory", excitatory_count_, config.neurons - excitatory_count_, false, false}};
}

namespace {

// A distance rule gives every synapse of a projection one weight (a uniform matrix).
void send(DelayRing& q, std::uint32_t delay, std::span<const std::uint32_t> t, float w, std::uint32_t from,
          std::uint32_t to) {
    float* slot = q.slot(delay);
    for (std::uint32_t k = from; k < to; ++k) slot[t[k]] += w;
}

void send(DelayEvents& q, std::uint32_t delay, std::span<const std::uint32_t> t, float w, std::uint32_t from,
          std::uint32_t to) {
    auto& slot = q.slot(delay);
    for (std::uint32_t k = from; k < to; ++k) slot.push_back({t[k], w});
}

} // namespace

template <class Queue>
void LocalCircuit::deliver(const std::vector<std::uint32_t>& spiked, Queue& e, Queue& i) {
    for (std::uint32_t source : spiked) {
        const bool excitatory = source < excitatory_count_;
        const DistanceSynapses& s = excitatory ? excitatory_ : inhibitory_;
        Queue& q = excitatory ? e : i;
        const std::uint32_t local = excitatory ? source : source - excitatory_count_;
        const auto targets = s.matrix.targets(local);
        const float weight = s.matrix.weight();
        const auto row = static_cast<std::uint32_t>(targets.size());
        // The row is sorted by delay: one run per delay, each into its own slot.
        std::uint32_t from = 0;
        for (std::uint32_t d = 0; from < row; ++d) {
            const std::uint32_t to = s.delays.begin(local, d + 1, row);
            send(q, d, targets, weight, from, to);
            from = to;
        }
    }
    e.drain(population_.ge);
    i.drain(population_.gi);
}

void LocalCircuit::step(std::vector<std::uint32_t>& spiked) {
    population_.step(spiked);
    if (config_.dense_ring)
        deliver(spiked, ring_e_, ring_i_);
    else
        deliver(spiked, events_e_, events_i_);
    ++cycles_;
}

void LocalCircuit::apply(const SpikingSettings& settings) {
    population_.set_threshold(population_.params().threshold + settings.threshold_shift);
}

std::size_t LocalCircuit::synapses() const {
    return excitatory_.matrix.size() + inhibitory_.matrix.size();
}

double LocalCircuit::bytes_per_synapse() const {
    const std::size_t n = synapses();
    if (n == 0) return 0.0;
    return (excitatory_.bytes_per_synapse() * static_cast<double>(excitatory_.matrix.size()) +
            inhibitory_.bytes_per_synapse() * static_cast<double>(inhibitory_.matrix.size())) /
           static_cast<double>(n);
}

void LocalCircuit::targets(std::uint32_t neuron, std::vector<std::uint32_t>& out) const {
    const bool excitatory = neuron < excitatory_count_;
    const auto t = (excitatory ? excitatory_ : inhibitory_)
                       .matrix.targets(excitatory ? neuron : neuron - excitatory_count_);
    out.insert(out.end(), t.begin(), t.end());
}

} // namespace phasor
