// ActivationColumns: one column per newly observed tick, bounded and unrolled oldest first, cleared when a
// new run starts, the tick goes back or the network changes shape.
#include "ui/panels/stepnet/activation_columns.hpp"

#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

// Activation i of layer l at tick t is t·100 + l·10 + i, so every cell names its origin.
StepNetView coded(std::uint64_t tick, std::vector<int> sizes = {4, 3, 2}) {
    StepNetView v;
    for (std::size_t l = 0; l < sizes.size(); ++l) {
        LayerView& layer = v.layers.emplace_back();
        layer.out = sizes[l];
        for (int i = 0; i < sizes[l]; ++i)
            layer.act.push_back(static_cast<float>(tick * 100 + l * 10 + static_cast<std::size_t>(i)));
    }
    return v;
}

void observe(ActivationColumns& c, std::uint64_t tick, std::vector<int> sizes = {4, 3, 2},
             std::uint64_t run = 1) {
    c.observe(run, tick, coded(tick, std::move(sizes)));
}

TEST(ActivationColumns, OneColumnPerNewTickOldestFirst) {
    ActivationColumns c;
    EXPECT_EQ(c.columns(), 0);
    EXPECT_TRUE(c.grid(0).empty());
    observe(c, 5);
    observe(c, 5); // same tick: nothing new
    observe(c, 6);
    observe(c, 9);
    ASSERT_EQ(c.columns(), 3);
    EXPECT_EQ(c.first_tick(), 5u);
    EXPECT_EQ(c.last_tick(), 9u);
    const std::vector<float>& layer1 = c.grid(1);
    ASSERT_EQ(layer1.size(), 3u * 3u);
    const std::uint64_t ticks[] = {5, 6, 9};
    for (int i = 0; i < 3; ++i)
        for (int k = 0; k < 3; ++k)
            EXPECT_EQ(layer1[static_cast<std::size_t>(i * 3 + k)],
                      static_cast<float>(ticks[k] * 100 + 10 + i));
    EXPECT_TRUE(c.grid(7).empty());
}

TEST(ActivationColumns, BoundedAndKeepTheNewest) {
    ActivationColumns c;
    const int total = ActivationColumns::kColumns + 57;
    for (int t = 1; t <= total; ++t) observe(c, static_cast<std::uint64_t>(t));
    const int columns = ActivationColumns::kColumns;
    ASSERT_EQ(c.columns(), columns);
    EXPECT_EQ(c.first_tick(), 58u);
    const std::vector<float>& layer0 = c.grid(0);
    ASSERT_EQ(layer0.size(), 4u * static_cast<std::size_t>(columns));
    for (int i = 0; i < 4; ++i)
        for (int k = 0; k < columns; ++k)
            ASSERT_EQ(layer0[static_cast<std::size_t>(i * columns + k)],
                      static_cast<float>(58 + k) * 100.f + static_cast<float>(i));
}

TEST(ActivationColumns, ANewRunOrATickGoingBackStartsAgain) {
    ActivationColumns c;
    for (std::uint64_t t = 150; t < 160; ++t) observe(c, t);
    observe(c, 3);
    EXPECT_EQ(c.columns(), 1);
    EXPECT_EQ(c.first_tick(), 3u);
    EXPECT_EQ(c.grid(0)[0], 300.f);
    observe(c, 4, {4, 3, 2}, 2);
    EXPECT_EQ(c.columns(), 1);
}

TEST(ActivationColumns, AShapeChangeClears) {
    ActivationColumns c;
    for (std::uint64_t t = 1; t < 10; ++t) observe(c, t);
    observe(c, 10, {4, 5, 2});
    EXPECT_EQ(c.columns(), 1);
    EXPECT_EQ(c.grid(1).size(), 5u);
    observe(c, 11, {4, 5});
    EXPECT_EQ(c.columns(), 1);
    EXPECT_TRUE(c.grid(2).empty());
}

} // namespace
} // namespace phasor::ui
