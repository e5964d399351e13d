// The rules' constructors, one per file that implements them; make_rule (learning_rule.cpp) picks by name.
#pragma once
#include "engine/rules/learning_rule.hpp"

namespace phasor {

std::unique_ptr<LearningRule> make_backprop_rule(); // gradient_rules.cpp
std::unique_ptr<LearningRule> make_topk_rule();     // gradient_rules.cpp
std::unique_ptr<LearningRule> make_feedback_alignment_rule(const RuleNet& net, Rng& rng,
                                                           bool direct);              // gradient_rules.cpp
std::unique_ptr<LearningRule> make_threshold_rule(const RuleNet& net);                // threshold_rule.cpp
std::unique_ptr<LearningRule> make_forward_forward_rule(const RuleNet& net, Rng rng); // forward_forward.cpp

} // namespace phasor
