// Minibatch forward and backward passes (see batch_mlp.hpp).
#include "engine/batch/batch_mlp.hpp"

#include "engine/optim/optimizer.hpp"

#include <cassert>
#include <cmath>
#include <stdexcept>

namespace phasor {

namespace {

void activate_block(Activation f, const MatBlock& z, MatBlock a) {
    if (f != Activation::Softmax) return activate_elementwise(f, z, a);
    for (Eigen::Index c = 0; c < z.cols(); ++c) {
        a.col(c) = (z.col(c).array() - z.col(c).maxCoeff()).exp();
        a.col(c) /= a.col(c).sum();
    }
}

// d = f'(z) ⊙ upstream, in place on d (which holds upstream).
void derivative_block(Activation f, const MatBlock& z, const MatBlock& a, MatBlock d) {
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
        z_.emplace_back(sizes[l + 1], max_batch);
        a_.emplace_back(sizes[l + 1], max_batch);
        delta_.emplace_back(sizes[l + 1], max_batch);
        gW_.emplace_back(sizes[l + 1], sizes[l]);
        gb_.emplace_back(sizes[l + 1]);
    }
    dx_.resize(sizes[0], max_batch);
}

std::int64_t BatchMlp::parameter_count() const {
    std::int64_t n = 0;
    for (const BatchLayer& l : layers_) n += l.W.size() + l.b.size();
    return n;
}

MatBlock BatchMlp::forward(const CMatRef& X) {
    assert(X.rows() == in() && X.cols() <= max_batch_);
    batch_ = static_cast<int>(X.cols());
    for (std::size_t l = 0; l < layers_.size(); ++l) {
        const BatchLayer& layer = layers_[l];
        MatBlock z = z_[l].leftCols(batch_);
        if (l == 0)
            z.noalias() = layer.W * X;
        else
            z.noalias() = layer.W * a_[l - 1].leftCols(batch_);
        z.colwise() += layer.b;
        activate_block(layer.f, z, a_[l].leftCols(batch_));
    }
    return a_.back().leftCols(batch_);
}

MatBlock BatchMlp::logits() {
    return z_.back().leftCols(batch_);
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
    derivative_block(layers_[last].f, z_[last].leftCols(batch_), a_[last].leftCols(batch_), d);
    backward_layers(X, batch_, input_grad);
}

void BatchMlp::backward_layers(const CMatRef& X, int batch, bool input_grad) {
    for (std::size_t l = layers_.size(); l-- > 0;) {
        const MatBlock d = delta_[l].leftCols(batch);
        const auto& below_a = l == 0 ? X : CMatRef(a_[l - 1].leftCols(batch));
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
            derivative_block(layers_[l - 1].f, z_[l - 1].leftCols(batch), a_[l - 1].leftCols(batch), below);
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
