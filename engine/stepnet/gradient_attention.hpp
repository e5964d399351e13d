// Gradient attention: G ← G ⊙ N·softmax(|G|/τ) over one tensor of N entries, max-subtracted for stability.
// The factors sum to N, are positive (signs kept), grow with |G|, and tend to 1 as τ → ∞.
#pragma once
#include "engine/core/tensor.hpp"

#include <span>

namespace phasor {

using FloatMap = Eigen::Map<Eigen::VectorXf>;
using ConstFloatMap = Eigen::Map<const Eigen::VectorXf>;

struct AttentionStats {
    float min = 1.f, max = 1.f;
    float entropy = 1.f; // entropy of softmax(|G|/τ) divided by log N: 1 means uniform (no re-weighting)
};

// Re-weights `grad` in place and writes the factors into `factors` (same size). Allocates nothing.
void apply_gradient_attention(std::span<float> grad, std::span<float> factors, float temperature);
// The same, given the largest |G| (saves a pass when the caller knows it).
void apply_gradient_attention(std::span<float> grad, std::span<float> factors, float temperature,
                              float largest);
// The same bits written to `out`, leaving `grad` as it was (so that what attention changed can be measured).
void apply_gradient_attention(std::span<const float> grad, std::span<float> out, std::span<float> factors,
                              float temperature);
// A dense layer's weight gradient G = δ xᵀ (δ.size() × x.size(), column-major, written to `grad`),
// re-weighted: the same bits as kernels::outer followed by apply_gradient_attention, in fewer passes.
void outer_with_attention(std::span<const float> delta, std::span<const float> x, std::span<float> grad,
                          std::span<float> factors, float temperature);

// How much the re-weighting changed a gradient: ‖after − before‖ / ‖before‖ (0 for a zero gradient).
float attention_effect(std::span<const float> before, std::span<const float> after);
// The same for a weight gradient before = δ xᵀ (column-major, as Eigen stores it), given as δ and x.
float attention_effect(std::span<const float> delta, std::span<const float> x, std::span<const float> after);

// Summary of one tensor's factors; computed only when telemetry asks, since the entropy costs a log per
// entry.
AttentionStats summarize_attention(ConstFloatMap factors);

} // namespace phasor
