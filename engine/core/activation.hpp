// Element-wise activation functions and their derivatives, evaluated from the pre-activation z.
#pragma once
#include "engine/core/tensor.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace phasor {

enum class Activation { Identity, Relu, LeakyRelu, Tanh, Sigmoid, Softmax };

inline constexpr float kLeakySlope = 0.01f;

std::string_view to_string(Activation a);
std::optional<Activation> parse_activation(std::string_view name);
std::vector<std::string_view> activation_names();

// a = f(z). Softmax is taken over the whole vector, max-subtracted.
void activate(Activation f, const Vec& z, Vec& a);

// What normalised a softmax: the largest entry of z and the sum of exp(z − max). Kept so that cross-entropy
// on the same output need not compute the exponentials again.
struct SoftmaxNorm {
    float max = 0.f;
    float sum = 1.f;
};
// a = softmax(z), returning its normaliser. The same arithmetic as activate(Activation::Softmax, ...).
SoftmaxNorm softmax(const Vec& z, Vec& a);

// d = f'(z) ⊙ upstream. Softmax is only used together with cross-entropy, whose gradient folds it in, so
// asking for its element-wise derivative is a programming error.
void activation_backward(Activation f, const Vec& z, const Vec& a, const Vec& upstream, Vec& d);

// The element-wise activations on any Eigen expression, a sample's vector or a batch's matrix (one column per
// sample), so every network computes them alike. Softmax is not element-wise: the callers handle it.
template <class Z, class A> void activate_elementwise(Activation f, const Z& z, A&& a) {
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
        break;
    }
}

// d = f'(z) ⊙ upstream, element-wise (d may be upstream itself). Softmax, again, is the callers'.
template <class Z, class A, class U, class D>
void derivative_elementwise(Activation f, const Z& z, const A& a, const U& upstream, D&& d) {
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
    case Activation::Softmax:
        break;
    }
}

} // namespace phasor
