// Gradient attention: G ← G ⊙ N·softmax(|G|/τ) over one tensor of N entries, max-subtracted for stability.
// The factors sum to N, are positive (signs kept), grow with |G|, and tend to 1 as τ → ∞.
#pragma once
#include "engine/core/tensor.hpp"

namespace phasor {

struct AttentionStats {
    float min = 1.f, max = 1.f;
    float entropy = 1.f;  // entropy of softmax(|G|/τ) divided by log N: 1 means uniform (no re-weighting)
};

// Re-weights `grad` in place and writes the factors into `factors` (same size). Allocates nothing.
AttentionStats apply_gradient_attention(Eigen::Map<Eigen::VectorXf> grad, Eigen::Map<Eigen::VectorXf> factors,
                                        float temperature);

} // namespace phasor
