// Run: the divergence rule (checkpoints, faults, restore), changes and their log, and the stepped network's
// pipeline after a restore.
#include "engine/core/error.hpp"
#include "support/fake_family.hpp"
#include "support/stepnet_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace phasor {
namespace {

using testing::fake_log;
using testing::fake_params;
using testing::FakeModel;

class RunTest : public ::testing::Test {
  protected:
    void SetUp() override { fake_log().reset(); }
    testing::NullSeries series;
};

const FakeModel& fake(const phasor::Run& run) {
    return dynamic_cast<const FakeModel&>(run.model());
}

TEST_F(RunTest, BuildingTakesAFirstCheckpoint) {
    phasor::Run run(fake_params());
    EXPECT_EQ(run.ticks(), 0u);
    EXPECT_EQ(run.model().checkpoint_tick(), 0u);
    EXPECT_EQ(fake_log().checkpoints(), std::vector<std::uint64_t>{0});
    EXPECT_EQ(run.channels().size(), 3u); // the family's two, then the measured speed
    EXPECT_EQ(run.channels().back().name, kTicksPerSecond.name);
}

TEST_F(RunTest, AFiniteStateIsCheckpointedEveryCheckpointEveryTicks) {
    phasor::Run run(fake_params({{"fake.checkpoint_every", std::int64_t{100}}}));
    for (int i = 0; i < 350; ++i) run.advance(1, series);
    EXPECT_EQ(fake_log().checkpoints(), (std::vector<std::uint64_t>{0, 100, 200, 300}));
    EXPECT_EQ(run.model().checkpoint_tick(), 300u);
}

// However the ticks are batched, no two checkpoints are further apart than checkpoint_every(): a fault never
// loses more than that many ticks.
TEST_F(RunTest, CheckpointsKeepTheirSpacingWhateverTheBatchSize) {
    for (std::uint64_t batch : {1u, 30u, 100u, 250u, 4096u}) {
        SCOPED_TRACE(batch);
        fake_log().reset();
        phasor::Run run(fake_params({{"fake.checkpoint_every", std::int64_t{100}}}));
        while (run.ticks() < 1000) run.advance(std::min<std::uint64_t>(batch, 1000 - run.ticks()), series);
        const auto checkpoints = fake_log().checkpoints();
        ASSERT_FALSE(checkpoints.empty());
        for (std::size_t i = 1; i < checkpoints.size(); ++i)
            EXPECT_LE(checkpoints[i] - checkpoints[i - 1], 100u)
                << "between checkpoints " << i - 1 << " and " << i;
        EXPECT_GE(checkpoints.back(), 900u);
    }
}

TEST_F(RunTest, ANonFiniteLossRestoresTheCheckpointAndReportsWhereAndFromWhen) {
    phasor::Run run(
        fake_params({{"fake.checkpoint_every", std::int64_t{100}}, {"fake.nan_at", std::int64_t{250}}}));
    EXPECT_EQ(run.advance(1000, series), 250u); // stopped after the faulty tick
    EXPECT_EQ(run.ticks(), 250u);
    EXPECT_EQ(run.model().fault(), nullptr); // already restored
    const float restored = fake(run).weight();
    const auto report = run.take_fault();
    ASSERT_TRUE(report);
    EXPECT_EQ(report->at, 250u);
    EXPECT_EQ(report->restored_from, run.model().checkpoint_tick());
    EXPECT_LT(report->restored_from, 250u);
    EXPECT_EQ(report->fault.what, "loss is not finite");
    EXPECT_FALSE(report->fault.thrown);
    EXPECT_EQ(report->describe(),
              fmt::format("diverged at tick 250 (loss is not finite); restored the state of tick {}",
                          report->restored_from));
    EXPECT_EQ(fake_log().restores(), 1);
    EXPECT_EQ(run.model().fault(), nullptr);
    EXPECT_FALSE(run.take_fault()); // taken once
    // Restored to the state of that tick: the weight a clean run had then.
    phasor::Run clean(fake_params({{"fake.checkpoint_every", std::int64_t{100}}}));
    clean.advance(report->restored_from, series);
    EXPECT_EQ(restored, fake(clean).weight());
    // And it carries on.
    EXPECT_EQ(run.advance(100, series), 100u);
    EXPECT_FALSE(run.take_fault());
}

TEST_F(RunTest, AFaultInSmallStepsRestoresTheLatestCheckpoint) {
    phasor::Run run(
        fake_params({{"fake.checkpoint_every", std::int64_t{100}}, {"fake.nan_at", std::int64_t{250}}}));
    std::optional<FaultReport> report;
    for (int i = 0; i < 300 && !report; ++i) {
        run.advance(1, series);
        report = run.take_fault();
    }
    ASSERT_TRUE(report);
    EXPECT_EQ(report->at, 250u);
    EXPECT_EQ(report->restored_from, 200u);
    EXPECT_EQ(report->describe(),
              "diverged at tick 250 (loss is not finite); restored the state of tick 200");
    phasor::Run clean(fake_params({{"fake.checkpoint_every", std::int64_t{100}}}));
    clean.advance(200, series);
    EXPECT_EQ(fake(run).weight(), fake(clean).weight());
}

TEST_F(RunTest, ANonFiniteStateAtACheckpointIsAFault) {
    phasor::Run run(fake_params(
        {{"fake.checkpoint_every", std::int64_t{100}}, {"fake.nan_state_from", std::int64_t{150}}}));
    for (int i = 0; i < 10; ++i) run.advance(20, series);
    const auto report = run.take_fault();
    ASSERT_TRUE(report);
    EXPECT_EQ(report->at, 200u);
    EXPECT_EQ(report->restored_from, 100u);
    EXPECT_EQ(report->fault.what, "state is not finite");
    EXPECT_TRUE(run.model().state_finite());
}

TEST_F(RunTest, VerifyCatchesANonFiniteStateBetweenCheckpoints) {
    phasor::Run run(fake_params({{"fake.nan_state_from", std::int64_t{5}}}));
    run.advance(10, series);
    EXPECT_FALSE(run.take_fault()); // no checkpoint is due yet
    run.verify();
    const auto report = run.take_fault();
    ASSERT_TRUE(report);
    EXPECT_EQ(report->at, 10u);
    EXPECT_EQ(report->restored_from, 0u);
    EXPECT_TRUE(run.model().state_finite());
    run.verify();
    EXPECT_FALSE(run.take_fault());
}

TEST_F(RunTest, TicksRunWithNumbersTooSmallToBeNormalFlushedToZeroAndTheThreadKeepsItsOwnMode) {
    // The fake weight halves every tick from 1 and adds the rate, here the smallest subnormal, which counts
    // as 0: 2^-126 after 126 ticks, then 2^-127, which is not a normal float.
    const float subnormal = std::numeric_limits<float>::denorm_min();
    phasor::Run run(fake_params({{"fake.rate", subnormal}, {"seed", std::int64_t{1}}}));
    run.advance(126, series);
    EXPECT_EQ(fake(run).weight(), std::ldexp(1.f, -126)) << "the smallest normal float";
    run.advance(1, series);
    EXPECT_EQ(fake(run).weight(), 0.f) << "flushed, not kept as a subnormal";
    // Outside advance the caller's thread computes subnormals as before.
    volatile float smallest = std::ldexp(1.f, -126);
    EXPECT_GT(smallest * 0.5f, 0.f);
}

TEST_F(RunTest, AFiniteBlowUpIsDivergenceToo) {
    // The fake weight settles at twice the rate: 2e7 is finite, and 2e7 times its start (1), past the bound.
    phasor::Run run(fake_params({{"fake.rate", 1e7f}, {"seed", std::int64_t{1}}}));
    EXPECT_EQ(run.advance(5000, series), 1000u) << "caught at the first checkpoint past the bound";
    const auto report = run.take_fault();
    ASSERT_TRUE(report);
    EXPECT_EQ(report->restored_from, 0u);
    EXPECT_NE(report->describe().find("the weights blew up: largest 2e+07, past 1e+06 times their start (1)"),
              std::string::npos)
        << report->describe();
    EXPECT_EQ(fake(run).weight(), 1.f) << "back to the last good state";

    // Under the bound a large but steady state is no fault.
    phasor::Run steady(fake_params({{"fake.rate", 4e5f}, {"seed", std::int64_t{1}}}));
    EXPECT_EQ(steady.advance(5000, series), 5000u);
    EXPECT_FALSE(steady.take_fault());
}

TEST_F(RunTest, AHugeLearningRateOnXorIsCaughtThoughEveryNumberStaysFinite) {
    phasor::Run run(testing::shipped("xor", {"train.lr=1e30"}));
    run.advance(5000, series);
    const auto report = run.take_fault();
    ASSERT_TRUE(report) << "the run went on at chance with a loss of 1e28";
    EXPECT_NE(report->describe().find("blew up"), std::string::npos) << report->describe();
    EXPECT_LE(testing::stepnet(run).state_scale(), phasor::Run::kBlowUp) << "restored";
}

TEST_F(RunTest, AThrowingModelIsAFaultThatRestores) {
    phasor::Run run(fake_params({{"fake.throw_at", std::int64_t{42}}}));
    EXPECT_EQ(run.advance(100, series), 42u);
    const auto report = run.take_fault();
    ASSERT_TRUE(report);
    EXPECT_TRUE(report->fault.thrown);
    EXPECT_EQ(report->fault.what, "the fake model threw at tick 42");
    EXPECT_EQ(report->describe(),
              "failed at tick 42 (the fake model threw at tick 42); restored the state of tick 0");
    EXPECT_EQ(fake_log().restores(), 1);
    EXPECT_EQ(run.advance(100, series), 100u);
}

TEST_F(RunTest, ARefusedChangeChangesNothingAndLogsNothing) {
    phasor::Run run(fake_params());
    run.advance(50, series);
    const ParamSet before = run.params();
    const std::uint64_t id = run.id();
    const float weight = fake(run).weight();
    const std::vector<std::pair<std::string_view, ParamValue>> refused{
        {"fake.rate", -1.f},                // the table
        {"fake.rate", std::int64_t{1}},     // the type
        {"fake.depth", std::int64_t{-3}},   // the model
        {"fake.width", std::int64_t{1000}}, // the family's check, on a structural change
        {"ticks", std::int64_t{10}},        // read by `phasor run` only
        {"fake.nope", 1.f},                 // no such parameter
    };
    for (const auto& [key, value] : refused) {
        const auto why = run.set(key, value);
        ASSERT_TRUE(why) << key;
        EXPECT_NE(why->find(key), std::string::npos) << *why;
    }
    EXPECT_TRUE(run.set_text("fake.rate", "fast"));
    EXPECT_EQ(run.params(), before);
    EXPECT_EQ(run.id(), id);
    EXPECT_EQ(run.ticks(), 50u);
    EXPECT_EQ(fake(run).weight(), weight);
    EXPECT_TRUE(run.log().empty());
    EXPECT_EQ(fake_log().build_count(), 1u);
}

TEST_F(RunTest, EveryAppliedChangeIsLoggedWithItsTickAndWhetherItRebuilds) {
    phasor::Run run(fake_params());
    const std::uint64_t first = run.id();
    run.advance(100, series);
    ASSERT_FALSE(run.set("fake.rate", 0.5f));
    ASSERT_FALSE(run.set_text("description", "\"now\""));
    run.advance(20, series);
    ASSERT_FALSE(run.set_text("fake.width", "8"));
    const std::uint64_t second = run.id();
    EXPECT_NE(second, first);
    EXPECT_EQ(run.ticks(), 0u);
    run.advance(30, series);
    ASSERT_FALSE(run.reset());
    const std::uint64_t third = run.id();
    run.note("pause");
    ParamSet other = fake_params({{"name", std::string("other")}});
    ASSERT_FALSE(run.load(other, "other"));
    EXPECT_EQ(run.params(), other);

    const std::vector<Change>& log = run.log();
    ASSERT_EQ(log.size(), 6u);
    auto expect = [&](std::size_t i, std::uint64_t tick, std::uint64_t id, std::string_view key,
                      std::string_view value, bool rebuilds) {
        SCOPED_TRACE(i);
        EXPECT_EQ(log[i].tick, tick);
        EXPECT_EQ(log[i].run, id);
        EXPECT_EQ(log[i].key, key);
        EXPECT_EQ(log[i].value, value);
        EXPECT_EQ(log[i].rebuilds, rebuilds);
    };
    expect(0, 100, first, "fake.rate", "0.5", false);
    expect(1, 100, first, "description", "\"now\"", false);
    expect(2, 120, first, "fake.width", "8", true);
    expect(3, 30, second, "reset", "", true);
    expect(4, 0, third, "pause", "", false);
    expect(5, 0, third, "load", "\"other\"", true);
    // The rebuilds were built from the changed parameters, live changes included.
    const auto builds = fake_log().builds();
    ASSERT_EQ(builds.size(), 4u);
    EXPECT_EQ(builds[1].params.integer("fake.width"), 8);
    EXPECT_EQ(builds[1].params.real("fake.rate"), 0.5f);
    EXPECT_EQ(builds[2].params, builds[1].params);
    EXPECT_EQ(builds[3].params, other);
}

TEST_F(RunTest, FillWritesTheHeaderAndKeepsThePayloadOfTheSameRun) {
    phasor::Run run(fake_params({{"fake.rate", 0.25f}}));
    run.advance(7, series);
    Snapshot s;
    run.fill(s);
    EXPECT_EQ(s.family, &testing::fake_family());
    EXPECT_EQ(s.run, run.id());
    EXPECT_EQ(s.tick, 7u);
    ASSERT_EQ(s.params.size(), run.params().values().size());
    EXPECT_EQ(*s.param("fake.rate"), ParamValue{0.25f});
    EXPECT_EQ(s.metric("rate"), 0.25f);
    const Payload* payload = s.payload.get();
    run.advance(1, series);
    run.fill(s);
    EXPECT_EQ(s.payload.get(), payload); // same run: the payload is filled again, not made again
    ASSERT_FALSE(run.reset());
    run.fill(s);
    EXPECT_EQ(s.run, run.id());
    EXPECT_EQ(testing::fake_view(s).model, fake(run).serial());
}

// After a restore the stepped network starts its pipeline afresh: the delay queue is empty, and no update
// pairs an output with a target from before the divergence.
TEST(RunStepNet, ARestoreEmptiesTheDelayQueue) {
    phasor::Run run(testing::shipped(
        "lowhighmix",
        {"network.loss=mse", R"(network.activations=["relu", "tanh", "identity"])", "task.hold_ticks=1"}));
    testing::NullSeries series;
    run.advance(300, series);
    ASSERT_FALSE(run.set("train.lr", 1e30f));
    std::optional<FaultReport> report;
    for (int i = 0; i < 1000 && !report; ++i) {
        run.advance(1, series);
        report = run.take_fault();
    }
    ASSERT_TRUE(report) << "did not diverge";
    const std::uint64_t restored_at = run.ticks();
    const StepNet& net = testing::stepnet(run);
    EXPECT_EQ(net.queue().size(), 0);
    EXPECT_TRUE(net.weights_finite());
    EXPECT_EQ(report->restored_from, 300u); // the change made the state before it the checkpoint

    ASSERT_FALSE(run.set("train.lr", 0.01f));
    Snapshot s;
    run.fill(s);
    EXPECT_EQ(s.payload_as<StepNetView>()->scored_label, -1); // nothing scored since the restore
    EXPECT_TRUE(s.payload_as<StepNetView>()->queue.empty());
    for (int t = 0; t < 20; ++t) {
        run.advance(1, series);
        ASSERT_FALSE(run.take_fault());
        run.fill(s);
        const StepNetView& view = *s.payload_as<StepNetView>();
        for (const QueueSlot& slot : view.queue) EXPECT_GE(slot.from_tick, restored_at) << "t=" << t;
        if (view.scored_label >= 0) {
            EXPECT_GE(view.scored_from_tick, restored_at) << "t=" << t;
        }
        // The first target scored after the restore is the one pushed at the restore tick, lag ticks later.
        EXPECT_EQ(view.scored_label >= 0, t >= 2) << "t=" << t;
    }
}

} // namespace
} // namespace phasor
