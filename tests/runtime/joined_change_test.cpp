// Several parameters set as one change: checked together and applied whole (one rebuild when any is
// structural) or not at all, logged as joined entries; and the keys a family says follow another join the
// change that sets it.
#include "engine/runtime/run.hpp"
#include "support/fake_family.hpp"

#include <array>

#include <gtest/gtest.h>

namespace phasor {
namespace {

using testing::fake_log;
using testing::fake_params;

std::vector<ParamChange> changes(std::initializer_list<std::pair<std::string_view, ParamValue>> list) {
    std::vector<ParamChange> out;
    for (const auto& [key, value] : list) out.push_back({std::string(key), value});
    return out;
}

float weight(const phasor::Run& run) {
    return dynamic_cast<const testing::FakeModel&>(run.model()).weight();
}

class JoinedChange : public ::testing::Test {
  protected:
    void SetUp() override { fake_log().reset(); }
    testing::NullSeries series;
};

TEST_F(JoinedChange, LiveValuesApplyTogetherAndAreLoggedAsOne) {
    phasor::Run run(fake_params());
    run.advance(30, series);
    const std::uint64_t id = run.id();
    ASSERT_FALSE(run.set(changes({{"fake.rate", 2.f}, {"fake.depth", std::int64_t{4}}})));
    EXPECT_EQ(run.id(), id) << "no structural value: the same run goes on";
    EXPECT_EQ(run.params().real("fake.rate"), 2.f);
    EXPECT_EQ(run.params().integer("fake.depth"), 4);
    const auto sets = fake_log().sets();
    ASSERT_EQ(sets.size(), 2u);
    EXPECT_EQ(sets[0].key, "fake.rate");
    EXPECT_EQ(sets[1].key, "fake.depth");
    ASSERT_EQ(run.log().size(), 2u);
    EXPECT_EQ(run.log()[0].key, "fake.rate");
    EXPECT_FALSE(run.log()[0].joined);
    EXPECT_EQ(run.log()[1].key, "fake.depth");
    EXPECT_TRUE(run.log()[1].joined);
    for (const Change& c : run.log()) {
        EXPECT_EQ(c.tick, 30u);
        EXPECT_EQ(c.run, id);
        EXPECT_FALSE(c.rebuilds);
    }
}

TEST_F(JoinedChange, AStructuralValueAmongThemRebuildsOnceWithAllOfThem) {
    phasor::Run run(fake_params());
    run.advance(30, series);
    const std::uint64_t id = run.id();
    const std::size_t builds = fake_log().build_count();
    ASSERT_FALSE(run.set(changes({{"fake.rate", 3.f}, {"fake.width", std::int64_t{7}}})));
    EXPECT_EQ(fake_log().build_count(), builds + 1) << "one rebuild for the whole change";
    EXPECT_NE(run.id(), id);
    EXPECT_EQ(run.ticks(), 0u);
    EXPECT_TRUE(fake_log().sets().empty()) << "the new model took the live value from its parameters";
    const ParamSet built = fake_log().builds().back().params; // builds() is a copy taken under its lock
    EXPECT_EQ(built.real("fake.rate"), 3.f);
    EXPECT_EQ(built.integer("fake.width"), 7);
    ASSERT_EQ(run.log().size(), 2u);
    EXPECT_TRUE(run.log()[0].rebuilds && run.log()[1].rebuilds);
    EXPECT_TRUE(run.log()[1].joined);
    EXPECT_EQ(run.log()[1].tick, 30u);
    EXPECT_EQ(run.log()[1].run, id);
}

TEST_F(JoinedChange, AValueTheModelRefusesUndoesTheOnesItTookBefore) {
    phasor::Run run(fake_params());
    run.advance(10, series);
    const ParamSet before = run.params();
    const auto refused = run.set(changes({{"fake.rate", 5.f}, {"fake.depth", std::int64_t{-1}}}));
    ASSERT_TRUE(refused);
    EXPECT_EQ(*refused, "fake.depth: the fake model takes no negative depth");
    EXPECT_EQ(run.params(), before);
    EXPECT_TRUE(run.log().empty());
    // The model took the rate, then got its old one back when the depth was refused.
    const auto sets = fake_log().sets();
    ASSERT_EQ(sets.size(), 3u);
    EXPECT_EQ(sets[0].value, ParamValue{5.f});
    EXPECT_EQ(sets[2].key, "fake.rate");
    EXPECT_EQ(sets[2].value, ParamValue{1.f});
    Snapshot s;
    run.fill(s);
    EXPECT_EQ(testing::fake_view(s).rate, 1.f);
}

TEST_F(JoinedChange, ARefusalByTheFamilysCheckChangesNothing) {
    phasor::Run run(fake_params());
    run.advance(10, series);
    const ParamSet before = run.params();
    const std::uint64_t id = run.id();
    const std::size_t builds = fake_log().build_count();
    const auto refused = run.set(changes({{"fake.rate", 5.f}, {"fake.width", std::int64_t{500}}}));
    ASSERT_TRUE(refused);
    EXPECT_EQ(*refused, "fake.width: at most 100 for the fake model, got 500");
    EXPECT_EQ(run.params(), before);
    EXPECT_EQ(run.id(), id);
    EXPECT_EQ(run.ticks(), 10u);
    EXPECT_EQ(fake_log().build_count(), builds);
    EXPECT_TRUE(fake_log().sets().empty()) << "nothing reached the model";
    EXPECT_TRUE(run.log().empty());
}

TEST_F(JoinedChange, MalformedChangesAreRefusedWithTheirReason) {
    phasor::Run run(fake_params());
    EXPECT_EQ(run.set(changes({{"fake.rate", 2.f}, {"fake.rate", 3.f}})),
              "fake.rate: set twice in one change");
    EXPECT_EQ(run.set(changes({{"fake.rate", 2.f}, {"fake.rat", 3.f}})),
              "unknown parameter 'fake.rat'; did you mean 'fake.rate'?");
    const auto mistyped = run.set(changes({{"fake.rate", 2.f}, {"fake.depth", 3.f}}));
    ASSERT_TRUE(mistyped);
    EXPECT_TRUE(mistyped->starts_with("fake.depth: ")) << *mistyped;
    EXPECT_EQ(run.set(std::vector<ParamChange>{}), "a change needs at least one parameter");
    EXPECT_EQ(run.params(), fake_params());
    EXPECT_TRUE(run.log().empty());
}

// The fake family with two rules: a new width brings a checkpoint spacing of 10 ticks per unit of width, and
// that spacing brings a rate (a rule that follows what an earlier one adapted).
void spacing_for_width(ParamSet& p) {
    (void)p.set("fake.checkpoint_every", p.integer("fake.width") * 10);
}
void rate_for_spacing(ParamSet& p) {
    (void)p.set("fake.rate", static_cast<float>(p.integer("fake.checkpoint_every")) / 100.f);
}
constexpr std::array<std::string_view, 1> kSpacing{"fake.checkpoint_every"};
constexpr std::array<std::string_view, 1> kRate{"fake.rate"};
constexpr std::array<ParamFollow, 2> kRules{{
    {"fake.width", kSpacing, spacing_for_width},
    {"fake.checkpoint_every", kRate, rate_for_spacing},
}};

const Family& following_family() {
    const Family& fake = testing::fake_family();
    static const Family family{.name = "following",
                               .title = "Fake model with rules",
                               .description = "keys that follow others",
                               .params = fake.params,
                               .channels = fake.channels,
                               .headline = fake.headline,
                               .groups = {},
                               .check = fake.check,
                               .build = fake.build,
                               .follows = kRules};
    return family;
}

TEST_F(JoinedChange, KeysThatFollowJoinTheChangeInTheFamilysOrder) {
    phasor::Run run(testing::named_params(following_family(), "following"));
    run.advance(20, series);
    ASSERT_FALSE(run.set("fake.width", std::int64_t{5}));
    EXPECT_EQ(run.params().integer("fake.checkpoint_every"), 50);
    EXPECT_EQ(run.params().real("fake.rate"), 0.5f);
    EXPECT_EQ(run.model().checkpoint_every(), 50u) << "built with the values that followed";
    ASSERT_EQ(run.log().size(), 3u);
    EXPECT_EQ(run.log()[0].key, "fake.width");
    EXPECT_EQ(run.log()[1].key, "fake.checkpoint_every");
    EXPECT_EQ(run.log()[1].value, "50");
    EXPECT_EQ(run.log()[2].key, "fake.rate");
    EXPECT_TRUE(run.log()[1].joined && run.log()[2].joined);
}

TEST_F(JoinedChange, AKeyTheChangeSetsItselfIsNeverOverriddenByARule) {
    phasor::Run run(testing::named_params(following_family(), "following"));
    ASSERT_FALSE(
        run.set(changes({{"fake.width", std::int64_t{5}}, {"fake.checkpoint_every", std::int64_t{7}}})));
    EXPECT_EQ(run.params().integer("fake.checkpoint_every"), 7);
    EXPECT_EQ(run.params().real("fake.rate"), 0.07f) << "what follows the given value still follows";
    // A rule that changes nothing adds nothing to the log.
    run.log().clear();
    ASSERT_FALSE(run.set("fake.width", std::int64_t{5}));
    ASSERT_EQ(run.log().size(), 3u);
    run.log().clear();
    ASSERT_FALSE(run.set("fake.width", std::int64_t{5}));
    ASSERT_EQ(run.log().size(), 1u);
    EXPECT_EQ(run.log()[0].key, "fake.width");
}

TEST_F(JoinedChange, ALoggedChangeReplaysAsOneScriptEntry) {
    phasor::Run live(testing::named_params(following_family(), "following"));
    live.advance(40, series);
    ASSERT_FALSE(live.set("fake.width", std::int64_t{3}));
    live.advance(25, series);
    std::vector<Setting> settings;
    for (const Change& c : live.log()) settings.push_back({c.key, c.value});
    const std::vector<std::string> entries{"40:" + script_settings(settings)};
    const auto script = parse_script(entries, following_family().params);
    ASSERT_EQ(script.size(), 1u);
    EXPECT_TRUE(script[0].rebuilds);

    phasor::Run replayed(testing::named_params(following_family(), "following"));
    replayed.advance(40, series);
    ASSERT_FALSE(replayed.replay(script[0]));
    replayed.advance(25, series);
    EXPECT_EQ(replayed.params(), live.params());
    EXPECT_EQ(weight(replayed), weight(live)) << "the same run trained from the same tick";
}

} // namespace
} // namespace phasor
