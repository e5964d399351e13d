// Forward-forward (see forward_forward.hpp): the positive and negative data go through the hidden layers as
// one matrix of 2B columns (positives first), each layer's gradient is that of its own loss with its input
// held constant, and one optimizer step per batch applies them all.
#include "engine/rules/forward_forward.hpp"

#include "engine/core/error.hpp"
#include "engine/rules/rule_factories.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace phasor {

namespace {

// log(1 + eˣ) without overflow for large x.
double softplus(double x) {
    return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x));
}
double sigmoid(double x) {
    return 1.0 / (1.0 + std::exp(-x));
}

} // namespace

ForwardForwardRule::ForwardForwardRule(const RuleNet& net, Rng rng) : rng_(rng) {
    const BatchMlp& mlp = net.mlp();
    classes_ = mlp.out();
    hidden_ = mlp.layers().size() - 1;
    if (hidden_ == 0)
        throw InputError("ff: the net needs a hidden layer (forward-forward trains hidden layers)");
    if (classes_ < 2) throw InputError(fmt::format("ff: needs 2 classes or more, got {}", classes_));
    if (mlp.in() < classes_)
        throw InputError(fmt::format(
            "ff: the label is embedded in the first {} inputs, but there are only {}", classes_, mlp.in()));
    const int cols = 2 * mlp.max_batch();
    E_.resize(mlp.in(), cols);
    int widest = 0;
    for (std::size_t l = 0; l < hidden_; ++l) {
        const BatchLayer& layer = mlp.layers()[l];
        U_.emplace_back(l == 0 ? Mat() : Mat(layer.in(), cols));
        Z_.emplace_back(layer.out(), cols);
        H_.emplace_back(layer.out(), cols);
        widest = std::max(widest, layer.out());
    }
    D_.resize(widest, cols);
    G_.resize(classes_, mlp.max_batch());
    neg_.assign(static_cast<std::size_t>(mlp.max_batch()), 0);
    fill_.assign(static_cast<std::size_t>(cols), 0);
    pred_.assign(static_cast<std::size_t>(mlp.max_batch()), 0);
}

void ForwardForwardRule::embed(const CMatRef& X, std::span<const std::int32_t> labels, int classes,
                               MatBlock out) {
    out = X;
    for (Eigen::Index c = 0; c < X.cols(); ++c) {
        const float hot = std::max(1.f, X.col(c).maxCoeff());
        out.col(c).head(classes).setZero();
        out(labels[static_cast<std::size_t>(c)], c) = hot;
    }
}

void ForwardForwardRule::pass(RuleNet& net, Eigen::Index cols) {
    for (std::size_t l = 0; l < hidden_; ++l) {
        const BatchLayer& layer = net.mlp().layers()[l];
        auto z = Z_[l].leftCols(cols);
        if (l == 0)
            z.noalias() = layer.W * E_.leftCols(cols);
        else
            z.noalias() = layer.W * U_[l].leftCols(cols);
        z.colwise() += layer.b;
        activate_elementwise(layer.f, z, H_[l].leftCols(cols));
        if (l + 1 < hidden_) {
            // Only the direction of the activity passes up: its length is what this layer's goodness judged.
            for (Eigen::Index c = 0; c < cols; ++c)
                U_[l + 1].col(c) = H_[l].col(c) / (H_[l].col(c).norm() + kFfEpsilon);
        }
    }
}

void ForwardForwardRule::goodness(RuleNet& net, const CMatRef& E, MatBlock G) {
    const Eigen::Index cols = E.cols();
    E_.leftCols(cols) = E;
    pass(net, cols);
    for (std::size_t l = 0; l < hidden_; ++l)
        G.row(static_cast<Eigen::Index>(l)) =
            H_[l].leftCols(cols).colwise().squaredNorm() / static_cast<float>(H_[l].rows());
}

void ForwardForwardRule::predict(RuleNet& net, const CMatRef& X, std::span<std::int32_t> classes) {
    const Eigen::Index B = X.cols();
    G_.leftCols(B).setZero();
    for (int k = 0; k < classes_; ++k) {
        std::fill(fill_.begin(), fill_.begin() + B, k);
        embed(X, {fill_.data(), static_cast<std::size_t>(B)}, classes_, E_.leftCols(B));
        pass(net, B);
        for (std::size_t l = 0; l < hidden_; ++l)
            G_.row(k).head(B) += H_[l].leftCols(B).colwise().squaredNorm() / static_cast<float>(H_[l].rows());
    }
    for (Eigen::Index c = 0; c < B; ++c) {
        Eigen::Index best = 0;
        G_.col(c).maxCoeff(&best);
        classes[static_cast<std::size_t>(c)] = static_cast<std::int32_t>(best);
    }
}

float ForwardForwardRule::objective(RuleNet& net, const CMatRef& X, std::span<const std::int32_t> labels,
                                    std::span<const std::int32_t> negatives) {
    const Eigen::Index B = X.cols();
    embed(X, labels.first(static_cast<std::size_t>(B)), classes_, E_.leftCols(B));
    embed(X, negatives.first(static_cast<std::size_t>(B)), classes_, E_.middleCols(B, B));
    pass(net, 2 * B);
    const double theta = settings_.ff_threshold;
    double total = 0;
    for (std::size_t l = 0; l < hidden_; ++l) {
        const BatchLayer& layer = net.mlp().layers()[l];
        const int n = layer.out();
        auto H = H_[l].leftCols(2 * B);
        auto D = D_.topLeftCorner(n, 2 * B);
        double loss = 0;
        for (Eigen::Index c = 0; c < 2 * B; ++c) {
            const double g = H.col(c).squaredNorm() / n;
            // Positives are pushed above θ, negatives below; dL/dg scaled by 1/B for the batch mean, and by
            // dg/dh = 2h/n.
            const bool positive = c < B;
            loss += positive ? softplus(theta - g) : softplus(g - theta);
            const double dg = (positive ? -sigmoid(theta - g) : sigmoid(g - theta)) / static_cast<double>(B);
            D.col(c) = H.col(c) * static_cast<float>(dg * 2.0 / n);
        }
        derivative_elementwise(layer.f, Z_[l].leftCols(2 * B), H, D, D);
        const auto input = l == 0 ? E_.leftCols(2 * B) : U_[l].leftCols(2 * B);
        net.weight_grad(l).noalias() = D * input.transpose();
        net.bias_grad(l) = D.rowwise().sum();
        total += loss / static_cast<double>(B);
    }
    net.weight_grad(hidden_).setZero();
    net.bias_grad(hidden_).setZero();
    return static_cast<float>(total / static_cast<double>(hidden_));
}

float ForwardForwardRule::train(RuleNet& net, const CMatRef& X, std::span<const std::int32_t> labels,
                                std::span<LayerCounts> counts, int* correct) {
    const Eigen::Index B = X.cols();
    n_neg_ = static_cast<int>(B);
    for (Eigen::Index c = 0; c < B; ++c) {
        // Uniform over the other classes: draw among classes − 1 and skip over the true one.
        const int label = labels[static_cast<std::size_t>(c)];
        const int k = rng_.below(classes_ - 1);
        neg_[static_cast<std::size_t>(c)] = k >= label ? k + 1 : k;
    }
    if (correct) {
        predict(net, X, {pred_.data(), static_cast<std::size_t>(B)});
        int right = 0;
        for (Eigen::Index c = 0; c < B; ++c)
            right += pred_[static_cast<std::size_t>(c)] == labels[static_cast<std::size_t>(c)];
        *correct = right;
    }
    const float loss = objective(net, X, labels, negatives());
    net.step();
    for (std::size_t l = 0; l < hidden_; ++l) {
        const BatchLayer& layer = net.mlp().layers()[l];
        const std::int64_t each = 2 * static_cast<std::int64_t>(B) * (layer.W.size() + layer.b.size());
        counts[l].notifications += each;
        counts[l].fired += each;
    }
    return loss;
}

std::unique_ptr<LearningRule> make_forward_forward_rule(const RuleNet& net, Rng rng) {
    return std::make_unique<ForwardForwardRule>(net, rng);
}

} // namespace phasor
