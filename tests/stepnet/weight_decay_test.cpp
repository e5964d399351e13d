// train.weight_decay reaches the optimizer: it changes the training and shrinks the weight matrices.
#include "engine/stepnet/stepnet.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace phasor {
namespace {

float weight_norm(const StepNet& net) {
    float squares = 0.f;
    for (const auto& layer : net.layers()) squares += layer.W.squaredNorm();
    return std::sqrt(squares);
}

TEST(WeightDecay, ChangesTrainingAndShrinksTheWeights) {
    for (auto mode : {BackwardMode::Snapshot, BackwardMode::Aligned, BackwardMode::Pipelined}) {
        StepNetConfig plain;
        plain.backward = mode;
        StepNetConfig decayed = plain;
        decayed.optimizer.weight_decay = 0.1f;
        StepNet a(plain), b(decayed);
        for (int t = 0; t < 1000; ++t) {
            a.tick();
            b.tick();
        }
        bool differ = false;
        for (int l = 0; l < a.layer_count(); ++l)
            differ = differ ||
                     a.layers()[static_cast<std::size_t>(l)].W != b.layers()[static_cast<std::size_t>(l)].W;
        EXPECT_TRUE(differ) << to_string(mode);
        EXPECT_LT(weight_norm(b), weight_norm(a)) << to_string(mode);
    }
}

} // namespace
} // namespace phasor
