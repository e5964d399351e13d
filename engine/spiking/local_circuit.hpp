// A large network of local circuitry: neurons uniform in a cube at cortical density (100,000 per mm³), each
// pair closer than a radius connected with probability p0 (no self-connections), the radius chosen so the
// expected in-degree, edges of the cube included, is ~100; 80 % excitatory, 20 % inhibitory; axonal delays
// from distance over a conduction speed, queued until they arrive; the COBA neuron (constant drive) with
// the benchmark's weights scaled to the larger in-degree (80 → 100 synapses), which keeps it asynchronous and
// irregular at a few to ~20 Hz. The threshold shift is live.
#pragma once
#include "engine/spiking/circuit.hpp"
#include "engine/spiking/coba_population.hpp"
#include "engine/spiking/delay_ring.hpp"
#include "engine/spiking/distance_synapses.hpp"

namespace phasor {

struct LocalConfig {
    std::uint32_t neurons = 100000;
    float excitatory_fraction = 0.8f;
    float density = 1e14f;                            // neurons per m³
    float p0 = 0.5f;                                  // connection probability within the radius
    float in_degree = 100.f;                          // expected synapses per neuron (sets the radius)
    float speed = 0.1f;                               // m/s axonal conduction (unmyelinated local axons)
    float we = 0.6f * 80 / 100, wi = 6.7f * 80 / 100; // COBA's weights over the in-degree
    float dt = 1e-4f;                                 // s
    std::uint64_t seed = 1;
    bool dense_ring = false; // DelayRing (a float per neuron per slot) instead of DelayEvents
};

// The expected number of other points within `radius` of a point, both uniform in a cube of side `side`
// holding `n` points: (n − 1)/L⁶ · ∫ over the ball of Π(L − |u_axis|) (edges included), for radius <= side.
double expected_neighbours(std::uint32_t n, double side, double radius);
// The cube's side and the radius that give `config.in_degree` expected synapses.
double local_side(const LocalConfig& config);
double local_radius(const LocalConfig& config);

class LocalCircuit final : public Circuit {
  public:
    explicit LocalCircuit(LocalConfig config = {});

    std::unique_ptr<Circuit> clone() const override { return std::make_unique<LocalCircuit>(*this); }
    void step(std::vector<std::uint32_t>& spiked) override;
    void apply(const SpikingSettings& settings) override;
    std::uint64_t cycles() const override { return cycles_; }
    float dt() const override { return config_.dt; }
    std::span<const PopulationInfo> populations() const override { return populations_; }
    std::size_t neurons() const override { return population_.size(); }
    std::size_t synapses() const override;
    double bytes_per_synapse() const override;
    float membrane(std::uint32_t neuron) const override { return population_.v[neuron]; }
    bool finite() const override { return population_.finite(); }
    std::span<const Vec3> positions() const override { return positions_; }
    void targets(std::uint32_t neuron, std::vector<std::uint32_t>& out) const override;

    const CobaPopulation& population() const { return population_; }
    const DistanceSynapses& excitatory() const { return excitatory_; }
    const DistanceSynapses& inhibitory() const { return inhibitory_; }
    std::uint32_t excitatory_count() const { return excitatory_count_; }

  private:
    template <class Queue> void deliver(const std::vector<std::uint32_t>& spiked, Queue& e, Queue& i);

    LocalConfig config_;
    std::uint32_t excitatory_count_;
    std::vector<Vec3> positions_;
    CobaPopulation population_;
    DistanceSynapses excitatory_, inhibitory_;
    DelayRing ring_e_, ring_i_;
    DelayEvents events_e_, events_i_;
    std::vector<PopulationInfo> populations_;
    std::uint64_t cycles_ = 0;
};

} // namespace phasor
