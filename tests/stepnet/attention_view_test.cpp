// What the stepped network publishes about gradient attention: how much it changed each layer's last update
// (payload and series), and a histogram of the factors over their own range.
#include "test_support.hpp"

#include <algorithm>
#include <gtest/gtest.h>

namespace phasor {
namespace {

std::size_t channel(std::string_view name) {
    const auto& channels = stepnet_family().channels;
    for (std::size_t i = 0; i < channels.size(); ++i)
        if (channels[i].name == name) return i;
    ADD_FAILURE() << "no channel " << name;
    return 0;
}

float relative_change(const Eigen::Ref<const Vec>& before, float temperature) {
    Vec after = before, factors(before.size());
    apply_gradient_attention({after.data(), static_cast<std::size_t>(after.size())},
                             {factors.data(), static_cast<std::size_t>(factors.size())}, temperature);
    return (after - before).norm() / before.norm();
}

TEST(AttentionView, EffectIsHowMuchTheReweightingChangedTheLastUpdate) {
    StepNetConfig c = testing::frozen_config(
        {4, 8, 6, 3}, {Activation::Tanh, Activation::Tanh, Activation::Softmax}, BackwardMode::Aligned, 50);
    c.attention = true;
    c.temperature = 0.05f; // sharp, so that the change is large
    StepNet net(c);
    testing::Picture picture(net);
    for (int t = 0; t < 6; ++t) net.tick();
    picture.fill(net);
    const StepNetView& view = picture.view();
    const Vec x = Eigen::Map<const Vec>(view.input.data(), 4);
    const auto reference = testing::reference_backprop(net.layers(), x, view.input_label);
    float mean = 0.f;
    for (int l = 0; l < net.layer_count(); ++l) {
        const auto li = static_cast<std::size_t>(l);
        const Vec g = Eigen::Map<const Vec>(reference.w[li].data(), reference.w[li].size());
        const float expected = relative_change(g, c.temperature);
        EXPECT_GT(expected, 0.1f);
        EXPECT_NEAR(view.layers[li].attention_effect, expected, 1e-4f * expected) << l;
        EXPECT_NEAR(view.layers[li].attention_effect_bias, relative_change(reference.b[li], c.temperature),
                    1e-4f)
            << l;
        mean += view.layers[li].attention_effect / static_cast<float>(net.layer_count());
    }
    SeriesSample sample;
    net.sample(sample);
    EXPECT_NEAR(sample.values[channel("attention_effect")], mean, 1e-6f);

    ASSERT_FALSE(net.set(testing::stepnet_row("train.attention"), false));
    net.tick();
    picture.fill(net);
    for (const LayerView& layer : picture.view().layers) {
        EXPECT_EQ(layer.attention_effect, 0.f);
        EXPECT_EQ(layer.attention_effect_bias, 0.f);
    }
    net.sample(sample);
    EXPECT_EQ(sample.values[channel("attention_effect")], 0.f);
}

// At a high temperature every factor is 1 ± a little: the bins span that little, not [0, max].
TEST(AttentionView, HistogramSpansTheFactorsOwnRange) {
    StepNetConfig c;
    c.temperature = 1e4f;
    StepNet net(c);
    testing::Picture picture(net);
    for (int t = 0; t < 300; ++t) net.tick();
    picture.fill(net);
    for (const LayerView& layer : picture.view().layers) {
        SCOPED_TRACE(layer.in);
        EXPECT_LT(layer.factor_min, layer.factor_max);
        EXPECT_GT(layer.factor_min, 0.999f);
        EXPECT_LT(layer.factor_max, 1.001f);
        float count = 0.f;
        int filled = 0;
        for (float n : layer.factor_histogram) {
            count += n;
            filled += n > 0.f;
        }
        EXPECT_EQ(count, static_cast<float>(layer.in * layer.out));
        EXPECT_GE(filled, 3) << "the spread is shown";
        EXPECT_GT(layer.factor_histogram.front(), 0.f); // the smallest factor is in the first bin
        EXPECT_GT(layer.factor_histogram.back(), 0.f);  // and the largest in the last
        EXPECT_GT(layer.attention_effect, 0.f);
        EXPECT_LT(layer.attention_effect, 1e-2f);
    }
    // Attention off: every factor is 1, all in the first bin of an empty range.
    ASSERT_FALSE(net.set(testing::stepnet_row("train.attention"), false));
    picture.fill(net);
    for (const LayerView& layer : picture.view().layers) {
        EXPECT_EQ(layer.factor_min, 1.f);
        EXPECT_EQ(layer.factor_max, 1.f);
        EXPECT_EQ(layer.factor_histogram.front(), static_cast<float>(layer.in * layer.out));
    }
}

} // namespace
} // namespace phasor
