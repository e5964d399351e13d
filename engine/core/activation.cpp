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
    if (f == Activation::Softmax)
        softmax(z, a);
    else
        activate_elementwise(f, z, a);
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
    if (f == Activation::Softmax) {
        // Full Jacobian-vector product, so that a softmax layer is still correct outside cross-entropy.
        float dot = a.dot(upstream);
        d = a.array() * (upstream.array() - dot);
        return;
    }
    derivative_elementwise(f, z, a, upstream, d);
}

} // namespace phasor
