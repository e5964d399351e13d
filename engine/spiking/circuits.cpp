// The registered spiking circuits (see circuits.hpp).
#include "engine/spiking/circuits.hpp"

#include "engine/spiking/bandit_circuit.hpp"
#include "engine/spiking/benchmark_circuit.hpp"
#include "engine/spiking/local_circuit.hpp"
#include "engine/spiking/precession_circuit.hpp"
#include "engine/spiking/song_circuit.hpp"
#include "engine/spiking/stdp_large_circuit.hpp"
#include "engine/spiking/target_circuit.hpp"
#include "engine/spiking/theta_gamma_circuit.hpp"

#include <array>

namespace phasor {

namespace {

constexpr std::array<std::string_view, 1> kBenchmark{"neurons.threshold_shift"};
constexpr std::array<std::string_view, 7> kStdp{"neurons.threshold_shift",
                                                "input.rate",
                                                "stdp.rate",
                                                "stdp.depression",
                                                "stdp.bound",
                                                "stdp.rule",
                                                "stdp.period"};
constexpr std::array<std::string_view, 4> kRhythmic{"neurons.threshold_shift", "input.rate",
                                                    "rhythm.theta_hz", "rhythm.gamma_per_theta"};
constexpr std::array<std::string_view, 4> kAgent{"neurons.threshold_shift", "input.rate", "reward.lr",
                                                 "readout.window"};

template <class C, class Config> std::unique_ptr<Circuit> make(Config config) {
    return std::make_unique<C>(std::move(config));
}

} // namespace

std::span<const CircuitEntry> circuits() {
    static const std::array<CircuitEntry, 9> entries{{
        {"cuba", "Vogels-Abbott CUBA benchmark as Brian2 writes it: 4,000 LIF neurons, current synapses",
         [](const CircuitOptions& o) { return make<CubaCircuit>(CubaConfig{.seed = o.seed}); }, kBenchmark},
        {"coba",
         "Vogels-Abbott COBA benchmark as Brian2 writes it: 4,000 LIF neurons, conductance synapses, Euler",
         [](const CircuitOptions& o) { return make<CobaCircuit>(CobaConfig{.seed = o.seed}); }, kBenchmark},
        {"local",
         "Neurons in a cube, each with about 100 synapses from neighbours within about 80 µm, delays by "
         "distance",
         [](const CircuitOptions& o) {
             LocalConfig c{.seed = o.seed};
             if (o.neurons) c.neurons = o.neurons;
             return make<LocalCircuit>(c);
         },
         kBenchmark, true},
        {"stdp_song",
         "Song, Miller & Abbott 2000 as Brian2's STDP.py: 1,000 Poisson inputs at 15 Hz, one neuron",
         [](const CircuitOptions& o) { return make<SongCircuit>(SongConfig{.seed = o.seed}); }, kStdp},
        {"stdp_large", "10,000 Poisson inputs to 10,000 LIF neurons, fan-out 100: a million plastic synapses",
         [](const CircuitOptions& o) { return make<StdpLargeCircuit>(StdpLargeConfig{.seed = o.seed}); },
         kStdp},
        {"precession", "Place cells on a 1-D track: theta phase precession by rate-to-phase against theta",
         [](const CircuitOptions& o) { return make<PrecessionCircuit>(PrecessionConfig{.seed = o.seed}); },
         kRhythmic},
        {"theta_gamma",
         "Theta-gamma multi-item coding: each of K items replays in its own gamma cycle, in order",
         [](const CircuitOptions& o) { return make<ThetaGammaCircuit>(ThetaGammaConfig{.seed = o.seed}); },
         kRhythmic},
        {"bandit",
         "A two-armed bandit: the readout of the output spikes picks an arm, reward-modulated STDP learns",
         [](const CircuitOptions& o) { return make<BanditCircuit>(BanditConfig{.seed = o.seed}); }, kAgent},
        {"target",
         "An agent on a line moves toward a target it senses through Poisson inputs, learnt by R-STDP",
         [](const CircuitOptions& o) { return make<TargetCircuit>(TargetConfig{.seed = o.seed}); }, kAgent},
    }};
    return entries;
}

const CircuitEntry* find_circuit(std::string_view name) {
    for (const CircuitEntry& entry : circuits())
        if (entry.name == name) return &entry;
    return nullptr;
}

} // namespace phasor
