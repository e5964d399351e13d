// Losses on the network output: softmax cross-entropy (on logits) and mean squared error (on activations).
#pragma once
#include "engine/core/activation.hpp"
#include "engine/core/tensor.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace phasor {

enum class Loss { CrossEntropy, MSE };

std::string_view to_string(Loss l);
std::optional<Loss> parse_loss(std::string_view name);
std::vector<std::string_view> loss_names();

// Cross-entropy of softmax(z) against class `label`: returns -log p_label and writes dL/dz = p - onehot.
// `p` receives the probabilities.
float softmax_cross_entropy(const Vec& z, int label, Vec& p, Vec& dz);
// The same, from the probabilities p = softmax(z) and the normaliser that softmax() returned with them.
float softmax_cross_entropy(const Vec& z, const Vec& p, SoftmaxNorm norm, int label, Vec& dz);
// ½·Σ(a - y)² against the one-hot target of `label`; writes dL/da = a - y.
float mse(const Vec& a, int label, Vec& da);

} // namespace phasor
