// Poisson sources by geometric skips (see poisson_input.hpp).
#include "engine/spiking/poisson_input.hpp"

#include <cmath>
#include <stdexcept>

namespace phasor {

PoissonInput::PoissonInput(std::uint32_t size, float rate_hz, float dt, std::uint64_t seed)
    : size_(size), rate_(0.f), dt_(dt), rng_(seed) {
    if (!(dt > 0)) throw std::invalid_argument("PoissonInput: dt must be > 0");
    set_rate(rate_hz);
}

void PoissonInput::set_rate(float rate_hz) {
    if (!(rate_hz >= 0)) throw std::invalid_argument("PoissonInput: the rate must be >= 0");
    rate_ = rate_hz;
    p_ = std::min(1.0, static_cast<double>(rate_hz) * dt_);
    log_miss_ = p_ < 1.0 ? std::log1p(-p_) : 0.0;
}

void PoissonInput::step(std::vector<std::uint32_t>& spiked, std::uint32_t offset) {
    if (p_ <= 0.0) return;
    if (p_ >= 1.0) {
        for (std::uint32_t k = 0; k < size_; ++k) spiked.push_back(offset + k);
        return;
    }
    double k = -1.0;
    for (;;) {
        // 1 − uniform() is in (0, 1], so the log is finite.
        const double u = 1.0 - static_cast<double>(rng_.uniform());
        k += 1.0 + std::floor(std::log(u) / log_miss_);
        if (k >= size_) return;
        spiked.push_back(offset + static_cast<std::uint32_t>(k));
    }
}

} // namespace phasor
