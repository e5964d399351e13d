// The tick loop, series sampling and snapshot filling allocate nothing once the model is built.
#include "engine/stepnet/stepnet.hpp"
#include "support/allocation_counter.hpp"

#include <gtest/gtest.h>

#ifdef PHASOR_COUNT_MALLOC
namespace phasor {
namespace {

TEST(NoAllocation, TickSampleAndFillInEveryMode) {
    for (auto mode : {BackwardMode::Snapshot, BackwardMode::Aligned, BackwardMode::Pipelined})
        for (bool attention : {true, false})
            for (auto loss : {Loss::CrossEntropy, Loss::MSE}) {
                StepNetConfig cfg;
                cfg.backward = mode;
                cfg.attention = attention;
                cfg.loss = loss;
                if (loss == Loss::MSE) cfg.activations.back() = Activation::Sigmoid;
                cfg.optimizer.momentum = 0.9f;
                cfg.optimizer.weight_decay = 0.01f;
                StepNet net(cfg);
                Snapshot snap;
                SeriesSample sample;
                for (int t = 0; t < 10; ++t) net.tick();
                net.fill(snap); // the first fill sizes the snapshot
                const long allocations = testing::count_mallocs([&] {
                    for (int t = 0; t < 2000; ++t) {
                        net.tick();
                        if (net.series_due()) net.sample(sample);
                    }
                });
                EXPECT_EQ(allocations, 0)
                    << to_string(mode) << " attention=" << attention << " " << to_string(loss);
                const long fill_allocations = testing::count_mallocs([&] { net.fill(snap); });
                // The held-out evaluation returns its per-class vectors by value: two small allocations per
                // fill, at ~60 Hz, never per tick.
                EXPECT_LE(fill_allocations, 2);
            }
}

} // namespace
} // namespace phasor
#endif
