// Live changes can be replayed: a trainer given a script trains bit-identically to a headless loop that
// applies the same script to a Run (as `phasor run --at` does), reaching the same weights at the same final
// tick.
#include "engine/core/error.hpp"
#include "engine/runtime/change.hpp"
#include "engine/trainer/trainer.hpp"
#include "support/eventually.hpp"
#include "support/stepnet_support.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

using namespace std::chrono_literals;

const std::vector<std::string> kEntries{
    "300:train.lr=0.05",
    "700:train.backward=pipelined",
    "900:train.delay_depth=3",
    "900:train.attention=false",
    "1200:reset",
    "200:task.hold_ticks=3",
    "500:seed=2",
    "100:train.schedule=constant",
    "150:train.lr=0.03",
    "400:train.temperature=2",
};
// The headless loop of `phasor run`: advance to each change's tick on the run's clock, apply it, go on.
std::vector<Change> replay(phasor::Run& run, const std::vector<ScriptedChange>& script,
                           std::uint64_t final_tick) {
    testing::NullSeries series;
    std::vector<Change> log;
    for (const ScriptedChange& c : script) {
        while (run.ticks() < c.tick) run.advance(c.tick - run.ticks(), series);
        const auto refused = run.replay(c);
        if (refused) throw InputError(*refused);
    }
    while (run.ticks() < final_tick) run.advance(final_tick - run.ticks(), series);
    EXPECT_FALSE(run.take_fault());
    log = std::move(run.log());
    return log;
}

// Pauses `trainer` once `done` holds, stops it, and returns the tick its run stopped at.
template <class Done> std::uint64_t pause_when(Trainer& trainer, Done done) {
    EXPECT_TRUE(testing::eventually(done));
    trainer.post(Pause{});
    EXPECT_TRUE(trainer.wait_for_commands(trainer.commands_posted(), 20s));
    trainer.stop();
    return trainer.run().ticks();
}

TEST(Replay, ATrainerWithAScriptTrainsWhatTheHeadlessReplayTrains) {
    const ParamSet params = testing::shipped("lowhighmix");
    const std::vector<ScriptedChange> script = parse_script(kEntries, params.table());

    TrainerOptions options;
    options.ticks_per_second = 0.0; // full speed, whatever pace the preset shows it at in the app
    options.script = script;
    Trainer trainer(params, options);
    trainer.start();
    // Running free, at the trainer's own batches; the changes still apply at their exact ticks.
    std::vector<Change> live;
    const std::uint64_t final_tick = pause_when(trainer, [&] {
        Change c;
        while (trainer.poll_change(c)) live.push_back(c);
        return live.size() >= script.size();
    });
    Change c;
    while (trainer.poll_change(c))
        if (c.key != "pause") live.push_back(c);
    ASSERT_GE(final_tick, 400u);

    phasor::Run headless(params);
    const std::vector<Change> replayed = replay(headless, script, final_tick);

    ASSERT_EQ(live.size(), replayed.size());
    for (std::size_t i = 0; i < live.size(); ++i) {
        SCOPED_TRACE(i);
        EXPECT_EQ(live[i].key, replayed[i].key);
        EXPECT_EQ(live[i].value, replayed[i].value);
        EXPECT_EQ(live[i].tick, replayed[i].tick);
        EXPECT_EQ(live[i].rebuilds, replayed[i].rebuilds);
        EXPECT_EQ(live[i].tick, script[i].tick);
    }
    EXPECT_EQ(trainer.run().params(), headless.params());
    EXPECT_EQ(trainer.run().ticks(), headless.ticks());
    EXPECT_TRUE(testing::same_weights(testing::stepnet(trainer.run()), testing::stepnet(headless)));
    EXPECT_EQ(testing::stepnet(trainer.run()).lr(), testing::stepnet(headless).lr());

    // The script mattered: without it the weights differ.
    phasor::Run plain(params);
    replay(plain, {}, final_tick);
    EXPECT_FALSE(testing::same_weights(testing::stepnet(plain), testing::stepnet(headless)));
}

TEST(Replay, SingleStepsThroughLiveChangesReplayToo) {
    const ParamSet params = testing::shipped("xor");
    const std::vector<ScriptedChange> script =
        parse_script(std::vector<std::string>{"100:train.lr=0.2", "130:train.backward=snapshot",
                                              "131:train.delay_depth=0"},
                     params.table());
    TrainerOptions options;
    options.start_paused = true;
    options.script = script;
    Trainer trainer(params, options);
    trainer.start();
    for (int i = 0; i < 20; ++i) trainer.post(SingleStep{i % 3 == 0 ? 17 : 1});
    ASSERT_TRUE(trainer.wait_for_commands(20, 20s));
    ASSERT_TRUE(testing::eventually([&] { return trainer.tick() == 7 * 17 + 13; }));
    trainer.post(SingleStep{20});
    ASSERT_TRUE(testing::eventually([&] { return trainer.tick() == 7 * 17 + 13 + 20; }));
    trainer.stop();
    phasor::Run headless(params);
    replay(headless, script, trainer.run().ticks());
    EXPECT_EQ(trainer.run().params(), headless.params());
    EXPECT_TRUE(testing::same_weights(testing::stepnet(trainer.run()), testing::stepnet(headless)));
}

} // namespace
} // namespace phasor
