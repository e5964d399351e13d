// A replay's scrub (Rewind): the run starts again from the recording's parameters, its script applied at
// the recorded ticks, runs to the tick asked and pauses there; played on, it pauses at the recording's end;
// a scrub back starts again and stops before changes that came later.
#include "trainer_support.hpp"

#include <memory>
#include <thread>

namespace phasor {
namespace {

using namespace std::chrono_literals;
using testing::eventually;
using testing::fake_params;
using testing::TrainerTest;

using TrainerRewind = TrainerTest;

float rate_in(const Snapshot& s) {
    return std::get<float>(s.params[s.family->params.index("fake.rate")]);
}

Rewind rewind_to(std::uint64_t tick) {
    ScriptedChange change;
    change.tick = 1000;
    change.settings = {{"fake.rate", "2.5"}};
    change.text = "1000:fake.rate=2.5";
    return Rewind{std::make_shared<const ParamSet>(fake_params()),
                  "fake",
                  {change},
                  ScriptPoint{0, tick},
                  ScriptPoint{0, 5000}};
}

TEST_F(TrainerRewind, RunsToTheTickWithTheScriptAppliedAndPausesAtTheEnd) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.start();
    trainer.post(rewind_to(3000));
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Paused && trainer.tick() == 3000; }));
    std::this_thread::sleep_for(50ms); // a scrub that overshot would show here
    EXPECT_EQ(trainer.tick(), 3000u);
    ASSERT_TRUE(testing::snapshot_where(trainer, [](const Snapshot& s) { return s.tick == 3000; }));
    EXPECT_FLOAT_EQ(rate_in(trainer.snapshot()), 2.5f) << "the change recorded at tick 1000 was applied";

    trainer.post(Resume{});
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Paused && trainer.tick() == 5000; }));
    std::this_thread::sleep_for(50ms);
    EXPECT_EQ(trainer.tick(), 5000u) << "a replay stops where the recording ended";

    trainer.post(rewind_to(500));
    ASSERT_TRUE(eventually([&] { return trainer.state() == RunState::Paused && trainer.tick() == 500; }));
    ASSERT_TRUE(testing::snapshot_where(trainer, [](const Snapshot& s) { return s.tick == 500; }));
    EXPECT_FLOAT_EQ(rate_in(trainer.snapshot()), 1.f) << "scrubbed back before the change";
}

TEST_F(TrainerRewind, WithoutParametersItIsRefusedAndTheRunGoesOn) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.start();
    Rewind bad = rewind_to(100);
    bad.params.reset();
    trainer.post(bad);
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    EXPECT_EQ(trainer.tick(), 0u);
    EXPECT_EQ(trainer.state(), RunState::Paused);
}

} // namespace
} // namespace phasor
