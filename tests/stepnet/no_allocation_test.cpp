// Advancing, series sampling and snapshot filling (evaluation, decision map and payload included) allocate
// nothing once the model and its snapshot are warm.
#include "support/allocation_counter.hpp"
#include "test_support.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#ifdef PHASOR_COUNT_MALLOC
namespace phasor {
namespace {

using testing::count_mallocs;

StepNetConfig variant(const char* mode, const char* attention, const char* loss) {
    return stepnet_config(testing::stepnet_params({{"train.backward", mode},
                                                   {"train.attention", attention},
                                                   {"network.loss", loss},
                                                   {"train.momentum", "0.9"},
                                                   {"train.weight_decay", "0.01"},
                                                   {"train.series_every", "7"}}));
}

#define FOR_EVERY_VARIANT                                                                                    \
    for (const char* mode : {"snapshot", "aligned", "pipelined"})                                            \
        for (const char* attention : {"true", "false"})                                                      \
            for (const char* loss : {"cross_entropy", "mse"})

TEST(NoAllocation, AdvanceTickAndSampleInEveryMode) {
    FOR_EVERY_VARIANT {
        SCOPED_TRACE(fmt::format("{} attention={} {}", mode, attention, loss));
        StepNet net(variant(mode, attention, loss));
        testing::NullSeries series;
        SeriesSample sample;
        net.advance(10, series);
        EXPECT_EQ(count_mallocs([&] { net.advance(3000, series); }), 0) << "advance";
        EXPECT_EQ(count_mallocs([&] {
                      for (int t = 0; t < 500; ++t) {
                          net.tick();
                          if (net.series_due()) net.sample(sample);
                      }
                  }),
                  0)
            << "tick and sample";
    }
}

// Gathering a batch, averaging it and adding the regularisation work in buffers sized at build time, also
// after the batch is changed live; AdamW's moments likewise.
TEST(NoAllocation, BatchesRegularisationAndAdamWInEveryMode) {
    for (const char* mode : {"snapshot", "aligned", "pipelined"})
        for (const char* attention : {"true", "false"}) {
            SCOPED_TRACE(fmt::format("{} attention={}", mode, attention));
            StepNet net(stepnet_config(testing::stepnet_params({{"train.backward", mode},
                                                                {"train.attention", attention},
                                                                {"train.optimizer", "\"adamw\""},
                                                                {"train.batch", "3"},
                                                                {"train.l2", "0.01"},
                                                                {"train.l1", "0.001"}})));
            testing::NullSeries series;
            net.advance(10, series);
            EXPECT_EQ(count_mallocs([&] { net.advance(3000, series); }), 0);
            ASSERT_FALSE(net.set(testing::stepnet_row("train.batch"), std::int64_t{16}));
            EXPECT_EQ(count_mallocs([&] { net.advance(3000, series); }), 0) << "after a live batch";
        }
}

// Once a fill has sized the payload (at a tick where the delay queue is full), later fills copy into it:
// at speed (far apart), and in single steps (which redraw the decision map every time).
TEST(NoAllocation, FillInEveryModeWhileTraining) {
    FOR_EVERY_VARIANT {
        SCOPED_TRACE(fmt::format("{} attention={} {}", mode, attention, loss));
        StepNet net(variant(mode, attention, loss));
        testing::Picture picture(net);
        testing::NullSeries series;
        net.advance(10, series);
        picture.fill(net);
        for (int fill = 0; fill < 24; ++fill) {
            net.advance(fill % 2 ? 1 : 250, series);
            std::vector<std::size_t> before;
            for (const LayerView& l : picture.view().layers) before.push_back(l.connections.size());
            const long allocations = count_mallocs([&] { picture.fill(net); });
            std::string connections;
            for (std::size_t l = 0; l < before.size(); ++l)
                connections += fmt::format(" layer {}: {} -> {} lines;", l, before[l],
                                           picture.view().layers[l].connections.size());
            ASSERT_EQ(allocations, 0) << "fill at tick " << net.ticks() << ";" << connections;
        }
    }
}

// At a slow pace the history takes a column every tick and samples every tick: still nothing allocated, and
// the history's copy fits the vectors make_payload sized.
TEST(NoAllocation, SlowPaceHistoryAndSamples) {
    StepNet net(stepnet_config(testing::shipped("spirals")));
    testing::Picture picture(net);
    testing::NullSeries series;
    EXPECT_EQ(count_mallocs([&] { net.set_pace(1); }), 0);
    net.advance(10, series);
    picture.fill(net);
    EXPECT_EQ(count_mallocs([&] { net.advance(500, series); }), 0);
    EXPECT_EQ(count_mallocs([&] { picture.fill(net); }), 0);
    EXPECT_EQ(picture.view().history_ticks.size(), StepNetView::kHistoryColumns);
    net.set_pace(0);
    net.advance(40'000, series);
    EXPECT_EQ(count_mallocs([&] { picture.fill(net); }), 0);
}

TEST(NoAllocation, EvaluationFillsTheSnapshotsOwnVectors) {
    StepNet net(stepnet_config(testing::shipped("lowhighmix")));
    testing::Picture picture(net);
    testing::NullSeries series;
    net.advance(500, series);
    picture.fill(net);
    // The old evaluate() returned its per-class vectors by value; evaluate_into reuses the snapshot's.
    const long allocations = count_mallocs([&] { picture.fill(net); });
    EXPECT_EQ(allocations, 0);
    EXPECT_EQ(picture.snapshot.eval.per_class_count, (std::vector<int>{2, 2, 2}));
    EXPECT_EQ(picture.snapshot.eval.per_class_accuracy.size(), 3u);
}

TEST(NoAllocation, RunAdvanceAndFillOnATwoDimensionalTask) {
    phasor::Run run(testing::shipped("xor"));
    testing::NullSeries series;
    Snapshot snapshot;
    run.advance(10, series);
    run.fill(snapshot);
    EXPECT_EQ(count_mallocs([&] { run.advance(2000, series); }), 0);
    EXPECT_EQ(count_mallocs([&] { run.fill(snapshot); }), 0);
    run.advance(1, series);
    EXPECT_EQ(count_mallocs([&] { run.fill(snapshot); }), 0);
    EXPECT_EQ(snapshot.payload_as<StepNetView>()->decision.resolution, StepNet::kDecisionResolution);
}

} // namespace
} // namespace phasor
#endif
