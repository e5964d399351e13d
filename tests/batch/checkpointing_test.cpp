// Gradient checkpointing in the minibatch MLP: a backward pass that recomputes the dropped layers gives the
// plain backward's gradients bit for bit at every spacing, recalled values equal the plain forward's, the
// kept buffers shrink as the spacing says, and a checkpointed step allocates nothing once warm.
#include "engine/batch/batch_mlp.hpp"
#include "support/allocation_counter.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

// Seven layers of unequal widths, so that shared buffers serve layers of different sizes.
constexpr int kSizes[] = {6, 9, 5, 8, 7, 9, 6, 4};
constexpr int kLayers = 7;

Mat inputs(int cols) {
    Rng rng(5);
    Mat X(kSizes[0], cols);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = rng.uniform(-1.f, 1.f);
    return X;
}

BatchMlp net(int every) {
    Rng rng(11);
    BatchMlp mlp(kSizes, Activation::Tanh, Activation::Softmax, Init::Xavier, rng, 8);
    mlp.set_checkpoint_every(every);
    return mlp;
}

struct Gradients {
    std::vector<Mat> W;
    std::vector<Vec> b;
    Mat dx;
};

Gradients backward(BatchMlp& mlp, const Mat& X) {
    mlp.forward(X);
    const std::vector<std::int32_t> labels{0, 3, 1, 2, 3, 0, 1, 2};
    const auto B = X.cols();
    Mat P(mlp.out(), B), dZ(mlp.out(), B);
    softmax_cross_entropy(mlp.logits(), std::span(labels).first(static_cast<std::size_t>(B)), P.leftCols(B),
                          dZ.leftCols(B));
    mlp.backward(X, dZ, true);
    Gradients g;
    for (int l = 0; l < kLayers; ++l) {
        g.W.push_back(mlp.weight_grad(static_cast<std::size_t>(l)));
        g.b.push_back(mlp.bias_grad(static_cast<std::size_t>(l)));
    }
    g.dx = mlp.input_grad();
    return g;
}

TEST(Checkpointing, EverySpacingGivesThePlainGradientsBitForBit) {
    for (const int B : {8, 3}) {
        const Mat X = inputs(B);
        BatchMlp plain = net(1);
        const Gradients want = backward(plain, X);
        for (int every = 2; every <= kLayers + 1; ++every) {
            BatchMlp checkpointed = net(every);
            const Gradients got = backward(checkpointed, X);
            for (int l = 0; l < kLayers; ++l) {
                EXPECT_TRUE(got.W[l] == want.W[l]) << "every " << every << ", layer " << l << ", B " << B;
                EXPECT_TRUE(got.b[l] == want.b[l]) << "every " << every << ", layer " << l << ", B " << B;
            }
            EXPECT_TRUE(got.dx == want.dx) << "every " << every << ", B " << B;
        }
    }
}

TEST(Checkpointing, KeepsEveryKthLayerAndTheOutput) {
    BatchMlp mlp = net(3);
    for (std::size_t l = 0; l < kLayers; ++l)
        EXPECT_EQ(mlp.is_checkpoint(l), l == 2 || l == 5 || l == 6) << l;
    mlp.set_checkpoint_every(1);
    for (std::size_t l = 0; l < kLayers; ++l) EXPECT_TRUE(mlp.is_checkpoint(l)) << l;
    EXPECT_THROW(mlp.set_checkpoint_every(0), std::invalid_argument);
}

TEST(Checkpointing, RecalledValuesAreThePlainForwardsAfterOtherSegmentsOverwroteThem) {
    const Mat X = inputs(8);
    BatchMlp plain = net(1);
    plain.forward(X);
    BatchMlp checkpointed = net(3);
    checkpointed.forward(X);
    // Down and up again: each recall of one segment overwrites the buffers the other one shares.
    for (const std::size_t l : {4u, 3u, 1u, 0u, 4u, 6u, 2u, 0u}) {
        checkpointed.recall(l, X);
        EXPECT_TRUE(checkpointed.activation(l) == plain.activation(l)) << l;
        EXPECT_TRUE(checkpointed.pre_activation(l) == plain.pre_activation(l)) << l;
    }
}

TEST(Checkpointing, KeepsTheBuffersItsSpacingSays) {
    // Per kept buffer z and a, rows × max batch 8. Plain: every layer, Σ out = 48 rows.
    EXPECT_EQ(net(1).activation_floats(), 2 * 48 * 8);
    // Every 3rd: layers 2, 5 and 6 keep theirs (8 + 6 + 4 rows) and two shared buffers serve the first and
    // second dropped layer of each segment (max(9, 7) and max(5, 9) rows).
    EXPECT_EQ(net(3).activation_floats(), 2 * (8 + 6 + 4 + 9 + 9) * 8);
    // Every 2nd: layers 1, 3, 5, 6 keep theirs (5 + 7 + 6 + 4), one shared buffer of max(9, 8, 9) rows.
    EXPECT_EQ(net(2).activation_floats(), 2 * (5 + 7 + 6 + 4 + 9) * 8);
}

#ifdef PHASOR_COUNT_MALLOC
TEST(Checkpointing, AWarmBackwardAllocatesNothing) {
    const Mat X = inputs(8);
    BatchMlp mlp = net(3);
    Mat P(mlp.out(), 8), dZ(mlp.out(), 8);
    const std::vector<std::int32_t> labels{0, 3, 1, 2, 3, 0, 1, 2};
    auto step = [&] {
        mlp.forward(X);
        softmax_cross_entropy(mlp.logits(), labels, P.leftCols(8), dZ.leftCols(8));
        mlp.backward(X, dZ, true);
    };
    step();
    EXPECT_EQ(testing::count_mallocs([&] {
                  for (int i = 0; i < 3; ++i) step();
              }),
              0);
}
#endif

} // namespace
} // namespace phasor
