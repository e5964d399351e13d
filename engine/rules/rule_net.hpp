// One learner of the rule lab: a minibatch MLP, the optimizer that steps it, and what every rule shares on
// top of the passes: gradient buffers a rule writes, per-layer learning rates, gradient accumulation over
// several steps, bf16 working weights with an fp32 master copy, and the count of weights each step changed.
#pragma once
#include "engine/batch/batch_mlp.hpp"
#include "engine/optim/optimizer.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace phasor {

struct RuleNetSpec {
    std::vector<int> sizes; // input, hidden..., classes
    Activation hidden = Activation::Relu;
    Init init = Init::He;
    int max_batch = 32;
    OptimizerSpec optimizer;
    float lr = 0.05f;
    // Layer l of L gets lr · decay^(L−1−l): the output layer learns at lr, each layer below it at `decay`
    // times the one above.
    float layer_lr_decay = 1.f;
    int accumulate = 1; // gradients of this many steps are averaged into one optimizer update
    bool bf16 = false;  // the passes see weights rounded to bfloat16; the optimizer updates an fp32 master
    // Gradient checkpointing: the forward pass keeps every k-th layer's values and a backward pass recomputes
    // the rest (BatchMlp::set_checkpoint_every); 1: every layer kept.
    int checkpoint_every = 1;
};

// Rounds to the nearest bfloat16 (ties to even), returned as the float it stands for; NaN stays NaN.
float round_bf16(float x);

class RuleNet {
  public:
    // Weights drawn from `init_rng` (two nets built from equal generators are equal).
    RuleNet(const RuleNetSpec& spec, Rng& init_rng);
    RuleNet(const RuleNet&) = delete;
    RuleNet& operator=(const RuleNet&) = delete;

    const RuleNetSpec& spec() const { return spec_; }
    BatchMlp& mlp() { return mlp_; }
    const BatchMlp& mlp() const { return mlp_; }
    std::size_t layers() const { return mlp_.layers().size(); }

    // The gradients a rule writes before step(): dL/dW and dL/db of each layer for the current step (sized
    // like the layer; the rule overwrites every entry, zeros where it has nothing).
    Mat& weight_grad(std::size_t layer) { return gW_[layer]; }
    Vec& bias_grad(std::size_t layer) { return gb_[layer]; }

    // Hands the gradients to the accumulation; every `accumulate`-th call the optimizer applies their mean at
    // each layer's rate and the working weights are refreshed (rounded for bf16). Returns whether an update
    // was applied. Counts, per layer, the weights and biases whose (mean) gradient entry was non-zero.
    bool step();
    // The same, for a rule that wrote gradients only in rows[l] of each layer l (a per-sample rule's notified
    // neurons): where zero gradients change nothing (plain SGD without momentum, weight decay or Lookahead;
    // no accumulation, no bf16) only those rows are visited, with the dense step's arithmetic; otherwise it
    // is step().
    bool step(std::span<const std::span<const int>> rows);
    // Weights and biases changed by applied updates so far, per layer.
    std::span<const std::int64_t> updates() const { return updates_; }
    // The same per neuron (row) of `layer`: its incoming weights and its bias; and the updates applied.
    const Eigen::Matrix<std::int64_t, Eigen::Dynamic, 1>& row_updates(std::size_t layer) const {
        return row_updates_[layer];
    }
    std::int64_t steps_applied() const { return steps_applied_; }

    // The learning rate of `layer` now.
    float layer_lr(std::size_t layer) const;
    // Live changes (checked by the family's table): the optimizer's hyper-parameters, lr, layer decay.
    void set_lr(float lr, float layer_lr_decay);
    void set_optimizer(const OptimizerSpec& spec) { optimizer_->set_hyper(spec); }
    Optimizer& optimizer() { return *optimizer_; }

    // The master weights (fp32; the same as the working ones unless bf16) for checkpoints and the lens.
    const Mat& master_weight(std::size_t layer) const;
    const Vec& master_bias(std::size_t layer) const;
    // Puts weights back (checkpoint restore): sets master and working copies, forgets optimizer state and
    // any partly accumulated gradient.
    void restore(std::span<const Mat> W, std::span<const Vec> b);

    // What training holds in memory as this net is set up: working weights (2 bytes each under bf16) plus the
    // master copy under bf16, gradients, the optimizer's state and the activations of a largest batch (those
    // the forward pass keeps: fewer under checkpointing).
    std::int64_t memory_bytes() const;
    bool finite() const;

  private:
    void refresh_working();
    bool rows_suffice() const;

    RuleNetSpec spec_;
    BatchMlp mlp_;
    std::unique_ptr<Optimizer> optimizer_;
    std::vector<Mat> gW_, sumW_, masterW_; // masters only under bf16
    std::vector<Vec> gb_, sumb_, masterb_;
    std::vector<int> slots_;
    std::vector<std::int64_t> updates_;
    std::vector<Eigen::Matrix<std::int64_t, Eigen::Dynamic, 1>> row_updates_;
    std::int64_t steps_applied_ = 0;
    int pending_ = 0; // steps accumulated since the last update
};

} // namespace phasor
