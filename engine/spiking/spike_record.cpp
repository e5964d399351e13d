// Spike statistics (see spike_record.hpp).
#include "engine/spiking/spike_record.hpp"

#include <cmath>

namespace phasor {

void run_recorded(Circuit& circuit, std::uint64_t cycles, SpikeRecord& record) {
    std::vector<std::uint32_t> spiked;
    spiked.reserve(circuit.neurons());
    for (std::uint64_t c = 0; c < cycles; ++c) {
        const auto at = static_cast<std::uint32_t>(circuit.cycles());
        circuit.step(spiked);
        record.add(at, spiked);
    }
}

double mean_rate_hz(const SpikeRecord& spikes, std::size_t neurons, double seconds) {
    return neurons && seconds > 0
               ? static_cast<double>(spikes.size()) / (static_cast<double>(neurons) * seconds)
               : 0.0;
}

double mean_cv_isi(const SpikeRecord& spikes, std::size_t neurons, std::size_t min_spikes) {
    // Per neuron, the running sums of its intervals (the record is in time order).
    std::vector<std::int64_t> last(neurons, -1);
    std::vector<std::size_t> count(neurons, 0);
    std::vector<double> sum(neurons, 0.0), squares(neurons, 0.0);
    for (std::size_t s = 0; s < spikes.size(); ++s) {
        const std::uint32_t k = spikes.neuron[s];
        const auto at = static_cast<std::int64_t>(spikes.step[s]);
        if (last[k] >= 0) {
            const auto isi = static_cast<double>(at - last[k]);
            sum[k] += isi;
            squares[k] += isi * isi;
        }
        last[k] = at;
        ++count[k];
    }
    double total = 0;
    std::size_t counted = 0;
    for (std::size_t k = 0; k < neurons; ++k) {
        if (count[k] < min_spikes) continue;
        const auto n = static_cast<double>(count[k] - 1);
        const double mean = sum[k] / n;
        const double variance = std::max(0.0, squares[k] / n - mean * mean);
        total += std::sqrt(variance) / mean;
        ++counted;
    }
    return counted ? total / static_cast<double>(counted) : NAN;
}

} // namespace phasor
