// Trainer commands: order, completeness under concurrent posting, rejections as messages, and construction
// errors.
#include "trainer_support.hpp"

#include <cmath>
#include <limits>
#include <thread>

namespace phasor {
namespace {

using namespace std::chrono_literals;
using testing::fake_log;
using testing::fake_params;
using testing::TrainerTest;

using TrainerCommands = TrainerTest;

TEST_F(TrainerCommands, AppliedInPostedOrderFromOneThread) {
    Trainer trainer(fake_params());
    trainer.start();
    for (int i = 0; i < 300; ++i) {
        if (i % 3 == 0)
            trainer.post(SetParam{"fake.rate", static_cast<float>(i + 1)});
        else if (i % 3 == 1)
            trainer.post(SetParam{"fake.depth", std::int64_t{i}});
        else
            trainer.post(SetParam{"fake.series_every", std::int64_t{i}});
    }
    ASSERT_TRUE(trainer.wait_for_commands(300, 20s));
    trainer.stop();
    const auto sets = fake_log().sets();
    ASSERT_EQ(sets.size(), 300u);
    for (int i = 0; i < 300; ++i) {
        const auto& s = sets[static_cast<std::size_t>(i)];
        if (i % 3 == 0) {
            EXPECT_EQ(s.key, "fake.rate");
            EXPECT_EQ(s.value, ParamValue{static_cast<float>(i + 1)});
        } else {
            EXPECT_EQ(s.key, i % 3 == 1 ? "fake.depth" : "fake.series_every");
            EXPECT_EQ(s.value, ParamValue{std::int64_t{i}});
        }
    }
}

TEST_F(TrainerCommands, TwoPostingThreadsNoneDroppedEachInOrder) {
    Trainer trainer(fake_params());
    trainer.start();
    constexpr int kEach = 5000; // several times the queue capacity, so posting has to wait for room
    std::thread a([&] {
        for (int i = 0; i < kEach; ++i) trainer.post(SetParam{"fake.depth", std::int64_t{i}});
    });
    std::thread b([&] {
        for (int i = 0; i < kEach; ++i) trainer.post(SetParam{"fake.rate", static_cast<float>(i + 1)});
    });
    a.join();
    b.join();
    EXPECT_EQ(trainer.commands_posted(), 2u * kEach);
    ASSERT_TRUE(trainer.wait_for_commands(2 * kEach, 20s));
    trainer.stop();
    const auto sets = fake_log().sets();
    ASSERT_EQ(sets.size(), 2u * kEach);
    std::int64_t next_depth = 0;
    int next_rate = 1;
    for (const auto& s : sets) {
        if (s.key == "fake.depth")
            EXPECT_EQ(s.value, ParamValue{next_depth++});
        else
            EXPECT_EQ(s.value, ParamValue{static_cast<float>(next_rate++)});
    }
    EXPECT_EQ(next_depth, kEach);
    EXPECT_EQ(next_rate, kEach + 1);
}

TEST_F(TrainerCommands, RunControlNeverReachesTheModel) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.start();
    trainer.post(SetSpeed{1000});
    trainer.post(Resume{});
    trainer.post(Pause{});
    trainer.post(SingleStep{1});
    trainer.post(SetParam{"fake.rate", 2.f});
    ASSERT_TRUE(trainer.wait_for_commands(5, 20s));
    trainer.stop();
    const auto sets = fake_log().sets();
    ASSERT_EQ(sets.size(), 1u);
    EXPECT_EQ(sets[0].key, "fake.rate");
    EXPECT_EQ(fake_log().build_count(), 1u);
}

TEST_F(TrainerCommands, InvalidSpeedIsRejectedWithAMessage) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.start();
    trainer.post(SetSpeed{0.5});
    trainer.post(SetSpeed{2e7});
    trainer.post(SetSpeed{-3});
    trainer.post(SetSpeed{std::numeric_limits<double>::quiet_NaN()});
    trainer.post(SetSpeed{1e7}); // the bounds themselves are fine
    trainer.post(SetSpeed{1});
    trainer.post(SetSpeed{0});
    ASSERT_TRUE(trainer.wait_for_commands(7, 20s));
    const auto texts = testing::drain_messages(trainer);
    ASSERT_EQ(texts.size(), 4u);
    for (const auto& text : texts) EXPECT_NE(text.find("speed must be 0"), std::string::npos) << text;
    EXPECT_NE(texts[0].find("not 0.5"), std::string::npos) << texts[0];
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_EQ(trainer.snapshot().speed, 0.0);
    // The refusals stood until a change was accepted (the last speeds were fine).
    EXPECT_EQ(trainer.snapshot().message, "");
}

TEST_F(TrainerCommands, ARefusalStandsWithItsKeyUntilAChangeIsAccepted) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.start();
    trainer.post(SetParam{"fake.rate", -1.f});
    trainer.post(SingleStep{3}); // not a change: the refusal still stands
    ASSERT_TRUE(trainer.wait_for_commands(2, 20s));
    ASSERT_TRUE(testing::eventually([&] {
        trainer.refresh_snapshot();
        return trainer.snapshot().tick == 3;
    }));
    EXPECT_EQ(trainer.snapshot().message_key, "fake.rate");
    EXPECT_NE(trainer.snapshot().message.find("fake.rate"), std::string::npos);
    EngineMessage message;
    ASSERT_TRUE(trainer.poll_message(message));
    EXPECT_EQ(message.key, "fake.rate");
    trainer.post(SetParam{"fake.rate", 2.f});
    ASSERT_TRUE(trainer.wait_for_commands(3, 20s));
    trainer.refresh_snapshot();
    EXPECT_EQ(trainer.snapshot().message, "");
    EXPECT_EQ(trainer.snapshot().message_key, "");
}

TEST_F(TrainerCommands, RejectedValuesBecomeMessagesNamingTheKey) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.start();
    trainer.post(SetParam{"fake.depth", std::int64_t{-1}});   // the model refuses it
    trainer.post(SetParam{"fake.rate", -1.f});                // the table refuses it
    trainer.post(SetParam{"fake.rate", std::string("fast")}); // of the wrong type
    trainer.post(SetParam{"fake.rat", 1.f});                  // no such parameter
    trainer.post(SetParam{"fake.width", std::int64_t{1000}}); // the family's whole-set check refuses it
    trainer.post(SetParam{"ticks", std::int64_t{5}});         // only `phasor run` reads it
    trainer.post(SingleStep{0});
    ASSERT_TRUE(trainer.wait_for_commands(7, 20s));
    const auto texts = testing::drain_messages(trainer);
    ASSERT_EQ(texts.size(), 7u);
    EXPECT_EQ(texts[0], "fake.depth: the fake model takes no negative depth");
    EXPECT_EQ(texts[1], "fake.rate: must be > 0, got -1");
    EXPECT_EQ(texts[2], "fake.rate: expected a number");
    EXPECT_EQ(texts[3], "unknown parameter 'fake.rat'; did you mean 'fake.rate'?");
    EXPECT_EQ(texts[4], "fake.width: at most 100 for the fake model, got 1000");
    EXPECT_TRUE(texts[5].starts_with("ticks: only `phasor run` reads it")) << texts[5];
    EXPECT_NE(texts[6].find("single step needs at least 1 tick"), std::string::npos) << texts[6];
    EXPECT_EQ(trainer.tick(), 0u);
    // Nothing refused reached the model or the run's parameters; nothing was logged.
    ASSERT_TRUE(trainer.refresh_snapshot());
    const Snapshot& s = trainer.snapshot();
    EXPECT_EQ(*s.param("fake.depth"), ParamValue{std::int64_t{0}});
    EXPECT_EQ(*s.param("fake.rate"), ParamValue{1.f});
    EXPECT_EQ(*s.param("fake.width"), ParamValue{std::int64_t{3}});
    EXPECT_EQ(testing::fake_view(s).depth, 0);
    EXPECT_EQ(s.changes, 0u);
    EXPECT_TRUE(testing::drain_changes(trainer).empty());
    EXPECT_EQ(fake_log().build_count(), 1u);
    trainer.stop();
    ASSERT_EQ(fake_log().sets().size(), 1u); // only the depth reached the model, which refused it
}

TEST_F(TrainerCommands, LiveParameterShowsInTheNextSnapshot) {
    Trainer trainer(fake_params());
    trainer.start();
    trainer.post(SetParam{"fake.rate", 0.25f});
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_EQ(*trainer.snapshot().param("fake.rate"), ParamValue{0.25f});
    EXPECT_EQ(testing::fake_view(trainer.snapshot()).rate, 0.25f);
    EXPECT_EQ(trainer.snapshot().metric("rate"), 0.25f);
}

TEST_F(TrainerCommands, PostedBeforeStartApplyAfterStart) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.post(SetParam{"fake.rate", 1.5f});
    trainer.post(SetParam{"fake.rate", 2.f});
    EXPECT_EQ(trainer.commands_applied(), 0u);
    EXPECT_TRUE(fake_log().sets().empty());
    trainer.start();
    ASSERT_TRUE(trainer.wait_for_commands(2, 20s));
    trainer.stop();
    const auto sets = fake_log().sets();
    ASSERT_EQ(sets.size(), 2u);
    EXPECT_EQ(sets[1].value, ParamValue{2.f});
}

TEST_F(TrainerCommands, ConstructionErrorsPropagate) {
    EXPECT_THROW(Trainer(fake_params({{"fake.width", std::int64_t{1000}}})), InputError);
    TrainerOptions too_fast;
    too_fast.ticks_per_second = 1e9;
    EXPECT_THROW(Trainer(fake_params(), too_fast), InputError);
    too_fast.ticks_per_second = 0.5;
    EXPECT_THROW(Trainer(fake_params(), too_fast), InputError);
}

TEST_F(TrainerCommands, NeverStartedTrainerDestructsCleanly) {
    Trainer trainer(fake_params());
    ASSERT_TRUE(trainer.refresh_snapshot()); // the constructor already published a first picture
    EXPECT_EQ(trainer.snapshot().sequence, 1u);
    EXPECT_EQ(trainer.snapshot().state, RunState::Running);
    EXPECT_EQ(trainer.snapshot().family, &testing::fake_family());
    EXPECT_EQ(trainer.snapshot().tick, 0u);
    EXPECT_EQ(trainer.snapshot().run, trainer.run().id());
    EXPECT_EQ(trainer.run().ticks(), 0u);
}

TEST_F(TrainerCommands, OverfillingTheQueueBeforeStartThrowsInsteadOfHanging) {
    Trainer trainer(fake_params(), testing::paused());
    for (std::size_t i = 0; i < Trainer::kCommandCapacity; ++i) trainer.post(SetParam{"fake.rate", 0.5f});
    EXPECT_THROW(trainer.post(SetParam{"fake.rate", 0.5f}), std::logic_error);
    trainer.start();
    EXPECT_TRUE(trainer.wait_for_commands(Trainer::kCommandCapacity, 20s));
}

} // namespace
} // namespace phasor
