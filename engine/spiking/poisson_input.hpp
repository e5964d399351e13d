// Independent Poisson spike sources, one rate for all, stepped one cycle at a time. Each cycle every source
// fires with probability rate · dt (Brian's PoissonGroup); the sources that fire are found by geometric skips
// over the population, so a cycle costs as many draws as spikes, not as sources.
#pragma once
#include "engine/core/rng.hpp"

#include <cstdint>
#include <vector>

namespace phasor {

class PoissonInput {
  public:
    PoissonInput(std::uint32_t size, float rate_hz, float dt, std::uint64_t seed);

    // Appends the local indices (plus `offset`) of the sources that fire this cycle to `spiked`.
    void step(std::vector<std::uint32_t>& spiked, std::uint32_t offset = 0);
    void set_rate(float rate_hz);
    float rate() const { return rate_; }
    std::uint32_t size() const { return size_; }

  private:
    std::uint32_t size_;
    float rate_, dt_;
    double log_miss_ = 0.0; // log(1 − p): the skip to the next firing source is log(u) / log(1 − p)
    double p_ = 0.0;
    Rng rng_;
};

} // namespace phasor
