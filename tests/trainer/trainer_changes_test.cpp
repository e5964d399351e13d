// The change log through the trainer: every applied change reaches poll_change with the tick it took effect
// and whether it started a new run; a script (TrainerOptions::script) applies its changes at exact ticks.
#include "engine/runtime/change.hpp"
#include "trainer_support.hpp"

namespace phasor {
namespace {

using namespace std::chrono_literals;
using testing::eventually;
using testing::fake_family;
using testing::fake_log;
using testing::fake_params;
using testing::TrainerTest;

using TrainerChanges = TrainerTest;

TEST_F(TrainerChanges, EveryAppliedChangeIsForwardedWithItsTickAndRun) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.start();
    trainer.post(SingleStep{5});
    ASSERT_TRUE(eventually([&] { return trainer.tick() >= 5; }));
    ASSERT_TRUE(trainer.refresh_snapshot());
    const std::uint64_t first = trainer.snapshot().run;
    trainer.post(SetParam{"fake.rate", 2.f});
    trainer.post(SetParam{"fake.rate", -2.f}); // refused: not logged
    trainer.post(SetParam{"description", std::string("a label")});
    trainer.post(SetSpeed{50});
    trainer.post(SetParam{"fake.width", std::int64_t{4}});
    ASSERT_TRUE(trainer.wait_for_commands(6, 20s));
    ASSERT_TRUE(trainer.refresh_snapshot());
    const std::uint64_t second = trainer.snapshot().run;
    ASSERT_NE(second, first);
    trainer.post(SetSpeed{0});
    trainer.post(Resume{});
    ASSERT_TRUE(eventually([&] { return trainer.tick() >= 100; }));
    trainer.post(Pause{});
    trainer.post(Reset{});
    ASSERT_TRUE(trainer.wait_for_commands(10, 20s));

    const auto changes = testing::drain_changes(trainer);
    ASSERT_EQ(changes.size(), 9u);
    auto expect = [&](std::size_t i, std::string_view key, std::string_view value, std::uint64_t run,
                      bool rebuilds) {
        SCOPED_TRACE(i);
        EXPECT_EQ(changes[i].key, key);
        EXPECT_EQ(changes[i].value, value);
        EXPECT_EQ(changes[i].run, run);
        EXPECT_EQ(changes[i].rebuilds, rebuilds);
    };
    expect(0, "step", "5", first, false);
    EXPECT_EQ(changes[0].tick, 0u);
    expect(1, "fake.rate", "2.0", first, false);
    EXPECT_EQ(changes[1].tick, 5u);
    expect(2, "description", "\"a label\"", first, false);
    EXPECT_EQ(changes[2].tick, 5u);
    expect(3, "speed", "50.0", first, false);
    expect(4, "fake.width", "4", first, true);
    EXPECT_EQ(changes[4].tick, 5u);
    expect(5, "speed", "0.0", second, false);
    EXPECT_EQ(changes[5].tick, 0u);
    expect(6, "resume", "", second, false);
    expect(7, "pause", "", second, false);
    EXPECT_GE(changes[7].tick, 100u);
    expect(8, "reset", "", second, true);
    EXPECT_EQ(changes[8].tick, changes[7].tick);
    EXPECT_EQ(trainer.changes_dropped(), 0u);
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_EQ(trainer.snapshot().changes, 9u);
}

TEST_F(TrainerChanges, ScriptedChangesApplyAtExactTicks) {
    const std::vector<std::string> entries{"100:fake.rate=2", "250:fake.depth=3", "250:description=\"mid\"",
                                           "400:reset",       "50:fake.rate=4",   "60:fake.width=7",
                                           "30:fake.depth=-1"};
    TrainerOptions options;
    options.script = parse_script(entries, fake_family().params);
    Trainer trainer(fake_params(), options);
    trainer.start();
    // The last run: reset at 400, the width change at 60 of the next run; then it runs on from tick 0.
    ASSERT_TRUE(eventually([&] { return fake_log().build_count() == 3 && trainer.tick() > 100; }));
    trainer.post(Pause{});
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    trainer.stop();

    const auto sets = fake_log().sets();
    const auto builds = fake_log().builds();
    ASSERT_EQ(builds.size(), 3u);
    ASSERT_EQ(sets.size(), 4u);
    EXPECT_EQ(sets[0].key, "fake.rate");
    EXPECT_EQ(sets[0].tick, 100u);
    EXPECT_EQ(sets[0].model, builds[0].model);
    EXPECT_EQ(sets[1].key, "fake.depth");
    EXPECT_EQ(sets[1].tick, 250u);
    EXPECT_EQ(sets[2].key, "fake.rate");
    EXPECT_EQ(sets[2].tick, 50u);
    EXPECT_EQ(sets[2].model, builds[1].model); // after the reset, on the new run's clock
    EXPECT_EQ(sets[3].key, "fake.depth");      // refused by the model: a message, not a stop
    EXPECT_EQ(sets[3].tick, 30u);
    EXPECT_EQ(sets[3].model, builds[2].model);
    EXPECT_EQ(builds[1].params.real("fake.rate"), 2.f); // the reset kept the live changes
    EXPECT_EQ(builds[1].params.text("description"), "mid");
    EXPECT_EQ(builds[2].params.integer("fake.width"), 7);

    const auto changes = testing::drain_changes(trainer);
    std::vector<std::pair<std::string, std::uint64_t>> applied;
    for (const Change& c : changes)
        if (c.key != "pause") applied.emplace_back(c.key, c.tick);
    EXPECT_EQ(applied, (std::vector<std::pair<std::string, std::uint64_t>>{{"fake.rate", 100},
                                                                           {"fake.depth", 250},
                                                                           {"description", 250},
                                                                           {"reset", 400},
                                                                           {"fake.rate", 50},
                                                                           {"fake.width", 60}}));
    const auto texts = testing::drain_messages(trainer);
    ASSERT_EQ(texts.size(), 1u);
    EXPECT_EQ(texts[0], "--at 30:fake.depth=-1: fake.depth: the fake model takes no negative depth");
}

TEST_F(TrainerChanges, AScriptWaitsForItsTickInSingleSteps) {
    TrainerOptions options = testing::paused();
    options.script = parse_script(std::vector<std::string>{"10:fake.rate=3"}, fake_family().params);
    Trainer trainer(fake_params(), options);
    trainer.start();
    trainer.post(SingleStep{9});
    ASSERT_TRUE(testing::snapshot_where(trainer, [](const Snapshot& s) { return s.tick == 9; }));
    EXPECT_EQ(*trainer.snapshot().param("fake.rate"), ParamValue{1.f});
    trainer.post(SingleStep{1}); // tick 10 reached: the change applies before the next tick runs
    trainer.post(SingleStep{1});
    ASSERT_TRUE(testing::snapshot_where(trainer, [](const Snapshot& s) { return s.tick == 11; }));
    EXPECT_EQ(*trainer.snapshot().param("fake.rate"), ParamValue{3.f});
    trainer.stop();
    const auto sets = fake_log().sets();
    ASSERT_EQ(sets.size(), 1u);
    EXPECT_EQ(sets[0].tick, 10u);
}

} // namespace
} // namespace phasor
