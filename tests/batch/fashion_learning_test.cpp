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
    ClassifierBatch batch(net);
    train_classifier_epoch(net, *adam, 1e-3f, data.train, order, batch);
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
