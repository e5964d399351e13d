// Activation functions, written as Eigen array expressions so that they vectorise.
#include "engine/core/activation.hpp"

#include "engine/core/enum_names.hpp"

#include <cassert>

namespace phasor {

namespace {
constexpr std::array<EnumName<Activation>, 6> kActivationNames{{{Activation::Identity, "identity"},
                                                                {Activation::Relu, "relu"},
                                                                {Activation::LeakyRelu, "leaky_relu"},
                                                                {Activation::Tanh, "tanh"},
                                                                {Activation::Sigmoid, "sigmoid"},
                                                                {Activation::Softmax, "softmax"}}};
} // namespace

std::string_view to_string(Activation a) {
    return name_of(kActivationNames, a);
}
std::optional<Activation> parse_activation(std::string_view name) {
    return value_named(kActivationNames, name);
}
std::vector<std::string_view> activation_names() {
    return names_of(kActivationNames);
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
    case Activation::Softmax:
        softmax(z, a);
        break;
    }
}

SoftmaxNorm softmax(const Vec& z, Vec& a) {
    SoftmaxNorm norm;
    norm.max = z.maxCoeff();
    a = (z.array() - norm.max).exp();
    norm.sum = a.sum();
    a /= norm.sum;
    return norm;
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
