// How a learner turns a batch into weight changes: the rule is the variable of the rule lab. Each rule is a
// value over a RuleNet (backprop, top-k sparse backprop, feedback alignment, direct feedback alignment,
// threshold-fired accumulation, forward-forward); `make_rule` builds one by name.
#pragma once
#include "engine/core/rng.hpp"
#include "engine/rules/rule_net.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace phasor {

enum class ThresholdScale {
    Absolute, // a connection fires when |accumulated| ≥ T
    Relative, // ... ≥ T × the layer's running RMS of the shares connections receive (one scale per layer)
};
enum class Accumulation {
    Plain,    // acc += share
    Momentum, // acc = β·acc + share (β = accumulation_decay); like plain, reset when the connection fires
    Decaying, // acc = γ·acc + share, and what never adds up to T fades away (γ = accumulation_decay)
};

// The settings rules read; all live. A rule ignores those that are not its own.
struct RuleSettings {
    float threshold = 1e-3f; // T
    // T per layer (input side first), replacing `threshold` when not empty; under Relative, each multiplies
    // its layer's running scale.
    std::vector<float> layer_thresholds;
    ThresholdScale threshold_scale = ThresholdScale::Absolute;
    Accumulation accumulation = Accumulation::Plain;
    float accumulation_decay = 0.9f;
    float topk = 0.1f;        // top-k: the fraction of each layer's errors kept per sample (largest |δ|)
    float ff_threshold = 2.f; // forward-forward: the goodness (mean squared activity of a layer) threshold θ

    float threshold_of(std::size_t layer) const {
        return layer_thresholds.empty() ? threshold : layer_thresholds[layer];
    }
};

// Per layer (output layer last): what a rule did on the steps it took.
struct LayerCounts {
    std::int64_t notifications = 0; // connections told of an error (woken): dense rules wake every one
    std::int64_t fired = 0;         // connections whose weight the rule changed (threshold: those past T)
};

class LearningRule {
  public:
    virtual ~LearningRule() = default;
    // One training step on X (in × B, B ≤ net's max batch) and `labels`: computes the rule's gradients into
    // net.weight_grad/bias_grad and calls net.step() (a per-sample rule may step per sample). Adds to
    // counts[l] per layer. Returns the batch's mean loss (cross-entropy of the outputs; forward-forward: its
    // own objective) and writes the number of correct predictions made on the way to *correct. Allocates
    // nothing once warm.
    virtual float train(RuleNet& net, const CMatRef& X, std::span<const std::int32_t> labels,
                        std::span<LayerCounts> counts, int* correct) = 0;
    // The classes the learner predicts for X (argmax of the outputs; forward-forward: the label whose
    // goodness is largest). Allocates nothing once warm for B ≤ max batch.
    virtual void predict(RuleNet& net, const CMatRef& X, std::span<std::int32_t> classes);
    // Takes the settings (at build and after each live change).
    virtual void set(const RuleSettings& settings) { settings_ = settings; }
    // Forgets state kept between steps (accumulators, running scales), after a checkpoint restore.
    virtual void clear_state() {}
    // Bytes the rule keeps beside the net (accumulators, feedback matrices).
    virtual std::int64_t state_bytes() const { return 0; }

  protected:
    RuleSettings settings_;
};

std::span<const std::string_view> rule_names(); // backprop, topk, fa, dfa, threshold, ff
// Throws InputError, naming train.checkpoint_every, for a rule that cannot train a checkpointed net.
void check_checkpointing(std::string_view rule, int checkpoint_every);
// `rng` draws what the rule fixes at build (feedback matrices) and what it draws while training (negative
// labels). Throws InputError for an unknown name, and for threshold or ff on a checkpointed net (they read
// every layer's activations after the forward pass; see check_checkpointing).
std::unique_ptr<LearningRule> make_rule(std::string_view name, const RuleNet& net,
                                        const RuleSettings& settings, Rng rng);

// The true backprop gradient of the mean cross-entropy at the net's current (working) weights on X, labels,
// into gW/gb (sized like the layers), leaving the net's weights and gradient buffers alone. For the
// credit-assignment lens.
void backprop_gradient(RuleNet& net, const CMatRef& X, std::span<const std::int32_t> labels,
                       std::vector<Mat>& gW, std::vector<Vec>& gb, Mat& P, Mat& dZ);

} // namespace phasor
