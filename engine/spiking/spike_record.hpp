// Every spike of a run as (step, neuron), and the statistics the reference simulators report from it: the
// mean rate, and the mean coefficient of variation of the inter-spike intervals over neurons with at least
// four spikes.
#pragma once
#include <cstdint>
#include <vector>

#include "engine/spiking/circuit.hpp"

namespace phasor {

struct SpikeRecord {
    std::vector<std::uint32_t> step, neuron;

    void add(std::uint32_t at, const std::vector<std::uint32_t>& spiked) {
        for (std::uint32_t k : spiked) {
            step.push_back(at);
            neuron.push_back(k);
        }
    }
    std::size_t size() const { return step.size(); }
};

// Runs `cycles` cycles of `circuit`, recording every spike into `record`.
void run_recorded(Circuit& circuit, std::uint64_t cycles, SpikeRecord& record);

// Spikes per neuron per second over `seconds`.
double mean_rate_hz(const SpikeRecord& spikes, std::size_t neurons, double seconds);
// The mean over neurons with at least `min_spikes` spikes of sd/mean of their intervals; NaN when none has.
double mean_cv_isi(const SpikeRecord& spikes, std::size_t neurons, std::size_t min_spikes = 4);

} // namespace phasor
