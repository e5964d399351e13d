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
    EXPECT_EQ(script[0].key, "train.lr");
    EXPECT_EQ(script[0].value, "0.1");
    EXPECT_EQ(script[0].text, "500:train.lr=0.1");
    EXPECT_EQ(script[1].tick, 1000u);
    EXPECT_EQ(script[1].key, "train.backward");
    EXPECT_EQ(script[1].value, "\"pipelined\""); // as the log writes it
    EXPECT_EQ(script[2].key, "reset");
    EXPECT_EQ(script[2].value, "");
    EXPECT_EQ(script[3].value, "\"auto\"");
    EXPECT_EQ(script[4].value, "[4, 8, 3]");
    EXPECT_EQ(script[5].value, "3");
    EXPECT_EQ(script[6].value, "\"two words\"");
}

TEST(Script, NormalisesValuesTheWayTheLogWritesThem) {
    const auto script =
        parse({"1:train.lr=0.10", "2:train.lr=1", "3:train.attention=false", "4:train.decay=5e-1"});
    EXPECT_EQ(script[0].value, "0.1");
    EXPECT_EQ(script[1].value, "1.0");
    EXPECT_EQ(script[2].value, "false");
    EXPECT_EQ(script[3].value, "0.5");
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
