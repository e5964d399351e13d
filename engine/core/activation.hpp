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

} // namespace phasor
