// RunHistory: series appended per column, activation columns bounded and unrolled oldest first, and cleared
// when a new run starts (tick going back) or the network changes shape.
#include "ui/run_history.hpp"

#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

// A snapshot whose activation i of layer l at tick t is t·100 + l·10 + i, so every cell names its origin.
Snapshot coded(std::uint64_t tick, std::vector<int> sizes = {4, 3, 2}) {
    Snapshot s;
    s.tick = tick;
    for (std::size_t l = 0; l < sizes.size(); ++l) {
        LayerView& layer = s.layers.emplace_back();
        layer.out = sizes[l];
        for (int i = 0; i < sizes[l]; ++i)
            layer.act.push_back(static_cast<float>(tick * 100 + l * 10 + static_cast<std::size_t>(i)));
    }
    return s;
}

SeriesSample sample(std::uint64_t tick) {
    SeriesSample s;
    s.tick = tick;
    s.loss = 1.f / static_cast<float>(tick + 1);
    s.rolling_accuracy = 0.5f;
    s.lr = 0.01f;
    s.queue_occupancy = 2.f;
    s.attention_entropy = 0.9f;
    return s;
}

TEST(RunHistory, AppendFillsEveryColumnAtTheSampleTick) {
    RunHistory h;
    const std::vector<SeriesSample> samples{sample(10), sample(20), sample(30)};
    h.append(samples);
    ASSERT_EQ(h.series(SeriesColumn::Loss).size(), 3u);
    EXPECT_EQ(h.series(SeriesColumn::Loss)[2].x, 30.0);
    EXPECT_FLOAT_EQ(h.series(SeriesColumn::Loss)[1].y, 1.f / 21.f);
    EXPECT_FLOAT_EQ(h.series(SeriesColumn::LearningRate)[0].y, 0.01f);
    EXPECT_FLOAT_EQ(h.series(SeriesColumn::QueueOccupancy)[0].y, 2.f);
    EXPECT_FLOAT_EQ(h.series(SeriesColumn::AttentionEntropy)[0].y, 0.9f);
    EXPECT_EQ(h.series(SeriesColumn::TicksPerSecond).size(), 3u);
}

TEST(RunHistory, AppendWithATickGoingBackStartsANewRun) {
    RunHistory h;
    const std::vector<SeriesSample> old_run{sample(100), sample(200)};
    h.append(old_run);
    const std::vector<SeriesSample> new_run{sample(10)};
    h.append(new_run);
    ASSERT_EQ(h.series(SeriesColumn::Loss).size(), 1u);
    EXPECT_EQ(h.series(SeriesColumn::Loss)[0].x, 10.0);
}

TEST(RunHistory, ObserveAddsOneColumnPerNewTickOldestFirst) {
    RunHistory h;
    EXPECT_EQ(h.activation_columns(), 0);
    EXPECT_TRUE(h.activations(0).empty());
    h.observe(coded(5));
    h.observe(coded(5)); // same tick: nothing new
    h.observe(coded(6));
    h.observe(coded(9));
    ASSERT_EQ(h.activation_columns(), 3);
    EXPECT_EQ(h.first_column_tick(), 5u);
    EXPECT_EQ(h.last_tick(), 9u);
    const std::vector<float>& layer1 = h.activations(1);
    ASSERT_EQ(layer1.size(), 3u * 3u);
    const std::uint64_t ticks[] = {5, 6, 9};
    for (int i = 0; i < 3; ++i)
        for (int k = 0; k < 3; ++k)
            EXPECT_EQ(layer1[static_cast<std::size_t>(i * 3 + k)],
                      static_cast<float>(ticks[k] * 100 + 10 + i));
    EXPECT_TRUE(h.activations(7).empty());
}

TEST(RunHistory, ColumnsAreBoundedAndKeepTheNewest) {
    RunHistory h;
    const int total = RunHistory::kActivationColumns + 57;
    for (int t = 1; t <= total; ++t) h.observe(coded(static_cast<std::uint64_t>(t)));
    const int columns = RunHistory::kActivationColumns;
    ASSERT_EQ(h.activation_columns(), columns);
    EXPECT_EQ(h.first_column_tick(), 58u);
    const std::vector<float>& layer0 = h.activations(0);
    ASSERT_EQ(layer0.size(), 4u * static_cast<std::size_t>(columns));
    for (int i = 0; i < 4; ++i) {
        for (int k = 0; k < columns; ++k) {
            const auto tick = static_cast<float>(58 + k);
            ASSERT_EQ(layer0[static_cast<std::size_t>(i * columns + k)], tick * 100.f + static_cast<float>(i))
                << "neuron " << i << " column " << k;
        }
    }
}

TEST(RunHistory, TickGoingBackClearsColumnsAndTheOldRunsSeries) {
    RunHistory h;
    const std::vector<SeriesSample> old_run{sample(100), sample(200)};
    h.append(old_run);
    for (std::uint64_t t = 150; t < 160; ++t) h.observe(coded(t));
    h.observe(coded(3));
    EXPECT_EQ(h.activation_columns(), 1);
    EXPECT_EQ(h.first_column_tick(), 3u);
    EXPECT_EQ(h.activations(0)[0], 300.f);
    EXPECT_TRUE(h.series(SeriesColumn::Loss).empty());
}

TEST(RunHistory, NewRunSamplesAppendedBeforeTheResetIsObservedAreKept) {
    RunHistory h;
    for (std::uint64_t t = 150; t < 160; ++t) h.observe(coded(t));
    const std::vector<SeriesSample> old_run{sample(100)};
    h.append(old_run);
    const std::vector<SeriesSample> new_run{sample(10), sample(20)};
    h.append(new_run); // clears the old run's points itself
    h.observe(coded(25));
    EXPECT_EQ(h.series(SeriesColumn::Loss).size(), 2u);
    EXPECT_EQ(h.activation_columns(), 1);
}

TEST(RunHistory, ShapeChangeClearsTheColumns) {
    RunHistory h;
    for (std::uint64_t t = 1; t < 10; ++t) h.observe(coded(t));
    h.observe(coded(10, {4, 5, 2}));
    EXPECT_EQ(h.activation_columns(), 1);
    EXPECT_EQ(h.activations(1).size(), 5u);
    h.observe(coded(11, {4, 5}));
    EXPECT_EQ(h.activation_columns(), 1);
    EXPECT_TRUE(h.activations(2).empty());
}

TEST(RunHistory, EmptySnapshotAndClear) {
    RunHistory h;
    h.observe(Snapshot{});
    EXPECT_EQ(h.activation_columns(), 0);
    for (std::uint64_t t = 1; t < 4; ++t) h.observe(coded(t));
    const std::vector<SeriesSample> samples{sample(1)};
    h.append(samples);
    h.clear();
    EXPECT_EQ(h.activation_columns(), 0);
    EXPECT_TRUE(h.activations(0).empty());
    EXPECT_TRUE(h.series(SeriesColumn::RollingAccuracy).empty());
    h.observe(coded(1)); // a run starting at tick 1 again is recorded after a clear
    EXPECT_EQ(h.activation_columns(), 1);
}

} // namespace
} // namespace phasor::ui
