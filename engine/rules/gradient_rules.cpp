// The rule lab's gradient rules: the rules that send an error backwards through the net and differ only in
// how. All four share one pass here, so that what tells them apart is the one line that carries δ down:
//   backprop  δ_{l−1} = f'(z_{l−1}) ⊙ (W_lᵀ δ_l), the true gradient of the batch's mean cross-entropy;
//   topk      the same, but each layer's δ (the output's included) keeps only its k = max(1,
//   round(topk·units))
//             largest |δ| per sample, the rest set to 0 before the layer's gradient and before passing down
//             (meProp, Sun et al. 2017);
//   fa        δ_{l−1} = f'(z_{l−1}) ⊙ (B_l δ_l), B_l a fixed random in_l × out_l matrix (feedback alignment,
//             Lillicrap et al. 2016);
//   dfa       δ_l = f'(z_l) ⊙ (D_l e) at every hidden layer, e = (P − onehot)/B the output's dL/dz and D_l a
//             fixed random units_l × classes matrix (direct feedback alignment, Nøkland 2016).
// Every rule's output layer gets e (topk: e sparsified), and every layer's gradient is δ_l a_{l−1}ᵀ and Σ
// δ_l.
//
// The feedback matrices are drawn once at build from the rule's Rng, like the forward weights they stand in
// for under the net's init: fa's B_l as W_lᵀ is (He: normal, stddev sqrt(2/in_l); Xavier: uniform
// ±sqrt(6/(in_l+out_l))), so that at the start the error passed down has backprop's scale; dfa's D_l as the
// weights of a layer from the classes to layer l (He: stddev sqrt(2/classes); Xavier:
// ±sqrt(6/(classes+units_l))).
//
// Counts, per layer and step, with a neuron's bias as one more connection (from a constant 1), as the
// threshold and forward-forward rules count:
//   notifications  out_l·(in_l + 1)·B: every connection is told the error of every sample; topk:
//                  k_l·(in_l + 1)·B, only the connections of the units a sample kept;
//   fired          the non-zero entries of the layer's weight and bias gradients this step: the connections
//                  the rule asks to change. Under accumulation the change may be applied a
//                  few steps later, and a stateful optimizer may move the others too; RuleNet::updates()
//                  counts what the applied updates touched.
//
// All four work under gradient checkpointing (RuleNetSpec::checkpoint_every): each layer's values are
// recalled on the way down, which recomputes a dropped segment once from the checkpoint below it.
//
// Buffers are sized for the net's largest batch (fa/dfa at build, backprop/topk on their first step, whose
// factories do not see the net); a shorter batch works in their first columns, so a warm step allocates
// nothing.
#include "engine/rules/feedback_alignment.hpp"
#include "engine/rules/rule_factories.hpp"

#include "engine/core/dense.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace phasor {

namespace {

enum class Feedback {
    Transpose, // W_lᵀ: backprop and topk
    Fixed,     // B_l: fa
    Direct,    // D_l from the output: dfa
};

class GradientRule final : public LearningRule {
  public:
    GradientRule(Feedback feedback, bool sparse) : feedback_(feedback), sparse_(sparse) {}

    // Draws the fixed feedback of fa/dfa for `net` and sizes the buffers.
    void build(const RuleNet& net, Rng& rng) {
        const std::span<const BatchLayer> layers = net.mlp().layers();
        const std::size_t L = layers.size();
        const Init init = net.spec().init;
        feedback_matrices_.assign(L, Mat());
        if (feedback_ == Feedback::Fixed) {
            for (std::size_t l = 1; l < L; ++l) {
                DenseLayer like(layers[l].in(), layers[l].out(), Activation::Identity);
                like.initialise(init, rng);
                feedback_matrices_[l] = like.W.transpose();
            }
        } else if (feedback_ == Feedback::Direct) {
            const int classes = layers.back().out();
            for (std::size_t l = 0; l + 1 < L; ++l) {
                DenseLayer like(classes, layers[l].out(), Activation::Identity);
                like.initialise(init, rng);
                feedback_matrices_[l] = std::move(like.W);
            }
        }
        size_for(net.mlp());
    }

    float train(RuleNet& net, const CMatRef& X, std::span<const std::int32_t> labels,
                std::span<LayerCounts> counts, int* correct) override {
        BatchMlp& mlp = net.mlp();
        size_for(mlp);
        const std::size_t L = net.layers();
        assert(counts.size() >= L);
        assert(feedback_ == Feedback::Transpose || feedback_matrices_.size() == L);
        const Eigen::Index B = X.cols();
        const auto batch = static_cast<std::int64_t>(B);

        mlp.forward(X);
        MatBlock e = delta_[L - 1].leftCols(B);
        const float loss = softmax_cross_entropy(mlp.logits(), labels.first(static_cast<std::size_t>(B)),
                                                 P_.leftCols(B), e, correct);

        for (std::size_t l = L; l-- > 0;) {
            const BatchLayer& layer = mlp.layers()[l];
            MatBlock d = delta_[l].leftCols(B);
            // Under gradient checkpointing the layers between checkpoints are recomputed here, going down.
            mlp.recall(l, X);
            if (l > 0) mlp.recall(l - 1, X);
            // dfa's hidden errors all come from the output's e, which dfa never sparsifies.
            if (feedback_ == Feedback::Direct && l + 1 < L) {
                d.noalias() = feedback_matrices_[l] * e;
                derivative_elementwise(layer.f, mlp.pre_activation(l), mlp.activation(l), d, d);
            }
            int kept = layer.out();
            if (sparse_) {
                kept = kept_units(layer.out());
                if (kept < layer.out()) keep_largest(d, kept);
            }
            // The same expressions as BatchMlp's backward, so that backprop here is its gradient bit for bit.
            const auto& below_a = l == 0 ? X : CMatRef(mlp.activation(l - 1));
            Mat& gW = net.weight_grad(l);
            gW.noalias() = d * below_a.transpose();
            net.bias_grad(l) = d.rowwise().sum();
            counts[l].notifications += static_cast<std::int64_t>(kept) * (layer.in() + 1) * batch;
            counts[l].fired += (gW.array() != 0.f).count() + (net.bias_grad(l).array() != 0.f).count();

            if (l == 0 || feedback_ == Feedback::Direct) continue;
            MatBlock below = delta_[l - 1].leftCols(B);
            if (feedback_ == Feedback::Transpose)
                below.noalias() = layer.W.transpose() * d;
            else
                below.noalias() = feedback_matrices_[l] * d;
            derivative_elementwise(mlp.layers()[l - 1].f, mlp.pre_activation(l - 1), mlp.activation(l - 1),
                                   below, below);
        }
        net.step();
        return loss;
    }

    std::int64_t state_bytes() const override {
        std::int64_t floats = 0;
        for (const Mat& m : feedback_matrices_) floats += m.size();
        return floats * static_cast<std::int64_t>(sizeof(float));
    }

    std::span<Mat> feedback_matrices() { return feedback_matrices_; }
    Feedback feedback() const { return feedback_; }

  private:
    // Sized once per net shape: a no-op on every warm step.
    void size_for(const BatchMlp& mlp) {
        const std::span<const BatchLayer> layers = mlp.layers();
        bool fits = delta_.size() == layers.size() && P_.rows() == mlp.out() && P_.cols() == mlp.max_batch();
        for (std::size_t l = 0; fits && l < layers.size(); ++l)
            fits = delta_[l].rows() == layers[l].out() && delta_[l].cols() == mlp.max_batch();
        if (fits) return;
        delta_.clear();
        int widest = 0;
        for (const BatchLayer& layer : layers) {
            delta_.emplace_back(layer.out(), mlp.max_batch());
            widest = std::max(widest, layer.out());
        }
        P_.resize(mlp.out(), mlp.max_batch());
        order_.resize(static_cast<std::size_t>(widest));
    }

    int kept_units(int units) const {
        const auto k = static_cast<int>(std::lround(settings_.topk * static_cast<float>(units)));
        return std::clamp(k, 1, units);
    }

    // Zeroes all but the k largest |δ| of each sample. Equal magnitudes go to the lower unit, so exactly k
    // stay and the choice does not depend on the sort's whims.
    void keep_largest(MatBlock d, int k) {
        const auto units = static_cast<std::ptrdiff_t>(d.rows());
        const auto first = order_.begin(), end = order_.begin() + units;
        for (Eigen::Index c = 0; c < d.cols(); ++c) {
            auto col = d.col(c);
            std::iota(first, end, 0);
            std::nth_element(first, first + k, end, [&](int i, int j) {
                const float a = std::abs(col(i)), b = std::abs(col(j));
                return a > b || (a == b && i < j);
            });
            for (auto it = first + k; it != end; ++it) col(*it) = 0.f;
        }
    }

    Feedback feedback_;
    bool sparse_;
    std::vector<Mat> feedback_matrices_; // per layer, empty where the layer has none (feedback_alignment.hpp)
    std::vector<Mat> delta_;             // dL/dz per layer as the rule sees it, out_l × max batch
    Mat P_;                              // the output's probabilities, classes × max batch
    std::vector<int> order_;             // topk: unit indices of one sample, by |δ|
};

} // namespace

std::unique_ptr<LearningRule> make_backprop_rule() {
    return std::make_unique<GradientRule>(Feedback::Transpose, false);
}

std::unique_ptr<LearningRule> make_topk_rule() {
    return std::make_unique<GradientRule>(Feedback::Transpose, true);
}

std::unique_ptr<LearningRule> make_feedback_alignment_rule(const RuleNet& net, Rng& rng, bool direct) {
    auto rule = std::make_unique<GradientRule>(direct ? Feedback::Direct : Feedback::Fixed, false);
    rule->build(net, rng);
    return rule;
}

std::span<Mat> feedback_matrices(LearningRule& rule) {
    auto* gradient = dynamic_cast<GradientRule*>(&rule);
    if (!gradient || gradient->feedback() == Feedback::Transpose)
        throw std::invalid_argument("feedback_matrices: not a feedback-alignment rule");
    return gradient->feedback_matrices();
}

} // namespace phasor
