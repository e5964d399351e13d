// Softmax re-weighting of gradient tensors ("gradient attention").
#include "engine/stepnet/gradient_attention.hpp"

#include <cmath>

namespace phasor {

void apply_gradient_attention(FloatMap grad, FloatMap factors, float temperature) {
    const float n = static_cast<float>(grad.size());
    const float inv_tau = 1.f / temperature;
    // Subtracting the largest |G|/τ keeps every exponent ≤ 0, so no factor overflows however large G is.
    const float peak = grad.cwiseAbs().maxCoeff() * inv_tau;
    factors = (grad.array().abs() * inv_tau - peak).exp();
    factors *= n / factors.sum();
    grad.array() *= factors.array();
}

AttentionStats summarize_attention(ConstFloatMap factors) {
    AttentionStats s;
    const auto n = factors.size();
    if (n == 0) return s;
    s.min = factors.minCoeff();
    s.max = factors.maxCoeff();
    if (n == 1) return s;
    double h = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
        const double p = static_cast<double>(factors[i]) / static_cast<double>(n);
        if (p > 0.0) h -= p * std::log(p);
    }
    s.entropy = static_cast<float>(h / std::log(static_cast<double>(n)));
    return s;
}

} // namespace phasor
