// Activation functions, written as Eigen array expressions so that they vectorise.
#include "engine/core/activation.hpp"

#include <cassert>

namespace phasor {

std::string_view to_string(Activation a) {
    switch (a) {
    case Activation::Identity:
        return "identity";
    case Activation::Relu:
        return "relu";
    case Activation::LeakyRelu:
        return "leaky_relu";
    case Activation::Tanh:
        return "tanh";
    case Activation::Sigmoid:
        return "sigmoid";
    case Activation::Softmax:
        return "softmax";
    }
    return "?";
}

std::optional<Activation> parse_activation(std::string_view name) {
    for (auto a : {Activation::Identity, Activation::Relu, Activation::LeakyRelu, Activation::Tanh,
                   Activation::Sigmoid, Activation::Softmax})
        if (to_string(a) == name) return a;
    return std::nullopt;
}

void activate(Activation f, const Vec& z, Vec& a) {
    switch (f) {
    case Activation::Identity:
        a = z;
        break;
    case Activation::Relu:
        a = z.array().max(0.f);
        break;
    case Activation::LeakyRelu:
        a = (z.array() > 0.f).select(z.array(), kLeakySlope * z.array());
        break;
    case Activation::Tanh:
        a = z.array().tanh();
        break;
    case Activation::Sigmoid:
        a = (1.f + (-z.array()).exp()).inverse();
        break;
    case Activation::Softmax: {
        a = (z.array() - z.maxCoeff()).exp();
        a /= a.sum();
        break;
    }
    }
}

void activation_backward(Activation f, const Vec& z, const Vec& a, const Vec& upstream, Vec& d) {
    switch (f) {
    case Activation::Identity:
        d = upstream;
        break;
    case Activation::Relu:
        d = (z.array() > 0.f).select(upstream.array(), 0.f);
        break;
    case Activation::LeakyRelu:
        d = (z.array() > 0.f).select(upstream.array(), kLeakySlope * upstream.array());
        break;
    case Activation::Tanh:
        d = upstream.array() * (1.f - a.array().square());
        break;
    case Activation::Sigmoid:
        d = upstream.array() * a.array() * (1.f - a.array());
        break;
    case Activation::Softmax: {
        // Full Jacobian-vector product, so that a softmax layer is still correct outside cross-entropy.
        float dot = a.dot(upstream);
        d = a.array() * (upstream.array() - dot);
        break;
    }
    }
}

} // namespace phasor
