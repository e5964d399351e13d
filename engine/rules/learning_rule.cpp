// The rules by name, the prediction most rules share, and the true gradient the lens compares against.
#include "engine/rules/learning_rule.hpp"

#include "engine/core/error.hpp"
#include "engine/rules/rule_factories.hpp"

#include <array>
#include <fmt/format.h>

namespace phasor {

std::span<const std::string_view> rule_names() {
    static constexpr std::array<std::string_view, 6> names{"backprop", "topk",      "fa",
                                                           "dfa",      "threshold", "ff"};
    return names;
}

void check_checkpointing(std::string_view rule, int checkpoint_every) {
    // threshold and ff read every layer's activations after the forward pass: nothing recalls them.
    if (checkpoint_every > 1 && (rule == "threshold" || rule == "ff"))
        throw InputError(fmt::format("train.checkpoint_every: rule '{}' has no backward pass to recompute "
                                     "activations for (checkpointing is for backprop, topk, fa and dfa)",
                                     rule));
}

std::unique_ptr<LearningRule> make_rule(std::string_view name, const RuleNet& net,
                                        const RuleSettings& settings, Rng rng) {
    std::unique_ptr<LearningRule> rule;
    if (name == "backprop") rule = make_backprop_rule();
    if (name == "topk") rule = make_topk_rule();
    if (name == "fa") rule = make_feedback_alignment_rule(net, rng, false);
    if (name == "dfa") rule = make_feedback_alignment_rule(net, rng, true);
    if (name == "threshold") rule = make_threshold_rule(net);
    if (name == "ff") rule = make_forward_forward_rule(net, rng);
    if (rule) check_checkpointing(name, net.spec().checkpoint_every);
    if (!rule) {
        std::string known;
        for (std::string_view n : rule_names()) known += fmt::format("{}{}", known.empty() ? "" : ", ", n);
        throw InputError(fmt::format("unknown rule '{}' (known: {})", name, known));
    }
    rule->set(settings);
    return rule;
}

void LearningRule::predict(RuleNet& net, const CMatRef& X, std::span<std::int32_t> classes) {
    const MatBlock out = net.mlp().forward(X);
    for (Eigen::Index c = 0; c < out.cols(); ++c) {
        Eigen::Index best = 0;
        out.col(c).maxCoeff(&best);
        classes[static_cast<std::size_t>(c)] = static_cast<std::int32_t>(best);
    }
}

void backprop_gradient(RuleNet& net, const CMatRef& X, std::span<const std::int32_t> labels,
                       std::vector<Mat>& gW, std::vector<Vec>& gb, Mat& P, Mat& dZ) {
    BatchMlp& mlp = net.mlp();
    mlp.forward(X);
    const auto B = X.cols();
    softmax_cross_entropy(mlp.logits(), labels.first(static_cast<std::size_t>(B)), P.leftCols(B),
                          dZ.leftCols(B));
    mlp.backward(X, dZ.leftCols(B), false);
    for (std::size_t l = 0; l < net.layers(); ++l) {
        gW[l] = mlp.weight_grad(l);
        gb[l] = mlp.bias_grad(l);
    }
}

} // namespace phasor
