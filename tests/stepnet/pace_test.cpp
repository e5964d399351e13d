// Telemetry follows the pace the run is shown at (Model::set_pace): series samples about 30 times a second of
// shown time, an activation history with a true time axis, and training bit for bit the same at every pace.
#include "engine/trainer/trainer.hpp"
#include "support/eventually.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

TEST(Pace, TrainingIsBitForBitTheSameAtEveryPace) {
    for (const char* preset : {"lowhighmix", "spirals"}) {
        SCOPED_TRACE(preset);
        const StepNetConfig config = stepnet_config(testing::shipped(preset));
        StepNet full(config), stepping(config), slow(config), changing(config);
        full.set_pace(0);
        stepping.set_pace(1);
        slow.set_pace(100);
        testing::SeriesLog a, b, c, d;
        full.advance(6000, a);
        stepping.advance(6000, b);
        slow.advance(6000, c);
        for (double pace : {1e6, 1.0, 0.0, 250.0, 30.0, 0.0}) {
            changing.set_pace(pace);
            changing.advance(1000, d);
        }
        EXPECT_TRUE(testing::same_weights(full, stepping));
        EXPECT_TRUE(testing::same_weights(full, slow));
        EXPECT_TRUE(testing::same_weights(full, changing));
        EXPECT_EQ(full.lr(), slow.lr());
        // What is sampled does follow the pace: every 100 ticks, every tick, every 3.
        EXPECT_EQ(a.samples.size(), 60u);
        EXPECT_EQ(b.samples.size(), 6000u);
        EXPECT_EQ(c.samples.size(), 2000u);
    }
}

TEST(Pace, SeriesIntervalKeepsAboutThirtySamplesASecond) {
    StepNet net(stepnet_config(testing::shipped("lowhighmix"))); // train.series_every = 100
    auto interval = [&](double pace) {
        net.set_pace(pace);
        return net.series_interval();
    };
    EXPECT_EQ(interval(0), 100u); // full speed: the parameter's
    EXPECT_EQ(interval(1), 1u);
    EXPECT_EQ(interval(59), 1u);
    EXPECT_EQ(interval(60), 2u);
    EXPECT_EQ(interval(100), 3u);
    EXPECT_EQ(interval(2999), 99u);
    EXPECT_EQ(interval(3000), 100u);
    EXPECT_EQ(interval(1e6), 100u); // never sparser than asked for
    ASSERT_FALSE(net.set(testing::stepnet_row("train.series_every"), std::int64_t{10}));
    EXPECT_EQ(interval(3000), 10u);
    EXPECT_EQ(interval(0), 10u);
}

TEST(Pace, HistoryStrideIsOneWhenSlowAPowerOfTwoWhenFasterAndFixedAtFullSpeed) {
    EXPECT_EQ(StepNet::history_stride(0), StepNet::kFullSpeedStride);
    EXPECT_EQ(StepNet::kFullSpeedStride, 16384u);
    EXPECT_EQ(StepNet::history_stride(1), 1u);
    EXPECT_EQ(StepNet::history_stride(60), 1u);
    EXPECT_EQ(StepNet::history_stride(80), 1u);  // 1.33 → 1
    EXPECT_EQ(StepNet::history_stride(100), 2u); // 1.67 → 2
    EXPECT_EQ(StepNet::history_stride(1000), 16u);
    EXPECT_EQ(StepNet::history_stride(7680), 128u);
    EXPECT_EQ(StepNet::history_stride(1e6), 16384u);
}

// At a slow pace every tick is a column; each column holds the layer's activations of the tick it is tagged
// with.
TEST(Pace, HistoryColumnsAreTheActivationsOfTheirTicks) {
    StepNet net(stepnet_config(testing::shipped("lowhighmix")));
    net.set_pace(10);
    testing::Picture picture(net);
    std::vector<std::vector<std::vector<float>>> seen; // per tick, per layer
    for (int t = 0; t < 300; ++t) {
        net.tick();
        picture.fill(net);
        auto& tick = seen.emplace_back();
        for (const LayerView& layer : picture.view().layers) tick.push_back(layer.act);
    }
    const StepNetView& view = picture.view();
    EXPECT_EQ(view.history_stride, 1u);
    ASSERT_EQ(view.history_ticks.size(), StepNetView::kHistoryColumns);
    for (std::size_t c = 0; c < view.history_ticks.size(); ++c) EXPECT_EQ(view.history_ticks[c], 60 + c);
    for (std::size_t l = 0; l < view.layers.size(); ++l) {
        const LayerView& layer = view.layers[l];
        const std::size_t rows = layer.history_neurons.size();
        ASSERT_EQ(rows, static_cast<std::size_t>(layer.out));
        ASSERT_EQ(layer.history.size(), rows * StepNetView::kHistoryColumns);
        for (std::size_t c = 0; c < view.history_ticks.size(); ++c)
            for (std::size_t i = 0; i < rows; ++i)
                ASSERT_EQ(layer.history[c * rows + i], seen[view.history_ticks[c]][l][i])
                    << "layer " << l << " column " << c << " neuron " << i;
    }
}

TEST(Pace, ColumnsKeepTheirTicksWhenTheStrideChanges) {
    StepNet net(stepnet_config(testing::shipped("lowhighmix")));
    testing::NullSeries series;
    testing::Picture picture(net);
    net.advance(100'000, series); // full speed: a column every 16,384 ticks
    picture.fill(net);
    EXPECT_EQ(picture.view().history_ticks,
              (std::vector<std::uint64_t>{0, 16384, 32768, 49152, 65536, 81920, 98304}));
    EXPECT_EQ(picture.view().history_stride, 16384u);
    net.set_pace(100); // every 2nd tick from now on
    net.advance(9, series);
    picture.fill(net);
    EXPECT_EQ(picture.view().history_ticks,
              (std::vector<std::uint64_t>{0, 16384, 32768, 49152, 65536, 81920, 98304, 100000, 100002, 100004,
                                          100006, 100008}));
    EXPECT_EQ(picture.view().history_stride, 2u);
    EXPECT_EQ(picture.view().history_stride_from, 100'000u);
}

// The runtime's side: a rebuilt run is told the pace again, and the trainer's single steps show every tick.
TEST(Pace, ARebuiltRunKeepsThePace) {
    phasor::Run run(testing::shipped("lowhighmix"));
    run.set_pace(1);
    EXPECT_EQ(testing::stepnet(run).series_interval(), 1u);
    const std::uint64_t id = run.id();
    ASSERT_FALSE(run.set_text("train.optimizer", "\"adamw\"")); // a new model
    ASSERT_NE(run.id(), id);
    EXPECT_EQ(testing::stepnet(run).series_interval(), 1u);
    run.set_pace(0);
    EXPECT_EQ(testing::stepnet(run).series_interval(), 100u);
}

TEST(Pace, SingleStepsInTheTrainerGiveAColumnPerTick) {
    using namespace std::chrono_literals;
    Trainer trainer(testing::shipped("lowhighmix"),
                    {.start_paused = true, .ticks_per_second = 0, .script = {}, .pause_at = {}});
    trainer.start();
    trainer.post(SingleStep{5});
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    ASSERT_TRUE(testing::eventually(
        [&] {
            trainer.refresh_snapshot();
            return trainer.snapshot().tick == 5;
        },
        5s));
    const StepNetView* view = trainer.snapshot().payload_as<StepNetView>();
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(view->history_stride, 1u);
    EXPECT_EQ(view->history_ticks, (std::vector<std::uint64_t>{0, 1, 2, 3, 4}));
}

TEST(Pace, WideLayersKeepAHundredAndTwentyEightNeuronsEvenlySpaced) {
    StepNet net(stepnet_config(testing::stepnet_params({{"network.layers", "[4, 300, 3]"}})));
    net.set_pace(1);
    testing::Picture picture(net);
    for (int t = 0; t < 5; ++t) net.tick();
    picture.fill(net);
    const LayerView& wide = picture.view().layers[0];
    ASSERT_EQ(wide.history_neurons.size(), StepNetView::kMaxHistoryNeurons);
    EXPECT_EQ(wide.history_neurons[1], 2); // 300/128 = 2.34 apart
    EXPECT_EQ(wide.history_neurons.back(), 297);
    ASSERT_EQ(wide.history.size(), 5 * StepNetView::kMaxHistoryNeurons);
    EXPECT_EQ(wide.history[4 * 128 + 127], wide.act[297]); // the last column is this tick's
    EXPECT_EQ(picture.view().layers[1].history_neurons, (std::vector<int>{0, 1, 2}));
}

} // namespace
} // namespace phasor
