// Run figures of a spiking circuit (see firing_statistics.hpp).
#include "engine/spiking/firing_statistics.hpp"

#include <cmath>

namespace phasor {

FiringStatistics::FiringStatistics(const Circuit& circuit)
    : neurons_(circuit.neurons()), population_of_(circuit.neurons(), 0),
      population_spikes_(circuit.populations().size(), 0),
      populations_(circuit.populations().begin(), circuit.populations().end()) {
    for (std::size_t p = 0; p < populations_.size(); ++p) {
        const PopulationInfo& info = populations_[p];
        for (std::uint32_t k = info.first; k < info.first + info.size; ++k)
            population_of_[k] = static_cast<std::uint16_t>(p);
        if (!info.input) integrating_ += info.size;
    }
}

std::uint64_t FiringStatistics::spikes() const {
    std::uint64_t n = 0;
    for (std::size_t p = 0; p < populations_.size(); ++p)
        if (!populations_[p].input) n += population_spikes_[p];
    return n;
}

double FiringStatistics::rate_hz(double seconds) const {
    return integrating_ && seconds > 0
               ? static_cast<double>(spikes()) / (static_cast<double>(integrating_) * seconds)
               : 0.0;
}

double FiringStatistics::rate_hz(std::size_t population, double seconds) const {
    const std::uint32_t size = populations_[population].size;
    return size && seconds > 0
               ? static_cast<double>(population_spikes_[population]) / (static_cast<double>(size) * seconds)
               : 0.0;
}

double FiringStatistics::cv_isi_mean(std::uint32_t min_spikes) const {
    double total = 0;
    std::size_t counted = 0;
    for (std::size_t k = 0; k < neurons_.size(); ++k) {
        const Neuron& n = neurons_[k];
        if (n.count < min_spikes || populations_[population_of_[k]].input) continue;
        const auto intervals = static_cast<double>(n.count - 1);
        const double mean = n.isi_sum / intervals;
        const double variance = std::max(0.0, n.isi_squares / intervals - mean * mean);
        total += std::sqrt(variance) / mean;
        ++counted;
    }
    return counted ? total / static_cast<double>(counted) : NAN;
}

double FiringStatistics::fraction_active() const {
    std::uint64_t active = 0;
    for (std::size_t k = 0; k < neurons_.size(); ++k)
        if (neurons_[k].count > 0 && !populations_[population_of_[k]].input) ++active;
    return integrating_ ? static_cast<double>(active) / static_cast<double>(integrating_) : 0.0;
}

double FiringStatistics::fraction_fired_since(std::uint64_t cycle) const {
    std::uint64_t fired = 0;
    for (std::size_t k = 0; k < neurons_.size(); ++k)
        if (neurons_[k].count > 0 && neurons_[k].last >= cycle && !populations_[population_of_[k]].input)
            ++fired;
    return integrating_ ? static_cast<double>(fired) / static_cast<double>(integrating_) : 0.0;
}

} // namespace phasor
