// Forward-forward (Hinton 2022): each hidden layer learns on its own to give high goodness to real data (the
// input with its true label embedded) and low goodness to negative data (the same input with a wrong label),
// with no error passing between layers. Declared here (rather than only behind make_rule) so tests can check
// the embedding, the goodness and the objective's gradient on their own.
//
// Choices: goodness is the mean over a layer's units of h² (so θ = ff_threshold is per unit and does not
// depend on the layer's width); a layer's input is the activity below normalized to unit length
// h/(‖h‖ + kFfEpsilon) (the first layer sees the embedded input as it is); prediction sums the goodness of
// every hidden layer (Hinton leaves out the first; our nets are shallow, one or two hidden layers, where the
// first layer carries much of the label's evidence). The output layer is left alone (zero gradients).
#pragma once
#include "engine/rules/learning_rule.hpp"

#include <cstdint>
#include <vector>

namespace phasor {

inline constexpr float kFfEpsilon = 1e-6f;

class ForwardForwardRule final : public LearningRule {
  public:
    // Throws InputError when the net has no hidden layer, fewer than 2 classes or fewer inputs than classes.
    ForwardForwardRule(const RuleNet& net, Rng rng);

    float train(RuleNet& net, const CMatRef& X, std::span<const std::int32_t> labels,
                std::span<LayerCounts> counts, int* correct) override;
    void predict(RuleNet& net, const CMatRef& X, std::span<std::int32_t> classes) override;

    // X (in × B) with the first `classes` inputs replaced by a one-hot of each sample's label, the hot value
    // being max(1, the sample's largest input) so the label is never fainter than the image it rides on.
    static void embed(const CMatRef& X, std::span<const std::int32_t> labels, int classes, MatBlock out);
    // The goodness of every hidden layer (rows) for each column of already embedded inputs E (in × B, B ≤ 2 ×
    // max batch), into G (hidden layers × B).
    void goodness(RuleNet& net, const CMatRef& E, MatBlock G);
    // The objective on positive data (X, labels) and negative data (X, negatives): the mean over the hidden
    // layers of each layer's batch-mean softplus(θ − g_pos) + softplus(g_neg − θ). Writes each hidden layer's
    // gradient of its own loss into net.weight_grad/bias_grad (zero for the output layer); does not step.
    float objective(RuleNet& net, const CMatRef& X, std::span<const std::int32_t> labels,
                    std::span<const std::int32_t> negatives);
    // The negative labels of the last train() (one per sample).
    std::span<const std::int32_t> negatives() const {
        return {neg_.data(), static_cast<std::size_t>(n_neg_)};
    }

  private:
    // Runs the hidden layers on the first `cols` columns of E_ (filled by the caller).
    void pass(RuleNet& net, Eigen::Index cols);

    Rng rng_;
    int classes_;
    std::size_t hidden_;
    Mat E_;                      // embedded inputs, in × 2·max batch: positives first, then negatives
    std::vector<Mat> U_, Z_, H_; // per hidden layer: its input (normalized activity below), z, h
    Mat D_;                      // per hidden layer scratch: dL/dz
    Mat G_;                      // goodness per label (classes × max batch) while predicting
    std::vector<std::int32_t> neg_, fill_, pred_;
    int n_neg_ = 0;
};

} // namespace phasor
