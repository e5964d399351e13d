// The Vogels–Abbott benchmark networks exactly as Brian2 writes them, as one circuit over two kinds of
// neuron: `neurons` LIF neurons, the first `excitatory` of them excitatory, each connected to each with
// probability p (self-connections allowed, as Brian's connect(p=...)); a spike adds we (or wi) to its
// targets' ge (gi) at the end of its cycle, so they feel it from the next step. Membrane potentials start
// uniform in [Vr, Vt] (v = Vr + rand()·(Vt − Vr)), synaptic variables at 0. The threshold shift is live.
//   CUBA (Brian's examples/CUBA.py): current synapses integrated exactly (LifPopulation); we = 1.62 mV and
//   wi = −9 mV added to the synaptic currents.
//   COBA (Brette et al. 2007 benchmark 1, constant-drive form): conductance synapses by forward Euler
//   (CobaPopulation); ge += 0.6, gi += 6.7 in units of the leak conductance.
#pragma once
#include "engine/core/rng.hpp"
#include "engine/spiking/circuit.hpp"
#include "engine/spiking/coba_population.hpp"
#include "engine/spiking/lif_population.hpp"
#include "engine/spiking/synapse_matrix.hpp"

#include <array>
#include <stdexcept>

namespace phasor {

struct CubaConfig {
    using Population = LifPopulation;
    std::uint32_t neurons = 4000, excitatory = 3200;
    double p = 0.02;
    float we = 60 * 0.27f / 10 * 1e-3f, wi = -20 * 4.5f / 10 * 1e-3f; // V
    float dt = 1e-4f;                                                 // s
    std::uint64_t seed = 1;
};

struct CobaConfig {
    using Population = CobaPopulation;
    std::uint32_t neurons = 4000, excitatory = 3200;
    double p = 0.02;
    float we = 6.f / 10.f, wi = 67.f / 10.f; // added to ge, gi (units of the leak conductance)
    float dt = 1e-4f;                        // s
    std::uint64_t seed = 1;
};

template <class Config> class BenchmarkCircuit final : public Circuit {
  public:
    using Population = typename Config::Population;

    explicit BenchmarkCircuit(Config config = {})
        : config_(config), population_(config.neurons, {}, config.dt),
          populations_{
              {{"excitatory", 0, config.excitatory, true, false},
               {"inhibitory", config.excitatory, config.neurons - config.excitatory, false, false}}} {
        if (config.excitatory > config.neurons)
            throw std::invalid_argument("BenchmarkCircuit: more excitatory neurons than neurons");
        Rng rng(config.seed);
        const auto& p = population_.params();
        for (float& v : population_.v) v = p.reset + rng.uniform() * (p.threshold - p.reset);
        excitatory_ =
            random_synapses(config.neurons, 0, config.excitatory, config.neurons, config.p, config.we, rng);
        inhibitory_ = random_synapses(config.neurons, config.excitatory, config.neurons, config.neurons,
                                      config.p, config.wi, rng);
    }

    std::unique_ptr<Circuit> clone() const override { return std::make_unique<BenchmarkCircuit>(*this); }
    void step(std::vector<std::uint32_t>& spiked) override {
        population_.step(spiked);
        for (std::uint32_t source : spiked) {
            if (source < config_.excitatory)
                excitatory_.deliver(source, population_.ge.data());
            else
                inhibitory_.deliver(source, population_.gi.data());
        }
        ++cycles_;
    }
    void apply(const SpikingSettings& settings) override {
        population_.set_threshold(population_.params().threshold + settings.threshold_shift);
    }
    std::uint64_t cycles() const override { return cycles_; }
    float dt() const override { return config_.dt; }
    std::span<const PopulationInfo> populations() const override { return populations_; }
    std::size_t neurons() const override { return population_.size(); }
    std::size_t synapses() const override { return excitatory_.size() + inhibitory_.size(); }
    double bytes_per_synapse() const override {
        const auto n = static_cast<double>(synapses());
        return n > 0 ? (excitatory_.bytes_per_synapse() * static_cast<double>(excitatory_.size()) +
                        inhibitory_.bytes_per_synapse() * static_cast<double>(inhibitory_.size())) /
                           n
                     : 0.0;
    }
    float membrane(std::uint32_t neuron) const override { return population_.v[neuron]; }
    bool finite() const override { return population_.finite(); }
    void targets(std::uint32_t neuron, std::vector<std::uint32_t>& out) const override {
        const auto row = (neuron < config_.excitatory ? excitatory_ : inhibitory_).targets(neuron);
        out.insert(out.end(), row.begin(), row.end());
    }

    const Population& population() const { return population_; }

  private:
    Config config_;
    Population population_;
    SynapseMatrix excitatory_, inhibitory_;
    std::array<PopulationInfo, 2> populations_;
    std::uint64_t cycles_ = 0;
};

using CubaCircuit = BenchmarkCircuit<CubaConfig>;
using CobaCircuit = BenchmarkCircuit<CobaConfig>;

} // namespace phasor
