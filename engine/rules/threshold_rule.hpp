// Threshold-fired accumulation ("backprop without synchronization"): a rule in which no layer waits for a
// whole backward pass. Errors travel as events: a neuron with an error notifies its input connections, each
// connection accumulates its share of the gradient, and only a connection whose accumulator reaches the
// threshold changes its weight and passes credit on to its source neuron. Neurons that hear nothing stay
// silent, so backprop thins out as it goes down. Declared here (rather than only behind make_rule) so tests
// and the lens can read the accumulators and the running scales.
#pragma once
#include "engine/rules/learning_rule.hpp"

#include <cstdint>
#include <vector>

namespace phasor {

// ThresholdScale::Relative: the weight each sample's mean share² gets in a layer's running mean (an
// exponential mean over roughly the last 1/rate = 100 samples the layer was notified on). The first sample a
// layer hears sets the mean outright, so the scale never starts from zero.
inline constexpr float kThresholdScaleRate = 0.01f;

class ThresholdRule final : public LearningRule {
  public:
    explicit ThresholdRule(const RuleNet& net);

    float train(RuleNet& net, const CMatRef& X, std::span<const std::int32_t> labels,
                std::span<LayerCounts> counts, int* correct) override;
    void clear_state() override;
    std::int64_t state_bytes() const override;

    // The accumulator of connection (j ← i) of `layer` now (under Decaying, with the fading since it was last
    // notified applied), and of neuron j's bias.
    float accumulator(std::size_t layer, int j, int i) const;
    float bias_accumulator(std::size_t layer, int j) const;
    // The layer's running RMS of shares (0 before the layer heard anything); Relative thresholds scale by it.
    float scale(std::size_t layer) const;

  private:
    // Fades row j of `layer` to the current sample (Decaying only) so the rows nobody notifies cost nothing.
    void catch_up(std::size_t layer, int j);
    float fade(std::size_t layer, int j) const;

    // Per layer, in × out: column j holds neuron j's input connections, contiguous, since a notified neuron
    // walks all of them.
    std::vector<Mat> acc_;
    std::vector<Vec> acc_b_;
    // Per layer and neuron: the sample up to which its accumulators have faded (Decaying).
    std::vector<std::vector<std::int64_t>> faded_to_;
    std::vector<float> mean_sq_; // per layer: running mean of share²; negative until the layer hears a share
    std::int64_t sample_ = 0;    // samples trained on since the state was cleared

    // Scratch, sized at build: the output's probabilities and dL/dz, each layer's errors, the credit its
    // neurons received, whether they received any, and the neurons with an error (active) this sample.
    Mat P_, dZ_;
    std::vector<Vec> delta_, credit_;
    std::vector<std::vector<char>> heard_;
    std::vector<std::vector<int>> active_;
    std::vector<int> n_active_;
    std::vector<std::span<const int>> written_; // per layer: the rows whose gradients this sample wrote
};

} // namespace phasor
