// Helpers shared by the stepped-network tests: small configs and a plain per-sample backprop to compare with.
#pragma once
#include "engine/core/dense.hpp"
#include "engine/core/loss.hpp"
#include "engine/stepnet/stepnet.hpp"
#include "support/stepnet_support.hpp"

#include <vector>

namespace phasor::testing {

// A config whose updates are too small to change a float weight: the network stays put while gradients are
// computed, so they can be compared exactly with backprop on fixed weights.
inline StepNetConfig frozen_config(std::vector<int> layers, std::vector<Activation> acts, BackwardMode mode,
                                   int hold_ticks) {
    StepNetConfig c;
    c.task = {.name = "lowhighmix", .hold_ticks = hold_ticks};
    c.layers = std::move(layers);
    c.activations = std::move(acts);
    c.backward = mode;
    c.attention = false;
    c.schedule = {.kind = ScheduleKind::Constant, .lr = 1e-30f};
    c.seed = 3;
    return c;
}

struct Gradients {
    std::vector<Mat> w;
    std::vector<Vec> b;
};

// Ordinary backprop of one sample through `layers` (softmax cross-entropy output).
inline Gradients reference_backprop(const std::vector<DenseLayer>& layers, const Vec& x, int label) {
    const std::size_t n = layers.size();
    std::vector<Vec> z(n), a(n);
    for (std::size_t l = 0; l < n; ++l) layers[l].forward(l == 0 ? x : a[l - 1], z[l], a[l]);
    Gradients g{std::vector<Mat>(n), std::vector<Vec>(n)};
    Vec p, delta, up;
    softmax_cross_entropy(z.back(), label, p, delta);
    for (std::size_t l = n; l-- > 0;) {
        if (l + 1 < n) {
            Vec d;
            activation_backward(layers[l].f, z[l], a[l], up, d);
            delta = d;
        }
        Vec dx;
        layers[l].backward_from_delta(l == 0 ? x : a[l - 1], delta, g.w[l], g.b[l], &dx);
        up = dx;
    }
    return g;
}

inline float max_difference(const StepNet& net, const Gradients& g) {
    float worst = 0.f;
    for (int l = 0; l < net.layer_count(); ++l) {
        worst = std::max(worst,
                         (net.weight_gradient(l) - g.w[static_cast<std::size_t>(l)]).cwiseAbs().maxCoeff());
        worst =
            std::max(worst, (net.bias_gradient(l) - g.b[static_cast<std::size_t>(l)]).cwiseAbs().maxCoeff());
    }
    return worst;
}

} // namespace phasor::testing
