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

// A network that stays put (so its gradients never vanish) with attention sharp enough to change them a lot.
StepNetConfig sharp_attention() {
    StepNetConfig c = testing::frozen_config(
        {4, 8, 6, 3}, {Activation::Tanh, Activation::Tanh, Activation::Softmax}, BackwardMode::Aligned, 50);
    c.attention = true;
    c.temperature = 0.05f;
    return c;
}

// The effect over time comes on the activation history's time axis: column c holds the effect published at
// tick history_ticks[c], for the weights and the bias of every layer; with attention turned off the columns
// from then on are 0 and the older ones keep what attention did.
TEST(AttentionView, EffectHistoryIsTheEffectAtEachHistoryTick) {
    StepNet net(sharp_attention());
    net.set_pace(10); // a column every tick
    testing::Picture picture(net);
    std::vector<std::vector<std::pair<float, float>>> seen; // per tick, per layer: weights, bias
    auto step = [&] {
        net.tick();
        picture.fill(net);
        auto& tick = seen.emplace_back();
        for (const LayerView& layer : picture.view().layers)
            tick.emplace_back(layer.attention_effect, layer.attention_effect_bias);
    };
    for (int t = 0; t < 200; ++t) step();
    ASSERT_FALSE(net.set(testing::stepnet_row("train.attention"), false));
    for (int t = 0; t < 100; ++t) step();

    const StepNetView& view = picture.view();
    ASSERT_EQ(view.history_ticks.size(), StepNetView::kHistoryColumns);
    ASSERT_EQ(view.history_ticks.front(), 60u);
    for (std::size_t l = 0; l < view.layers.size(); ++l) {
        SCOPED_TRACE(l);
        const LayerView& layer = view.layers[l];
        ASSERT_EQ(layer.effect_history.size(), view.history_ticks.size());
        ASSERT_EQ(layer.effect_bias_history.size(), view.history_ticks.size());
        int acting = 0;
        for (std::size_t col = 0; col < view.history_ticks.size(); ++col) {
            const std::uint64_t tick = view.history_ticks[col];
            EXPECT_EQ(layer.effect_history[col], seen[tick][l].first) << "tick " << tick;
            EXPECT_EQ(layer.effect_bias_history[col], seen[tick][l].second) << "tick " << tick;
            if (tick >= 200) {
                EXPECT_EQ(layer.effect_history[col], 0.f) << "attention off at tick " << tick;
                EXPECT_EQ(layer.effect_bias_history[col], 0.f);
            } else {
                acting += layer.effect_history[col] > 0.01f && layer.effect_bias_history[col] > 0.f;
            }
        }
        EXPECT_EQ(acting, 140) << "every column while attention was on shows it acting";
    }
}

// At full speed the columns are kFullSpeedStride apart, and each carries that tick's effect all the same.
TEST(AttentionView, EffectHistoryAtFullSpeed) {
    StepNet net(sharp_attention());
    testing::NullSeries series;
    testing::Picture picture(net);
    net.advance(3 * StepNet::kFullSpeedStride + 1, series);
    picture.fill(net);
    const StepNetView& view = picture.view();
    ASSERT_EQ(view.history_ticks, (std::vector<std::uint64_t>{0, 16384, 32768, 49152}));
    for (const LayerView& layer : view.layers) {
        ASSERT_EQ(layer.effect_history.size(), 4u);
        for (std::size_t col = 1; col < 4; ++col) EXPECT_GT(layer.effect_history[col], 0.01f) << col;
        EXPECT_EQ(layer.effect_history.back(), layer.attention_effect) << "the last column is this tick";
    }
}

} // namespace
} // namespace phasor
