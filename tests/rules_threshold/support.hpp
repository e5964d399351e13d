// What the threshold and forward-forward tests share: nets, random inputs, and a small data set of Gaussian
// blobs for the learning smoke checks.
#pragma once
#include "engine/rules/rule_net.hpp"

#include <cstdint>
#include <vector>

namespace phasor::rules_test {

inline RuleNetSpec spec_of(std::vector<int> sizes, Activation hidden, float lr, int max_batch = 32) {
    RuleNetSpec spec;
    spec.sizes = std::move(sizes);
    spec.hidden = hidden;
    spec.max_batch = max_batch;
    spec.optimizer.name = "sgd";
    spec.lr = lr;
    return spec;
}

inline Mat random_inputs(int rows, int cols, std::uint64_t seed) {
    Rng rng(seed);
    Mat X(rows, cols);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = rng.uniform(-1.f, 1.f);
    return X;
}

inline std::vector<std::int32_t> random_labels(int count, int classes, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<std::int32_t> labels(static_cast<std::size_t>(count));
    for (auto& l : labels) l = rng.below(classes);
    return labels;
}

// `classes` blobs in `dims` dimensions, the first `blank` inputs always zero (room for forward-forward's
// label, as the blank border of an image): centres drawn in [−1, 1], samples spread by `spread` around them.
struct Blobs {
    Mat X;
    std::vector<std::int32_t> labels;
};

inline Blobs make_blobs(int count, int dims, int blank, int classes, float spread, std::uint64_t seed) {
    Rng centres_rng(1234);
    Mat centres(dims, classes);
    for (Eigen::Index i = 0; i < centres.size(); ++i) centres.data()[i] = centres_rng.uniform(-1.f, 1.f);
    Rng rng(seed);
    Blobs b{Mat::Zero(dims, count), std::vector<std::int32_t>(static_cast<std::size_t>(count))};
    for (int c = 0; c < count; ++c) {
        const int label = rng.below(classes);
        b.labels[static_cast<std::size_t>(c)] = label;
        for (int d = blank; d < dims; ++d) b.X(d, c) = centres(d, label) + rng.normal(0.f, spread);
    }
    return b;
}

} // namespace phasor::rules_test
