// A model whose components run on their own threads, through the real Trainer: run control reaches every
// thread, every published snapshot is consistent, live changes land at a safe point, a throwing or non-finite
// component is named, round-robin runs are bit-identical, and no thread outlives the trainer.
#include "engine/runtime/change.hpp"
#include "engine/runtime/run.hpp"
#include "engine/trainer/trainer.hpp"
#include "support/eventually.hpp"
#include "worker_family.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>

namespace phasor {
namespace {

using namespace std::chrono_literals;
using testing::eventually;
using testing::total;
using testing::worker_params;
using testing::worker_view;

TrainerOptions paused() {
    return {.start_paused = true, .ticks_per_second = 0, .script = {}, .pause_at = {}};
}

// Posts a change that every snapshot shows and waits for the snapshot it forces: the published picture of
// now.
const Snapshot& fresh(Trainer& trainer) {
    trainer.post(SetSpeed{0});
    EXPECT_TRUE(trainer.wait_for_commands(trainer.commands_posted(), 20s));
    trainer.refresh_snapshot();
    return trainer.snapshot();
}

void expect_consistent(const Snapshot& s) {
    const auto& v = worker_view(s);
    ASSERT_EQ(v.a.size(), v.b.size());
    for (std::size_t i = 0; i < v.a.size(); ++i) {
        EXPECT_EQ(v.a[i], v.b[i]) << "worker " << i << " was caught mid-step at tick " << s.tick;
        EXPECT_EQ(v.torn[i], 0u) << "worker " << i << " saw the gain change within a release";
    }
}

TEST(ThreadedTrainer, PauseStopsEveryThreadAndResumeStartsThemAgain) {
    Trainer trainer(worker_params());
    trainer.start();
    ASSERT_TRUE(testing::snapshot_where(trainer, [](const Snapshot& s) {
        const auto& a = worker_view(s).a;
        return std::all_of(a.begin(), a.end(), [](std::uint64_t n) { return n > 50; });
    }));
    trainer.post(Pause{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    const std::vector<std::uint64_t> paused_at = worker_view(fresh(trainer)).a;
    const std::uint64_t tick = trainer.tick();
    std::this_thread::sleep_for(20ms);
    EXPECT_EQ(worker_view(fresh(trainer)).a, paused_at); // no component moved
    EXPECT_EQ(trainer.tick(), tick);
    EXPECT_EQ(total(paused_at), tick);

    trainer.post(Resume{});
    ASSERT_TRUE(testing::snapshot_where(trainer, [&](const Snapshot& s) {
        const auto& a = worker_view(s).a;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i] <= paused_at[i] + 50) return false;
        return true;
    }));
}

TEST(ThreadedTrainer, SingleStepAdvancesExactlyThatManyStepsInAll) {
    for (const char* order : {"free", "round_robin"}) {
        SCOPED_TRACE(order);
        Trainer trainer(worker_params({{"workers.order", std::string(order)}}), paused());
        trainer.start();
        trainer.post(SingleStep{37});
        ASSERT_TRUE(testing::snapshot_where(trainer, [](const Snapshot& s) { return s.tick == 37; }));
        EXPECT_EQ(total(worker_view(trainer.snapshot()).a), 37u);
        for (int i = 0; i < 5; ++i) trainer.post(SingleStep{1});
        trainer.post(SingleStep{3});
        ASSERT_TRUE(testing::snapshot_where(trainer, [](const Snapshot& s) { return s.tick == 45; }));
        std::this_thread::sleep_for(20ms);
        const Snapshot& s = fresh(trainer);
        EXPECT_EQ(s.tick, 45u);
        EXPECT_EQ(total(worker_view(s).a), 45u);
        expect_consistent(s);
        if (std::string_view(order) == "round_robin") {
            EXPECT_EQ(worker_view(s).a, (std::vector<std::uint64_t>{12, 11, 11, 11}));
        }
    }
}

TEST(ThreadedTrainer, ResetAndStructuralChangesRebuildWithFreshThreadsAndNoneOutliveTheTrainer) {
    const int before = ComponentThreads::live_threads();
    {
        Trainer trainer(worker_params());
        EXPECT_EQ(ComponentThreads::live_threads(), before + 4);
        trainer.start();
        ASSERT_TRUE(eventually([&] { return trainer.tick() > 1000; }));
        ASSERT_TRUE(trainer.refresh_snapshot() || true);
        const std::uint64_t first_model = worker_view(fresh(trainer)).model;

        trainer.post(Reset{});
        const Snapshot& reset = fresh(trainer);
        EXPECT_NE(worker_view(reset).model, first_model);
        EXPECT_EQ(ComponentThreads::live_threads(), before + 4); // the old ones are joined
        EXPECT_EQ(trainer.state(), RunState::Running);

        trainer.post(SetParam{"workers.count", std::int64_t{6}});
        ASSERT_TRUE(trainer.wait_for_commands(trainer.commands_posted(), 20s));
        EXPECT_EQ(ComponentThreads::live_threads(), before + 6);
        ASSERT_TRUE(testing::snapshot_where(trainer, [](const Snapshot& s) {
            const auto& a = worker_view(s).a;
            return a.size() == 6 && std::all_of(a.begin(), a.end(), [](std::uint64_t n) { return n > 20; });
        }));
        expect_consistent(trainer.snapshot());
    } // destroyed while running
    EXPECT_EQ(ComponentThreads::live_threads(), before);
}

TEST(ThreadedTrainer, EveryPublishedSnapshotIsConsistentWhileRunningFree) {
    Trainer trainer(worker_params({{"workers.count", std::int64_t{4}}, {"workers.work", std::int64_t{200}}}));
    trainer.start();
    std::uint64_t last_sequence = 0, checked = 0, last_tick = 0;
    for (int i = 0; i < 300; ++i) {
        // Every command forces a publish, so the snapshots come much faster than the ~60 Hz of a quiet run.
        trainer.post(SetParam{"workers.gain", 1.f + static_cast<float>(i % 7) * 0.125f});
        ASSERT_TRUE(trainer.wait_for_commands(static_cast<std::uint64_t>(i) + 1, 20s));
        if (!trainer.refresh_snapshot()) continue;
        const Snapshot& s = trainer.snapshot();
        ASSERT_GT(s.sequence, last_sequence);
        last_sequence = s.sequence;
        expect_consistent(s);
        EXPECT_EQ(total(worker_view(s).a), s.tick);
        EXPECT_EQ(worker_view(s).ticks, s.tick);
        EXPECT_GE(s.tick, last_tick);
        last_tick = s.tick;
        ++checked;
        if (::testing::Test::HasFailure()) break;
    }
    EXPECT_GE(checked, 250u);
    EXPECT_GT(last_tick, 0u);
}

TEST(ThreadedTrainer, ALiveChangeLandsAtASafePoint) {
    Trainer trainer(worker_params({{"workers.order", std::string("round_robin")}}), paused());
    trainer.start();
    trainer.post(SingleStep{20});
    trainer.post(SetParam{"workers.gain", 2.5f});
    trainer.post(SingleStep{8}); // two steps of each of the four workers
    ASSERT_TRUE(testing::snapshot_where(trainer, [](const Snapshot& s) { return s.tick == 28; }));
    const Snapshot& s = trainer.snapshot();
    EXPECT_EQ(*s.param("workers.gain"), ParamValue{2.5f});
    for (float g : worker_view(s).gain_seen) EXPECT_EQ(g, 2.5f);
    expect_consistent(s);
}

TEST(ThreadedTrainer, AThrowingComponentFailsTheRunAndIsNamed) {
    Trainer trainer(
        worker_params({{"workers.faulty", std::int64_t{2}}, {"workers.throw_at", std::int64_t{300}}}));
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Failed; }));
    EngineMessage message;
    ASSERT_TRUE(trainer.poll_message(message));
    EXPECT_TRUE(message.text.starts_with("worker 2 failed at tick ")) << message.text;
    EXPECT_NE(message.text.find("(worker 2 exploded at step 300); restored the state of tick "),
              std::string::npos)
        << message.text;
    ASSERT_TRUE(
        testing::snapshot_where(trainer, [](const Snapshot& s) { return s.state == RunState::Failed; }));
    EXPECT_EQ(trainer.snapshot().message, message.text);
    expect_consistent(trainer.snapshot());
    const std::uint64_t failed_at = trainer.tick();
    std::this_thread::sleep_for(20ms);
    EXPECT_EQ(trainer.tick(), failed_at); // paused: every thread parked

    trainer.post(Resume{});
    ASSERT_TRUE(eventually([&] { return trainer.tick() > failed_at + 2000; }));
    EXPECT_EQ(trainer.state(), RunState::Running);
}

TEST(ThreadedTrainer, ANonFiniteComponentDivergesRestoresAndIsNamed) {
    Trainer trainer(
        worker_params({{"workers.faulty", std::int64_t{1}}, {"workers.nan_at", std::int64_t{700}}}));
    trainer.start();
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Diverged; }));
    EngineMessage message;
    ASSERT_TRUE(trainer.poll_message(message));
    EXPECT_TRUE(message.text.starts_with("worker 1 diverged at tick ")) << message.text;
    EXPECT_NE(message.text.find("(value is not finite); restored the state of tick "), std::string::npos)
        << message.text;
    ASSERT_TRUE(
        testing::snapshot_where(trainer, [](const Snapshot& s) { return s.state == RunState::Diverged; }));
    const auto& v = worker_view(trainer.snapshot());
    for (float value : v.value) EXPECT_TRUE(std::isfinite(value));
    EXPECT_LT(v.steps[1], 700u); // back to the checkpoint, before the fault
    expect_consistent(trainer.snapshot());
}

// Round-robin order with the same seed, parameters and script: the same state, bit for bit, in the trainer
// and in a headless replay.
TEST(ThreadedTrainer, RoundRobinIsBitIdenticalForTheSameSeedParametersAndScript) {
    const std::vector<std::string> entries{"300:workers.gain=1.5", "600:workers.work=7",
                                           "900:workers.gain=0.25"};
    auto trained = [&](std::int64_t seed) {
        const ParamSet params =
            worker_params({{"workers.order", std::string("round_robin")}, {"seed", seed}});
        TrainerOptions options = paused();
        options.script = parse_script(entries, params.table());
        Trainer trainer(params, options);
        trainer.start();
        trainer.post(SingleStep{1000});
        EXPECT_TRUE(testing::snapshot_where(trainer, [](const Snapshot& s) { return s.tick == 1000; }));
        return trainer.snapshot();
    };
    const Snapshot a = trained(3), b = trained(3), other = trained(4);
    EXPECT_EQ(worker_view(a).value, worker_view(b).value);
    EXPECT_EQ(worker_view(a).a, worker_view(b).a);
    EXPECT_EQ(worker_view(a).gain_seen, (std::vector<float>{0.25f, 0.25f, 0.25f, 0.25f}));
    EXPECT_NE(worker_view(a).value, worker_view(other).value);

    phasor::Run headless(
        worker_params({{"workers.order", std::string("round_robin")}, {"seed", std::int64_t{3}}}));
    testing::NullSeries series;
    for (const ScriptedChange& c : parse_script(entries, headless.params().table())) {
        while (headless.ticks() < c.tick) headless.advance(c.tick - headless.ticks(), series);
        ASSERT_FALSE(headless.replay(c));
    }
    while (headless.ticks() < 1000) headless.advance(1000 - headless.ticks(), series);
    Snapshot h;
    headless.fill(h);
    EXPECT_EQ(worker_view(h).value, worker_view(a).value);
}

} // namespace
} // namespace phasor
