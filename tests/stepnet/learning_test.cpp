// Learning on the shipped presets: the accuracy the issue promises, reached by every seed, not on average.
#include "support/stepnet_support.hpp"

#include <gtest/gtest.h>
#include <string>
#include <vector>

namespace phasor {
namespace {

StepNetConfig preset(const char* name, std::vector<std::string> overrides = {}) {
    return stepnet_config(testing::shipped(name, overrides));
}

// Trains seeds first..last for the preset's ticks (or `ticks`); returns the seeds that missed 100 % held-out.
std::vector<std::uint64_t> seeds_below_100(StepNetConfig cfg, std::uint64_t first, std::uint64_t last,
                                           std::uint64_t ticks = 0) {
    std::vector<std::uint64_t> missed;
    for (std::uint64_t seed = first; seed <= last; ++seed) {
        cfg.seed = seed;
        StepNet net(cfg);
        for (std::uint64_t t = 0; t < (ticks ? ticks : cfg.ticks); ++t) net.tick();
        EXPECT_FALSE(net.diverged());
        if (net.evaluate().accuracy < 1.f) missed.push_back(seed);
    }
    return missed;
}

TEST(Learning, LowHighMixAlignedReaches100PercentForSeeds1To20Within50000Ticks) {
    const auto cfg = preset("lowhighmix");
    ASSERT_EQ(cfg.layers, (std::vector<int>{4, 32, 16, 3}));
    ASSERT_EQ(cfg.backward, BackwardMode::Aligned);
    EXPECT_EQ(seeds_below_100(cfg, 1, 20, 50000), std::vector<std::uint64_t>{});
}

// The other update rules learn the default task too: AdamW at a rate for Adam, and SGD in batches of 8 (one
// update per 8 scored ticks, so fewer updates in the same ticks) with a little L2. Over seeds 1-130 (AVX2's
// arithmetic) both reach 100 % by tick 3,000 and stay there. AdamW at the preset's SGD rate 0.02 does not:
// 4 of those 130 seeds collapse to one or two classes for good (seed 1 among them with AVX2, none of 1-60
// with AVX-512's rounding), which is why the preset tells AdamW users to lower the rate.
TEST(Learning, LowHighMixWithAdamWOrBatchesAndL2ReachesAHundredPercent) {
    EXPECT_EQ(
        seeds_below_100(preset("lowhighmix", {"train.optimizer=\"adamw\"", "train.lr=0.005"}), 1, 20, 6000),
        std::vector<std::uint64_t>{});
    EXPECT_EQ(seeds_below_100(preset("lowhighmix", {"train.batch=8", "train.l2=0.001"}), 1, 20, 6000),
              std::vector<std::uint64_t>{});
}

TEST(Learning, XorReaches100PercentForSeeds1To20) {
    const auto cfg = preset("xor");
    ASSERT_EQ(cfg.task.name, "xor");
    EXPECT_EQ(seeds_below_100(cfg, 1, 20), std::vector<std::uint64_t>{});
}

TEST(Learning, LowHighMixLearnsInTheOtherModesToo) {
    for (const char* mode : {"snapshot", "pipelined"})
        EXPECT_EQ(seeds_below_100(preset("lowhighmix", {std::string("train.backward=") + mode}), 1, 5, 50000),
                  std::vector<std::uint64_t>{})
            << mode;
}

// Parity with a new pattern every tick separates the modes: aligned learns it, snapshot (which mixes samples
// on every tick) cannot.
TEST(Learning, ParityNeedsAlignedGradientsWhenInputsSwitchEveryTick) {
    const auto cfg = preset("parity4");
    ASSERT_EQ(cfg.layers, (std::vector<int>{4, 8, 8, 4, 2}));
    EXPECT_LE(seeds_below_100(cfg, 1, 5).size(), 1u);
    EXPECT_EQ(seeds_below_100(preset("parity4", {"train.backward=snapshot"}), 1, 3).size(), 3u);
}

// Over seeds, not one: a single seed's accuracy moves with the compiler's flags (seed 1 gave 94.5 % in a
// release build and 76 % under AddressSanitizer). Release builds give 9 of seeds 1-10 at 94 % or more and
// seed 10 at 59 %.
TEST(Learning, TwoDimensionalClassroomSetIsLearntWellByMostSeeds) {
    auto cfg = preset("spirals");
    int good = 0;
    std::vector<float> accuracies;
    for (std::uint64_t seed = 1; seed <= 10; ++seed) {
        cfg.seed = seed;
        StepNet net(cfg);
        for (std::uint64_t t = 0; t < cfg.ticks; ++t) net.tick();
        accuracies.push_back(net.evaluate().accuracy);
        good += accuracies.back() >= 0.9f;
    }
    EXPECT_GE(good, 8) << ::testing::PrintToString(accuracies);
}

} // namespace
} // namespace phasor
