// The figures a run of a spiking circuit reports, kept up to date spike by spike in O(1) each: spikes per
// neuron, mean rates overall and per population, the mean coefficient of variation of the inter-spike
// intervals (neurons with at least four spikes, as the reference simulators' scripts count it, sd with ddof
// 0), and the share of neurons that fired. Inputs (Poisson sources) are counted apart: a rate is the rate of
// the neurons that integrate.
#pragma once
#include "engine/spiking/circuit.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace phasor {

class FiringStatistics {
  public:
    FiringStatistics() = default;
    explicit FiringStatistics(const Circuit& circuit);

    // The spikes of cycle `cycle`.
    void record(std::uint64_t cycle, std::span<const std::uint32_t> spiked) {
        for (std::uint32_t k : spiked) {
            Neuron& n = neurons_[k];
            if (n.count > 0) {
                const auto isi = static_cast<double>(cycle - n.last);
                n.isi_sum += isi;
                n.isi_squares += isi * isi;
            }
            n.last = cycle;
            ++n.count;
            ++population_spikes_[population_of_[k]];
        }
    }

    std::uint64_t spikes() const; // of the integrating neurons
    std::uint64_t spikes(std::size_t population) const { return population_spikes_[population]; }
    double rate_hz(double seconds) const; // the integrating neurons' mean
    double rate_hz(std::size_t population, double seconds) const;
    double cv_isi_mean(std::uint32_t min_spikes = 4) const; // NaN when no neuron has enough spikes
    double fraction_active() const;                         // integrating neurons with at least one spike
    // Integrating neurons that fired at or after `cycle`, over their count.
    double fraction_fired_since(std::uint64_t cycle) const;
    std::uint64_t last_spike(std::uint32_t neuron) const { return neurons_[neuron].last; }
    bool has_fired(std::uint32_t neuron) const { return neurons_[neuron].count > 0; }
    std::uint16_t population_of(std::uint32_t neuron) const { return population_of_[neuron]; }

  private:
    struct Neuron {
        std::uint64_t last = 0;
        std::uint64_t count = 0;
        double isi_sum = 0, isi_squares = 0; // in cycles
    };
    std::vector<Neuron> neurons_;
    std::vector<std::uint16_t> population_of_;
    std::vector<std::uint64_t> population_spikes_;
    std::vector<PopulationInfo> populations_;
    std::uint64_t integrating_ = 0;
};

} // namespace phasor
