// A multilayer perceptron trained on minibatches, shared by the families that learn from data sets (the
// decoupled components' local networks and their synthetic-input models, the baselines): activations are
// matrices with one column per sample, so each layer's forward and backward pass is one matrix product over
// the batch. Buffers are sized once for the largest batch, and a shorter batch works in their first columns,
// so training allocates nothing.
#pragma once
#include "engine/core/activation.hpp"
#include "engine/core/dense.hpp"
#include "engine/core/rng.hpp"
#include "engine/core/tensor.hpp"

#include <span>
#include <vector>

namespace phasor {

class Optimizer;

using MatBlock = Eigen::Block<Mat, Eigen::Dynamic, Eigen::Dynamic, true>;
using MatView = Eigen::Map<Mat>; // a layer's out × B values in a buffer that may be shared and wider
using CMatRef = Eigen::Ref<const Mat>;

struct BatchLayer {
    Mat W; // out × in
    Vec b;
    Activation f = Activation::Identity;
    int in() const { return static_cast<int>(W.cols()); }
    int out() const { return static_cast<int>(W.rows()); }
};

class BatchMlp {
  public:
    // sizes: input, hidden..., output; `hidden` for every layer but the last, `output` for the last (Softmax
    // for a classifier trained with cross-entropy, Identity for a regression). Weights drawn from `rng`.
    BatchMlp(std::span<const int> sizes, Activation hidden, Activation output, Init init, Rng& rng,
             int max_batch);

    int in() const { return layers_.front().in(); }
    int out() const { return layers_.back().out(); }
    int max_batch() const { return max_batch_; }
    std::span<BatchLayer> layers() { return layers_; }
    std::span<const BatchLayer> layers() const { return layers_; }
    std::int64_t parameter_count() const;

    // X: in × B with B ≤ max_batch. Returns the output activations (out × B), valid until the next call.
    MatBlock forward(const CMatRef& X);
    // The pre-activations of the last forward's output layer (out × B): the logits for cross-entropy.
    MatBlock logits();
    // From dL/dz of the output layer (out × B, for the last forward's batch): every layer's gradient, and
    // when `input_grad` is set dL/dX (in × B, see input_grad()). Uses the X of the last forward.
    void backward(const CMatRef& X, const CMatRef& dz_out, bool input_grad);
    // From dL/da of the output (a component whose output another consumes); the output activation must not
    // be Softmax.
    void backward_from_output(const CMatRef& X, const CMatRef& da_out, bool input_grad);
    MatBlock input_grad();
    // The last forward's pre-activations and activations of `layer` (out × B), for rules that compute their
    // own backward passes. Under checkpointing, call recall(layer, X) first.
    MatView pre_activation(std::size_t layer) { return view(z_, layer); }
    MatView activation(std::size_t layer) { return view(a_, layer); }

    // Gradient checkpointing: with `every` = k ≥ 2 the forward pass keeps the values of every k-th layer
    // (and the output's) and the layers between share k − 1 buffers, which a backward pass refills segment
    // by segment from the checkpoint below: memory for about L/k + k layers instead of L, for one more
    // forward pass through the dropped layers. 1: every layer kept. Allocates; not for a hot loop.
    void set_checkpoint_every(int every);
    int checkpoint_every() const { return checkpoint_every_; }
    bool is_checkpoint(std::size_t layer) const;
    // Makes `layer`'s values of the last forward current again, recomputing its segment from the checkpoint
    // below (X is the last forward's input). Costs nothing when they are.
    void recall(std::size_t layer, const CMatRef& X);
    // Floats the forward pass's pre-activations and activations occupy for a largest batch.
    std::int64_t activation_floats() const;
    // While set, backward adds to the gradients instead of replacing them, so several backward passes (a
    // component's own loss and the gradients its parents sent) make one step.
    void set_accumulate(bool accumulate) { accumulate_ = accumulate; }
    const Mat& weight_grad(std::size_t layer) const { return gW_[layer]; }
    const Vec& bias_grad(std::size_t layer) const { return gb_[layer]; }

    // Registers every weight (decaying) and bias (not) with `optimizer`; then step() applies the gradients
    // of the last backward.
    void attach(Optimizer& optimizer);
    void step(Optimizer& optimizer, float lr);

  private:
    void backward_layers(const CMatRef& X, int batch, bool input_grad);
    MatView view(std::vector<Mat>& buffers, std::size_t layer) {
        return {buffers[slot_[layer]].data(), layers_[layer].out(), batch_};
    }
    void forward_layer(std::size_t layer, const CMatRef& X);

    std::vector<BatchLayer> layers_;
    int max_batch_;
    int batch_ = 0;
    bool accumulate_ = false;
    int checkpoint_every_ = 1;
    std::vector<std::size_t> slot_; // layer → its buffer in z_ and a_ (shared between segments when dropped)
    std::size_t held_segment_ = 0;  // the first layer of the segment whose values the shared buffers hold
    std::vector<Mat> z_, a_;        // per buffer, widest user × max_batch
    std::vector<Mat> delta_;        // per layer, out × max_batch
    std::vector<Mat> gW_;
    std::vector<Vec> gb_;
    Mat dx_; // in × max_batch
    std::vector<int> slots_;
};

// Mean softmax cross-entropy of the logits Z (classes × B) against `labels`; writes the probabilities into P
// and dL/dZ = (P − onehot)/B into dZ (both classes × B, preallocated). Counts the correct argmaxes in
// `correct` when given.
float softmax_cross_entropy(const CMatRef& Z, std::span<const std::int32_t> labels, MatBlock P, MatBlock dZ,
                            int* correct = nullptr);
// Mean over the batch of ½‖A − T‖²; writes dL/dA = (A − T)/B.
float mean_squared_error(const CMatRef& A, const CMatRef& T, MatBlock dA);

} // namespace phasor
