// `--at TICK:key=value` scripts: what parse_script accepts and how it normalises values, and every way it
// refuses an entry (naming the entry).
#include "engine/core/error.hpp"
#include "engine/runtime/change.hpp"
#include "engine/stepnet/stepnet_family.hpp"
#include "support/process.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

using testing::contains;

std::vector<ScriptedChange> parse(std::vector<std::string> entries) {
    return parse_script(entries, stepnet_family().params);
}

// The value of a one-setting entry.
std::string value(const ScriptedChange& c) {
    EXPECT_EQ(c.settings.size(), 1u) << c.text;
    return c.settings.empty() ? std::string() : c.settings[0].value;
}

std::string script_error(std::vector<std::string> entries) {
    try {
        parse(entries);
    } catch (const InputError& e) {
        return e.what();
    }
    ADD_FAILURE() << "accepted: " << entries.back();
    return {};
}

TEST(Script, AcceptsChangesAndResetsInOrder) {
    const auto script = parse({"500:train.lr=0.1", " 1000 : train.backward = pipelined ", "1000:reset",
                               "20:train.delay_depth=auto", "30:network.layers=[4, 8, 3]", "5:seed=3",
                               "7:description=two words"});
    ASSERT_EQ(script.size(), 7u);
    EXPECT_EQ(script[0].tick, 500u);
    ASSERT_EQ(script[0].settings.size(), 1u);
    EXPECT_EQ(script[0].settings[0].key, "train.lr");
    EXPECT_EQ(script[0].settings[0].value, "0.1");
    EXPECT_EQ(script[0].text, "500:train.lr=0.1");
    EXPECT_FALSE(script[0].rebuilds);
    EXPECT_EQ(script[1].tick, 1000u);
    EXPECT_EQ(script[1].settings[0].key, "train.backward");
    EXPECT_EQ(script[1].settings[0].value, "\"pipelined\""); // as the log writes it
    EXPECT_TRUE(script[2].reset());
    EXPECT_TRUE(script[2].rebuilds);
    EXPECT_EQ(value(script[3]), "\"auto\"");
    EXPECT_EQ(value(script[4]), "[4, 8, 3]");
    EXPECT_TRUE(script[4].rebuilds);
    EXPECT_EQ(value(script[5]), "3");
    EXPECT_EQ(value(script[6]), "\"two words\"");
}

TEST(Script, NormalisesValuesTheWayTheLogWritesThem) {
    const auto script =
        parse({"1:train.lr=0.10", "2:train.lr=1", "3:train.attention=false", "4:train.decay=5e-1"});
    EXPECT_EQ(value(script[0]), "0.1");
    EXPECT_EQ(value(script[1]), "1.0");
    EXPECT_EQ(value(script[2]), "false");
    EXPECT_EQ(value(script[3]), "0.5");
}

TEST(Script, SeveralParametersSetAsOneChangeAreOneEntry) {
    const auto script = parse({"300:task.name=spirals; network.layers=[2, 8, 2];description=\"a;b\"",
                               "10:train.lr=0.1;train.l2=0.001"});
    ASSERT_EQ(script.size(), 2u);
    ASSERT_EQ(script[0].settings.size(), 3u);
    EXPECT_EQ(script[0].settings[0].key, "task.name");
    EXPECT_EQ(script[0].settings[0].value, "\"spirals\"");
    EXPECT_EQ(script[0].settings[1].key, "network.layers");
    EXPECT_EQ(script[0].settings[1].value, "[2, 8, 2]");
    EXPECT_EQ(script[0].settings[2].value, "\"a;b\"") << "a ; inside a quoted value is part of it";
    EXPECT_TRUE(script[0].rebuilds) << "the task is structural, so the whole entry is";
    EXPECT_FALSE(script[1].rebuilds);
    EXPECT_EQ(script_settings(script[0].settings),
              "task.name=\"spirals\";network.layers=[2, 8, 2];description=\"a;b\"");
    // What script_settings writes parses back to the same entry.
    const auto again = parse({"300:" + script_settings(script[0].settings)});
    ASSERT_EQ(again[0].settings.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(again[0].settings[i].value, script[0].settings[i].value);
}

TEST(Script, RefusesASeveralParameterEntryThatMixesInResetsOrRepeatsAKey) {
    EXPECT_TRUE(contains(script_error({"100:train.lr=0.1;reset"}), "reset takes no value and stands alone"));
    EXPECT_TRUE(contains(script_error({"100:train.lr=0.1;train.lr=0.2"}),
                         "--at 100:train.lr=0.1;train.lr=0.2: train.lr is set twice"));
    EXPECT_TRUE(contains(script_error({"100:train.lr=0.1;pause"}), "not what it trains"));
    EXPECT_EQ(script_error({"100:train.lr=0.1;train.l2=-1"}),
              "--at 100:train.lr=0.1;train.l2=-1: train.l2: must be >= 0, got -1");
}

TEST(Script, RefusesRunControl) {
    for (const char* entry : {"100:pause", "100:resume", "100:step=5", "100:speed=10"}) {
        const std::string m = script_error({entry});
        EXPECT_TRUE(contains(m, std::string("--at ") + entry + ": ")) << m;
        EXPECT_TRUE(contains(m, "not what it trains")) << m;
    }
    EXPECT_TRUE(
        contains(script_error({"100:load=xor"}), "--at 100:load=xor: a script cannot switch presets"));
    EXPECT_TRUE(contains(script_error({"100:reset=1"}), "--at 100:reset=1: reset takes no value"));
}

TEST(Script, RefusesTheRunLength) {
    EXPECT_TRUE(contains(script_error({"100:ticks=5000"}),
                         "--at 100:ticks=5000: ticks is the run length; give it with --ticks"));
}

TEST(Script, RefusesUnknownKeysWithASuggestion) {
    EXPECT_TRUE(contains(script_error({"100:train.lrr=0.1"}),
                         "--at 100:train.lrr=0.1: unknown parameter 'train.lrr'; did you mean 'train.lr'?"));
}

TEST(Script, RefusesBadValuesNamingTheKey) {
    EXPECT_EQ(script_error({"100:train.lr=-1"}), "--at 100:train.lr=-1: train.lr: must be > 0, got -1");
    EXPECT_EQ(script_error({"100:train.backward=sideways"}),
              "--at 100:train.backward=sideways: train.backward: unknown value 'sideways' (known: snapshot, "
              "aligned, "
              "pipelined)");
    EXPECT_EQ(script_error({"100:train.lr"}), "--at 100:train.lr: train.lr needs a value");
    EXPECT_EQ(script_error({"100:network.layers=[4, 0, 3]"}),
              "--at 100:network.layers=[4, 0, 3]: network.layers: element 2 is 0, must be in [1, 8192]");
}

TEST(Script, RefusesMalformedEntries) {
    EXPECT_TRUE(contains(script_error({"train.lr=0.1"}), "--at train.lr=0.1: expected TICK:key=value"));
    EXPECT_TRUE(contains(script_error({"abc:train.lr=0.1"}), "'abc' is not a tick"));
    EXPECT_TRUE(contains(script_error({"-5:train.lr=0.1"}), "'-5' is not a tick"));
    EXPECT_TRUE(contains(script_error({"5x:train.lr=0.1"}), "'5x' is not a tick"));
    EXPECT_TRUE(contains(script_error({":train.lr=0.1"}), "'' is not a tick"));
    EXPECT_TRUE(contains(script_error({"100:"}), "--at 100:: expected TICK:key=value"));
    EXPECT_TRUE(contains(script_error({"100:=3"}), "expected TICK:key=value"));
}

TEST(Script, TicksNeverGoBackExceptAfterARebuild) {
    const std::string m = script_error({"1000:train.lr=0.1", "500:train.lr=0.2"});
    EXPECT_TRUE(contains(m, "--at 500:train.lr=0.2: tick 500 comes before the previous change's tick 1000"))
        << m;
    EXPECT_NO_THROW(parse({"1000:train.lr=0.1", "1000:train.decay=0.9"})); // the same tick is fine
    EXPECT_NO_THROW(parse({"1000:reset", "500:train.lr=0.2"}));
    EXPECT_NO_THROW(parse({"1000:seed=4", "500:train.lr=0.2"})); // a structural change
    EXPECT_NO_THROW(parse({"1000:network.init=xavier", "10:train.lr=0.2"}));
    // Only directly after the rebuild: the order within the new run is checked again.
    EXPECT_TRUE(contains(script_error({"1000:reset", "500:train.lr=0.2", "400:train.lr=0.3"}),
                         "--at 400:train.lr=0.3: tick 400 comes before"));
    // A live change does not start a new run.
    EXPECT_TRUE(
        contains(script_error({"1000:train.lr=0.1", "10:train.backward=snapshot"}), "tick 10 comes before"));
}

} // namespace
} // namespace phasor
