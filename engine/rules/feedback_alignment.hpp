// The fixed random feedback of the feedback-alignment rules (gradient_rules.cpp), opened to the tests and
// the lens: what a rule carries the error down through in place of the transposed forward weights.
#pragma once
#include "engine/rules/learning_rule.hpp"

#include <span>

namespace phasor {

// Per layer, indexed by layer, empty (0 × 0) where the layer has none:
//   fa:  B_l (in_l × out_l) carries layer l's δ down to layer l−1 in place of W_lᵀ; layer 0 has none.
//   dfa: D_l (units_l × classes) carries the output's error e straight to hidden layer l; the output has
//   none.
// Writable so that a test can set them (B_l = W_lᵀ makes fa backprop). Throws std::invalid_argument for a
// rule that is neither.
std::span<Mat> feedback_matrices(LearningRule& rule);

} // namespace phasor
