// RunHistory: a series per channel of the run's family, samples routed by run (older dropped, newer held
// until their run is observed), and the changes as markers on the current run's plots and as the session's
// log.
#include "engine/stepnet/stepnet_family.hpp"
#include "ui/run_history.hpp"

#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

Snapshot of_run(std::uint64_t run, std::uint64_t tick = 0) {
    Snapshot s;
    s.family = &stepnet_family();
    s.run = run;
    s.tick = tick;
    return s;
}

// Channel c of the sample at `tick` holds tick·10 + c, so every point names its origin.
SeriesSample sample(std::uint64_t run, std::uint64_t tick) {
    SeriesSample s;
    s.run = run;
    s.tick = tick;
    for (std::size_t c = 0; c < s.values.size(); ++c) s.values[c] = static_cast<float>(tick * 10 + c);
    return s;
}

Change change(std::uint64_t run, std::uint64_t tick, std::string key, std::string value,
              bool rebuilds = false) {
    return {tick, run, std::move(key), std::move(value), rebuilds};
}

TEST(RunHistory, OneSeriesPerChannelOfTheFamilyAndTheRuntime) {
    RunHistory h;
    h.observe(of_run(1));
    const auto channels = h.channels();
    ASSERT_EQ(channels.size(), stepnet_family().channels.size() + 1);
    EXPECT_EQ(channels.back().name, kTicksPerSecond.name);
    const std::vector<SeriesSample> samples{sample(1, 10), sample(1, 20), sample(1, 30)};
    h.append(samples);
    for (std::size_t c = 0; c < channels.size(); ++c) {
        ASSERT_EQ(h.series(c).size(), 3u);
        EXPECT_EQ(h.series(c)[2].x, 30.0);
        EXPECT_FLOAT_EQ(h.series(c)[1].y, static_cast<float>(200 + c));
    }
    ASSERT_NE(h.series("queue_occupancy"), nullptr);
    EXPECT_EQ(h.series("queue_occupancy"), &h.series(3));
    EXPECT_EQ(h.series("no_such_channel"), nullptr);
}

TEST(RunHistory, ANewerRunClearsTheSeriesAndOlderSamplesAreDropped) {
    RunHistory h;
    h.observe(of_run(1));
    const std::vector<SeriesSample> old_run{sample(1, 100), sample(1, 200)};
    h.append(old_run);
    h.observe(of_run(2));
    EXPECT_TRUE(h.series(0).empty());
    const std::vector<SeriesSample> late{sample(1, 300), sample(2, 10)};
    h.append(late);
    ASSERT_EQ(h.series(0).size(), 1u);
    EXPECT_EQ(h.series(0)[0].x, 10.0);
}

TEST(RunHistory, SamplesOfARunNotObservedYetWaitForIt) {
    RunHistory h;
    h.observe(of_run(1));
    const std::vector<SeriesSample> early{sample(2, 10), sample(2, 20)};
    h.append(early);
    EXPECT_TRUE(h.series(0).empty());
    h.observe(of_run(2, 25));
    EXPECT_EQ(h.series(0).size(), 2u);
}

TEST(RunHistory, ParameterChangesAreMarkersAtTheirTickAndRunControlOnlyLogged) {
    RunHistory h;
    h.observe(of_run(1));
    h.record(change(1, 2000, "train.lr", "0.05"));
    h.record(change(1, 2500, "pause", ""));
    h.record(change(1, 2600, "speed", "10"));
    h.record(change(1, 4000, "train.backward", "\"pipelined\""));
    ASSERT_EQ(h.markers().size(), 2u);
    EXPECT_EQ(h.markers()[0].x, 2000.0);
    EXPECT_EQ(h.markers()[0].label, "train.lr = 0.05");
    EXPECT_EQ(h.markers()[1].label, "train.backward = pipelined");
    EXPECT_EQ(h.log().size(), 4u);
}

TEST(RunHistory, AChangeThatStartedTheRunIsAMarkerAtTickZeroOfIt) {
    RunHistory h;
    h.observe(of_run(1));
    h.record(change(1, 100, "train.lr", "0.05"));
    // The reset reaches the UI before the first snapshot of the run it started...
    h.record(change(1, 500, "reset", "", true));
    EXPECT_EQ(h.markers().size(), 1u);
    h.observe(of_run(2));
    ASSERT_EQ(h.markers().size(), 1u);
    EXPECT_EQ(h.markers()[0].x, 0.0);
    EXPECT_EQ(h.markers()[0].label, "reset");
    // ...or after it.
    h.observe(of_run(3));
    h.record(change(2, 70, "seed", "7", true));
    ASSERT_EQ(h.markers().size(), 1u);
    EXPECT_EQ(h.markers()[0].label, "seed = 7");
    EXPECT_EQ(h.log().size(), 3u);
}

TEST(RunHistory, ChangesAppliedAsOneAreOneMarker) {
    RunHistory h;
    h.observe(of_run(1));
    Change layers = change(1, 300, "network.layers", "[2, 32, 16, 2]", true);
    layers.joined = true;
    h.record(change(1, 300, "task.name", "\"spirals\"", true));
    h.record(layers);
    h.observe(of_run(2));
    ASSERT_EQ(h.markers().size(), 1u);
    EXPECT_EQ(h.markers()[0].label, "task.name = spirals, network.layers = [2, 32, 16, 2]");
    EXPECT_EQ(h.log().size(), 2u) << "the log keeps each parameter";
    // Live ones too, at their tick; a change at the same tick that is not joined stays a marker of its own.
    Change depth = change(2, 50, "train.delay_depth", "3");
    depth.joined = true;
    h.record(change(2, 50, "train.lr", "0.1"));
    h.record(depth);
    h.record(change(2, 50, "train.l2", "0.01"));
    ASSERT_EQ(h.markers().size(), 3u);
    EXPECT_EQ(h.markers()[1].label, "train.lr = 0.1, train.delay_depth = 3");
    EXPECT_EQ(h.markers()[2].label, "train.l2 = 0.01");
}

TEST(RunHistory, ChangeLabels) {
    EXPECT_EQ(change_label(change(1, 0, "load", "\"xor\"", true)), "preset xor");
    EXPECT_EQ(change_label(change(1, 0, "network.layers", "[4, 8, 3]", true)), "network.layers = [4, 8, 3]");
    EXPECT_EQ(change_label(change(1, 0, "name", "\"two words\"")), "name = \"two words\"");
}

TEST(RunHistory, ClearForgetsEverything) {
    RunHistory h;
    h.observe(of_run(1));
    const std::vector<SeriesSample> samples{sample(1, 1)};
    h.append(samples);
    h.record(change(1, 1, "train.lr", "0.1"));
    h.clear();
    EXPECT_TRUE(h.markers().empty());
    EXPECT_TRUE(h.log().empty());
    EXPECT_EQ(h.family(), nullptr);
    h.observe(of_run(1)); // the same run is followed again after a clear
    EXPECT_TRUE(h.series(0).empty());
}

} // namespace
} // namespace phasor::ui
