// The state Adam-style optimizers (AdamW, LAMB) keep per tensor: the moment estimates of the gradient and its
// square, and their bias corrections. Each tensor counts its own steps, since the layers of a stepped network
// update at different ticks. The corrections are 1 − Π β over the steps taken: the same as 1 − βᵗ while β
// stays put, and still the exact weight the estimate has gathered when β is changed during training.
#pragma once
#include "engine/core/tensor.hpp"

#include <cstdint>

namespace phasor {

struct AdamMoments {
    Vec m, v;
    double beta1_power = 1.0, beta2_power = 1.0;
    bool decays = false; // whether weight decay applies to the tensor

    AdamMoments(std::int64_t size, bool decays_) : m(Vec::Zero(size)), v(Vec::Zero(size)), decays(decays_) {}

    // Takes in one gradient: m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g². Returns the corrections' inverses,
    // so that m̂ = m·first and v̂ = v·second (without them the first steps would be far too short).
    struct Corrections {
        float first, second;
    };
    Corrections advance(const Eigen::Map<const Eigen::ArrayXf>& g, float beta1, float beta2) {
        beta1_power *= static_cast<double>(beta1);
        beta2_power *= static_cast<double>(beta2);
        m.array() = beta1 * m.array() + (1.f - beta1) * g;
        v.array() = beta2 * v.array() + (1.f - beta2) * g.square();
        return {static_cast<float>(1.0 / (1.0 - beta1_power)), static_cast<float>(1.0 / (1.0 - beta2_power))};
    }
    void clear() {
        m.setZero();
        v.setZero();
        beta1_power = beta2_power = 1.0;
    }
};

} // namespace phasor
