// SetParams through the trainer: several parameters applied as one change (one new run when any is
// structural), forwarded as joined changes, or refused whole with the refusal beside the key it names.
#include "trainer_support.hpp"

namespace phasor {
namespace {

using namespace std::chrono_literals;
using testing::fake_log;
using testing::fake_params;
using TrainerJoined = testing::TrainerTest;

SetParams several(std::initializer_list<std::pair<std::string_view, ParamValue>> list) {
    SetParams command;
    for (const auto& [key, value] : list) command.changes.push_back({std::string(key), value});
    return command;
}

TEST_F(TrainerJoined, SeveralParametersStartOneNewRunAndAreForwardedJoined) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.start();
    trainer.post(SingleStep{5});
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    ASSERT_TRUE(testing::eventually([&] { return trainer.tick() == 5; }));
    const std::size_t builds = fake_log().build_count();
    trainer.post(several({{"fake.width", std::int64_t{9}}, {"fake.rate", 4.f}}));
    ASSERT_TRUE(trainer.wait_for_commands(2, 20s));
    trainer.stop();
    EXPECT_EQ(fake_log().build_count(), builds + 1);
    EXPECT_EQ(trainer.run().params().integer("fake.width"), 9);
    EXPECT_EQ(trainer.run().params().real("fake.rate"), 4.f);
    std::vector<Change> changes;
    for (const Change& c : testing::drain_changes(trainer))
        if (c.key != "step") changes.push_back(c);
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0].key, "fake.width");
    EXPECT_EQ(changes[0].tick, 5u);
    EXPECT_FALSE(changes[0].joined);
    EXPECT_EQ(changes[1].key, "fake.rate");
    EXPECT_TRUE(changes[1].joined);
    EXPECT_TRUE(changes[1].rebuilds);
}

TEST_F(TrainerJoined, ARefusedChangeStandsBesideTheKeyItNamesAndChangesNothing) {
    Trainer trainer(fake_params(), testing::paused());
    trainer.start();
    trainer.post(several({{"fake.rate", 4.f}, {"fake.width", std::int64_t{500}}}));
    ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
    ASSERT_TRUE(trainer.refresh_snapshot());
    EXPECT_EQ(trainer.snapshot().message_key, "fake.width");
    EXPECT_EQ(trainer.snapshot().message, "fake.width: at most 100 for the fake model, got 500");
    EXPECT_EQ(*trainer.snapshot().param("fake.rate"), ParamValue{1.f});
    EXPECT_TRUE(fake_log().sets().empty());

    // The pace is the trainer's own, never part of a change to the run.
    trainer.post(several({{"fake.rate", 4.f}, {"speed", 20.f}}));
    ASSERT_TRUE(trainer.wait_for_commands(2, 20s));
    trainer.refresh_snapshot();
    EXPECT_EQ(trainer.snapshot().message_key, "speed");
    EXPECT_NE(trainer.snapshot().message.find("set it on its own"), std::string::npos);
    EXPECT_EQ(*trainer.snapshot().param("fake.rate"), ParamValue{1.f});
    trainer.stop();
    EXPECT_TRUE(testing::drain_changes(trainer).empty());
}

} // namespace
} // namespace phasor
