// Minibatch forward and backward passes (see batch_mlp.hpp).
#include "engine/batch/batch_mlp.hpp"

#include "engine/optim/optimizer.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <stdexcept>

namespace phasor {

namespace {

void activate_block(Activation f, const MatView& z, MatView a) {
    if (f != Activation::Softmax) return activate_elementwise(f, z, a);
    for (Eigen::Index c = 0; c < z.cols(); ++c) {
        a.col(c) = (z.col(c).array() - z.col(c).maxCoeff()).exp();
        a.col(c) /= a.col(c).sum();
    }
}

// d = f'(z) ⊙ upstream, in place on d (which holds upstream).
void derivative_block(Activation f, const MatView& z, const MatView& a, MatBlock d) {
    if (f == Activation::Softmax)
        throw std::logic_error("a softmax output is trained through softmax_cross_entropy's dL/dz");
    derivative_elementwise(f, z, a, d, d);
}

} // namespace

BatchMlp::BatchMlp(std::span<const int> sizes, Activation hidden, Activation output, Init init, Rng& rng,
                   int max_batch)
    : max_batch_(max_batch) {
    if (sizes.size() < 2 || max_batch < 1) throw std::invalid_argument("BatchMlp: sizes and a batch needed");
    for (std::size_t l = 0; l + 1 < sizes.size(); ++l) {
        DenseLayer dense(sizes[l], sizes[l + 1], l + 2 == sizes.size() ? output : hidden);
        dense.initialise(init, rng);
        layers_.push_back({std::move(dense.W), std::move(dense.b), dense.f});
        delta_.emplace_back(sizes[l + 1], max_batch);
        gW_.emplace_back(sizes[l + 1], sizes[l]);
        gb_.emplace_back(sizes[l + 1]);
    }
    dx_.resize(sizes[0], max_batch);
    set_checkpoint_every(1);
}

bool BatchMlp::is_checkpoint(std::size_t layer) const {
    const auto every = static_cast<std::size_t>(checkpoint_every_);
    return every <= 1 || (layer + 1) % every == 0 || layer + 1 == layers_.size();
}

void BatchMlp::set_checkpoint_every(int every) {
    if (every < 1) throw std::invalid_argument("BatchMlp: checkpoint_every must be at least 1");
    checkpoint_every_ = every;
    // Checkpoints get a buffer each; the i-th dropped layer of every segment shares the i-th shared buffer.
    slot_.assign(layers_.size(), 0);
    std::vector<int> rows;
    std::vector<std::size_t> shared;
    std::size_t position = 0;
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        const int out = layers_[l].out();
        if (is_checkpoint(l)) {
            slot_[l] = rows.size();
            rows.push_back(out);
            position = 0;
            continue;
        }
        if (position == shared.size()) {
            shared.push_back(rows.size());
            rows.push_back(0);
        }
        slot_[l] = shared[position++];
        rows[slot_[l]] = std::max(rows[slot_[l]], out);
    }
    z_.clear();
    a_.clear();
    for (const int r : rows) {
        z_.emplace_back(r, max_batch_);
        a_.emplace_back(r, max_batch_);
    }
    held_segment_ = layers_.size(); // nothing held until a forward pass
}

std::int64_t BatchMlp::activation_floats() const {
    std::int64_t n = 0;
    for (std::size_t i = 0; i < z_.size(); ++i) n += z_[i].size() + a_[i].size();
    return n;
}

void BatchMlp::forward_layer(std::size_t l, const CMatRef& X) {
    const BatchLayer& layer = layers_[l];
    MatView z = view(z_, l);
    if (l == 0)
        z.noalias() = layer.W * X;
    else
        z.noalias() = layer.W * view(a_, l - 1);
    z.colwise() += layer.b;
    activate_block(layer.f, z, view(a_, l));
}

void BatchMlp::recall(std::size_t layer, const CMatRef& X) {
    if (is_checkpoint(layer)) return;
    std::size_t first = layer;
    while (first > 0 && !is_checkpoint(first - 1)) --first;
    if (held_segment_ == first) return;
    for (std::size_t l = first; !is_checkpoint(l); ++l) forward_layer(l, X);
    held_segment_ = first;
}

std::int64_t BatchMlp::parameter_count() const {
    std::int64_t n = 0;
    for (const BatchLayer& l : layers_) n += l.W.size() + l.b.size();
    return n;
}

MatBlock BatchMlp::forward(const CMatRef& X) {
    assert(X.rows() == in() && X.cols() <= max_batch_);
    batch_ = static_cast<int>(X.cols());
    held_segment_ = layers_.size();
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        forward_layer(l, X);
        if (!is_checkpoint(l) && (l == 0 || is_checkpoint(l - 1))) held_segment_ = l;
    }
    // The output is always a checkpoint, in a buffer of its own exactly out rows tall.
    return a_[slot_.back()].leftCols(batch_);
}

MatBlock BatchMlp::logits() {
    return z_[slot_.back()].leftCols(batch_);
}

MatBlock BatchMlp::input_grad() {
    return dx_.leftCols(batch_);
}

void BatchMlp::backward(const CMatRef& X, const CMatRef& dz_out, bool input_grad) {
    assert(dz_out.rows() == out() && dz_out.cols() == batch_);
    delta_.back().leftCols(batch_) = dz_out;
    backward_layers(X, batch_, input_grad);
}

void BatchMlp::backward_from_output(const CMatRef& X, const CMatRef& da_out, bool input_grad) {
    assert(da_out.rows() == out() && da_out.cols() == batch_);
    const std::size_t last = layers_.size() - 1;
    MatBlock d = delta_[last].leftCols(batch_);
    d = da_out;
    derivative_block(layers_[last].f, view(z_, last), view(a_, last), d);
    backward_layers(X, batch_, input_grad);
}

void BatchMlp::backward_layers(const CMatRef& X, int batch, bool input_grad) {
    for (std::size_t l = layers_.size(); l-- > 0;) {
        const MatBlock d = delta_[l].leftCols(batch);
        if (l > 0) recall(l - 1, X);
        const auto& below_a = l == 0 ? X : CMatRef(view(a_, l - 1));
        if (accumulate_) {
            gW_[l].noalias() += d * below_a.transpose();
            gb_[l] += d.rowwise().sum();
        } else {
            gW_[l].noalias() = d * below_a.transpose();
            gb_[l] = d.rowwise().sum();
        }
        if (l > 0) {
            MatBlock below = delta_[l - 1].leftCols(batch);
            below.noalias() = layers_[l].W.transpose() * d;
            derivative_block(layers_[l - 1].f, view(z_, l - 1), view(a_, l - 1), below);
        } else if (input_grad) {
            dx_.leftCols(batch).noalias() = layers_[0].W.transpose() * d;
        }
    }
}

void BatchMlp::attach(Optimizer& optimizer) {
    slots_.clear();
    for (const BatchLayer& l : layers_) {
        slots_.push_back(optimizer.add_tensor(l.W.size(), true));
        slots_.push_back(optimizer.add_tensor(l.b.size(), false));
    }
}

void BatchMlp::step(Optimizer& optimizer, float lr) {
    assert(slots_.size() == 2 * layers_.size());
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        BatchLayer& layer = layers_[l];
        optimizer.update(slots_[2 * l], {layer.W.data(), static_cast<std::size_t>(layer.W.size())},
                         {gW_[l].data(), static_cast<std::size_t>(gW_[l].size())}, lr);
        optimizer.update(slots_[2 * l + 1], {layer.b.data(), static_cast<std::size_t>(layer.b.size())},
                         {gb_[l].data(), static_cast<std::size_t>(gb_[l].size())}, lr);
    }
}

float softmax_cross_entropy(const CMatRef& Z, std::span<const std::int32_t> labels, MatBlock P, MatBlock dZ,
                            int* correct) {
    const Eigen::Index batch = Z.cols();
    assert(static_cast<Eigen::Index>(labels.size()) == batch);
    double loss = 0;
    int right = 0;
    const float inv = 1.f / static_cast<float>(batch);
    for (Eigen::Index c = 0; c < batch; ++c) {
        const float peak = Z.col(c).maxCoeff();
        P.col(c) = (Z.col(c).array() - peak).exp();
        const float sum = P.col(c).sum();
        P.col(c) /= sum;
        const int label = labels[static_cast<std::size_t>(c)];
        // −log p = log Σ exp(z − max) − (z_label − max): no log of a probability that rounded to zero.
        loss += std::log(sum) - (Z(label, c) - peak);
        Eigen::Index best = 0;
        Z.col(c).maxCoeff(&best);
        right += best == label;
        dZ.col(c) = P.col(c) * inv;
        dZ(label, c) -= inv;
    }
    if (correct) *correct = right;
    return static_cast<float>(loss / static_cast<double>(batch));
}

float mean_squared_error(const CMatRef& A, const CMatRef& T, MatBlock dA) {
    const float inv = 1.f / static_cast<float>(A.cols());
    dA = (A - T) * inv;
    return 0.5f * (A - T).squaredNorm() * inv;
}

} // namespace phasor
