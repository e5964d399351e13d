// Seeded random numbers that give the same stream on every platform (std:: distributions do not).
#pragma once
#include <cstdint>

namespace phasor {

// xoshiro256** seeded through splitmix64; uniform and normal draws computed here, not by <random>.
class Rng {
  public:
    explicit Rng(std::uint64_t seed = 1);
    std::uint64_t next_u64();
    float uniform();                   // [0, 1)
    float uniform(float lo, float hi); // [lo, hi)
    float normal(float mean = 0.f, float stddev = 1.f);
    int below(int n); // [0, n), n > 0

  private:
    std::uint64_t s_[4];
    bool has_spare_ = false;
    float spare_ = 0.f;
};

} // namespace phasor
