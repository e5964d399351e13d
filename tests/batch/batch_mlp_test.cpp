// The minibatch MLP: gradients against finite differences (cross-entropy and squared error, weights, biases
// and inputs), a batch's gradient is the mean of its samples', a short batch in the large buffers equals a
// batch of its own, and a training step allocates nothing.
#include "engine/batch/batch_mlp.hpp"
#include "engine/optim/optimizer.hpp"
#include "support/allocation_counter.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

constexpr int kSizes[] = {5, 7, 6, 4};

Mat random_inputs(int rows, int cols, std::uint64_t seed) {
    Rng rng(seed);
    Mat X(rows, cols);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = rng.uniform(-1.f, 1.f);
    return X;
}

const std::vector<std::int32_t> kLabels{0, 3, 1, 2, 3, 0};

// The mean cross-entropy of the network on (X, labels), in double for the finite differences.
double ce_loss(BatchMlp& net, const Mat& X) {
    net.forward(X);
    Mat P(net.out(), X.cols()), dZ(net.out(), X.cols());
    return softmax_cross_entropy(net.logits(), kLabels, P.leftCols(X.cols()), dZ.leftCols(X.cols()));
}

// Checks one analytic gradient against central differences of `loss` in `values`.
template <class Loss>
void expect_matches_differences(float* values, const Mat& analytic, Loss loss, const char* what) {
    const float h = 1e-2f;
    double worst = 0;
    for (Eigen::Index i = 0; i < analytic.size(); ++i) {
        const float keep = values[i];
        values[i] = keep + h;
        const double up = loss();
        values[i] = keep - h;
        const double down = loss();
        values[i] = keep;
        const double numeric = (up - down) / (2 * h);
        worst = std::max(worst, std::abs(numeric - analytic.data()[i]) / std::max(1e-2, std::abs(numeric)));
    }
    EXPECT_LT(worst, 2e-2) << what;
}

TEST(BatchMlp, CrossEntropyGradientsMatchFiniteDifferences) {
    // Smooth activations only: a difference step across a ReLU's kink measures the kink, not the gradient.
    for (Activation hidden : {Activation::Tanh, Activation::Sigmoid}) {
        Rng rng(3);
        BatchMlp net(kSizes, hidden, Activation::Softmax, Init::Xavier, rng, 8);
        Mat X = random_inputs(5, 6, 11);
        ce_loss(net, X);
        Mat P(4, 6), dZ(4, 6);
        net.forward(X);
        softmax_cross_entropy(net.logits(), kLabels, P.leftCols(6), dZ.leftCols(6));
        net.backward(X, dZ, true);
        const Mat dX = net.input_grad();
        const auto loss = [&] { return ce_loss(net, X); };
        for (std::size_t l = 0; l < net.layers().size(); ++l) {
            const Mat gW = net.weight_grad(l), gb = net.bias_grad(l);
            expect_matches_differences(net.layers()[l].W.data(), gW, loss, "W");
            expect_matches_differences(net.layers()[l].b.data(), gb, loss, "b");
        }
        expect_matches_differences(X.data(), dX, loss, "X");
    }
}

TEST(BatchMlp, SquaredErrorGradientsFromTheOutputMatchFiniteDifferences) {
    Rng rng(5);
    BatchMlp net(kSizes, Activation::Tanh, Activation::Tanh, Init::Xavier, rng, 6);
    Mat X = random_inputs(5, 6, 2), T = random_inputs(4, 6, 9), dA(4, 6);
    const auto loss = [&] {
        net.forward(X);
        Mat scratch(4, 6);
        return static_cast<double>(mean_squared_error(net.forward(X), T, scratch.leftCols(6)));
    };
    mean_squared_error(net.forward(X), T, dA.leftCols(6));
    net.backward_from_output(X, dA, true);
    const Mat dX = net.input_grad();
    for (std::size_t l = 0; l < net.layers().size(); ++l) {
        const Mat gW = net.weight_grad(l);
        expect_matches_differences(net.layers()[l].W.data(), gW, loss, "W");
    }
    expect_matches_differences(X.data(), dX, loss, "X");
}

TEST(BatchMlp, ABatchGradientIsTheMeanOfItsSamplesAndAShortBatchEqualsItsOwn) {
    Rng a_rng(7), b_rng(7);
    BatchMlp wide(kSizes, Activation::Relu, Activation::Softmax, Init::He, a_rng, 16);
    BatchMlp single(kSizes, Activation::Relu, Activation::Softmax, Init::He, b_rng, 1);
    const Mat X = random_inputs(5, 6, 4);
    Mat P(4, 16), dZ(4, 16);
    wide.forward(X);
    softmax_cross_entropy(wide.logits(), kLabels, P.leftCols(6), dZ.leftCols(6));
    wide.backward(X, dZ.leftCols(6), false);
    Mat mean = Mat::Zero(7, 5);
    for (int s = 0; s < 6; ++s) {
        single.forward(X.col(s));
        Mat p(4, 1), dz(4, 1);
        softmax_cross_entropy(single.logits(), std::span(kLabels).subspan(static_cast<std::size_t>(s), 1),
                              p.leftCols(1), dz.leftCols(1));
        single.backward(X.col(s), dz, false);
        mean += single.weight_grad(0) / 6.f;
    }
    EXPECT_LT((wide.weight_grad(0) - mean).cwiseAbs().maxCoeff(), 1e-6f);
}

#ifdef PHASOR_COUNT_MALLOC
TEST(BatchMlp, ATrainingStepAllocatesNothing) {
    Rng rng(1);
    BatchMlp net(kSizes, Activation::Relu, Activation::Softmax, Init::He, rng, 8);
    auto adam = make_optimizer(OptimizerSpec{.name = "adamw"});
    net.attach(*adam);
    const Mat X = random_inputs(5, 6, 4);
    Mat P(4, 8), dZ(4, 8);
    EXPECT_EQ(testing::count_mallocs([&] {
                  for (int i = 0; i < 10; ++i) {
                      net.forward(X);
                      softmax_cross_entropy(net.logits(), kLabels, P.leftCols(6), dZ.leftCols(6));
                      net.backward(X, dZ.leftCols(6), true);
                      net.step(*adam, 1e-3f);
                  }
              }),
              0);
}
#endif

} // namespace
} // namespace phasor
