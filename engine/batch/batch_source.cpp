// Batches from data sets, and scoring (see batch_source.hpp).
#include "engine/batch/batch_source.hpp"

#include <algorithm>
#include <cassert>
#include <vector>

namespace phasor {

void gather(const Dataset& set, std::span<const std::uint32_t> ids, Mat& X, std::span<std::int32_t> labels) {
    assert(X.rows() == set.features && X.cols() >= static_cast<Eigen::Index>(ids.size()));
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto row = set.row(ids[i]);
        std::copy(row.begin(), row.end(), X.col(static_cast<Eigen::Index>(i)).data());
        labels[i] = set.labels[ids[i]];
    }
}

SetScore score(BatchMlp& net, const Dataset& set, Mat& X, Mat& scratch) {
    const int batch = net.max_batch();
    X.resize(net.in(), batch);
    scratch.resize(net.out(), 2 * batch);
    std::vector<std::uint32_t> ids(static_cast<std::size_t>(batch));
    std::vector<std::int32_t> labels(static_cast<std::size_t>(batch));
    double loss = 0;
    long correct = 0;
    for (std::size_t start = 0; start < set.size(); start += static_cast<std::size_t>(batch)) {
        const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(batch), set.size() - start);
        for (std::size_t i = 0; i < n; ++i) ids[i] = static_cast<std::uint32_t>(start + i);
        gather(set, std::span(ids).first(n), X, labels);
        net.forward(X.leftCols(static_cast<Eigen::Index>(n)));
        int right = 0;
        const auto cols = static_cast<Eigen::Index>(n);
        loss += static_cast<double>(softmax_cross_entropy(net.logits(), std::span(labels).first(n),
                                                          scratch.leftCols(cols),
                                                          scratch.middleCols(batch, cols), &right)) *
                static_cast<double>(n);
        correct += right;
    }
    const double n = static_cast<double>(set.size());
    return {static_cast<float>(static_cast<double>(correct) / n), static_cast<float>(loss / n)};
}

float train_classifier_step(BatchMlp& net, Optimizer& optimizer, float lr, const Dataset& set,
                            std::span<const std::uint32_t> ids, ClassifierBatch& b) {
    gather(set, ids, b.X, b.labels);
    const auto n = static_cast<Eigen::Index>(ids.size());
    net.forward(b.X.leftCols(n));
    const float loss = softmax_cross_entropy(net.logits(), std::span(b.labels).first(ids.size()),
                                             b.P.leftCols(n), b.dZ.leftCols(n));
    net.backward(b.X.leftCols(n), b.dZ.leftCols(n), false);
    net.step(optimizer, lr);
    return loss;
}

void train_classifier_epoch(BatchMlp& net, Optimizer& optimizer, float lr, const Dataset& set,
                            EpochOrder& order, ClassifierBatch& batch) {
    const auto size = static_cast<std::size_t>(net.max_batch());
    for (std::size_t step = 0; step < (order.samples() + size - 1) / size; ++step)
        train_classifier_step(net, optimizer, lr, set, order.next(size), batch);
}

} // namespace phasor
