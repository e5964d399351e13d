// Learning with a real budget: a backprop MLP (784-128-10, ReLU, Adam 1e-3, batch 128) on Fashion-MNIST, one
// epoch, scored on the fixed 10,000-image test set. Measured in a release build over seeds 1-10: 84.7, 84.4,
// 82.5, 84.2, 83.6, 83.5, 81.7, 83.0, 84.0, 83.3 % (mean 83.5 %); an untrained network scores about 10 %. The
// test takes seeds 1-4 (mean 83.9 %) and asks for a mean of 82.5 % and each seed at 81 %.
#include "engine/batch/batch_source.hpp"
#include "engine/data/epoch_order.hpp"
#include "engine/data/image_folder.hpp"
#include "engine/optim/optimizer.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

float one_epoch_accuracy(const DataSplit& data, std::uint64_t seed) {
    constexpr int kBatch = 128;
    const std::vector<int> sizes{784, 128, 10};
    Rng rng(seed);
    BatchMlp net(sizes, Activation::Relu, Activation::Softmax, Init::He, rng, kBatch);
    auto adam = make_optimizer(OptimizerSpec{.name = "adamw"});
    net.attach(*adam);
    EpochOrder order(data.train.size(), seed);
    Mat X(784, kBatch), P(10, kBatch), dZ(10, kBatch);
    std::vector<std::int32_t> labels(kBatch);
    const std::size_t steps = (data.train.size() + kBatch - 1) / kBatch;
    for (std::size_t step = 0; step < steps; ++step) {
        const auto ids = order.next(kBatch);
        gather(data.train, ids, X, labels);
        const auto n = static_cast<Eigen::Index>(ids.size());
        net.forward(X.leftCols(n));
        softmax_cross_entropy(net.logits(), std::span(labels).first(ids.size()), P.leftCols(n),
                              dZ.leftCols(n));
        net.backward(X.leftCols(n), dZ.leftCols(n), false);
        net.step(*adam, 1e-3f);
    }
    Mat Xs, scratch;
    return score(net, data.test, Xs, scratch).accuracy;
}

TEST(FashionLearning, OneEpochOfBackpropReachesItsMeasuredAccuracyOverSeeds) {
    const DataSplit data = load_image_folder(kFashionMnistDir, "Fashion-MNIST", fashion_mnist_classes());
    std::vector<float> accuracies;
    for (std::uint64_t seed : {1, 2, 3, 4}) accuracies.push_back(one_epoch_accuracy(data, seed));
    float mean = 0.f;
    for (float a : accuracies) {
        EXPECT_GE(a, 0.81f) << ::testing::PrintToString(accuracies);
        mean += a / static_cast<float>(accuracies.size());
    }
    EXPECT_GE(mean, 0.825f) << ::testing::PrintToString(accuracies);
}

} // namespace
} // namespace phasor
