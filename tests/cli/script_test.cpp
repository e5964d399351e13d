// `phasor run --at TICK:key=value`: the changes listed with their ticks in the JSON report, deterministic
// runs, errors that name the entry, and resets that restart the tick count.
#include "cli_support.hpp"

#include <fstream>

namespace {

using nlohmann::json;
using phasor::testing::contains;
using phasor::testing::Result;
using Cli = phasor::testing::Cli;

const char* kScript =
    "run --preset xor --ticks 2000 --at 500:train.lr=0.1 --at 1000:train.backward=pipelined";

TEST_F(Cli, ScriptedChangesAreListedWithTheirTicks) {
    const json j = json_of(kScript);
    for (const json* changes : {&j["changes"], &j["seeds"][0]["changes"]}) {
        ASSERT_EQ(changes->size(), 2u) << *changes;
        EXPECT_EQ((*changes)[0]["tick"], 500);
        EXPECT_EQ((*changes)[0]["key"], "train.lr");
        EXPECT_FLOAT_EQ((*changes)[0]["value"].get<float>(), 0.1f);
        EXPECT_EQ((*changes)[1]["tick"], 1000);
        EXPECT_EQ((*changes)[1]["key"], "train.backward");
        EXPECT_EQ((*changes)[1]["value"], "pipelined");
    }
    EXPECT_EQ(j["seeds"][0]["ticks"], 2000);
}

TEST_F(Cli, AScriptedRunIsDeterministicAndTheScriptMatters) {
    const json a = json_of(kScript), b = json_of(kScript);
    for (const char* key : {"accuracy", "rolling_accuracy", "loss", "lr"})
        EXPECT_EQ(a["seeds"][0][key], b["seeds"][0][key]) << key;
    const json plain = json_of("run --preset xor --ticks 2000");
    EXPECT_NE(a["seeds"][0]["loss"], plain["seeds"][0]["loss"]);
    EXPECT_NE(a["seeds"][0]["lr"], plain["seeds"][0]["lr"]);
    const Result text = phasor(kScript);
    EXPECT_TRUE(contains(text.out, "2 scripted changes"));
}

TEST_F(Cli, ScriptErrorsExitWithTwoNamingTheEntry) {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"--at 500:train.lrr=0.1",
         "--at 500:train.lrr=0.1: unknown parameter 'train.lrr'; did you mean 'train.lr'?"},
        {"--at 500:train.lr=-1", "--at 500:train.lr=-1: train.lr: must be > 0, got -1"},
        {"--at 500:pause", "--at 500:pause: pause changes how the app shows a run"},
        {"--at 500:speed=10", "--at 500:speed=10: speed changes how the app shows a run"},
        {"--at 500:ticks=10", "--at 500:ticks=10: ticks is the run length"},
        {"--at 1000:train.lr=0.1 --at 500:train.lr=0.2", "--at 500:train.lr=0.2: tick 500 comes before"},
        {"--at 5000:train.lr=0.1",
         "--at 5000:train.lr=0.1: tick 5000 is not before the end of the run (--ticks 2000)"},
        {"--at abc", "--at abc: expected TICK:key=value"},
        {"--at 500:network.layers=[2,8,3]",
         "--at 500:network.layers=[2,8,3]: network.layers: the last size (3)"},
    };
    for (const auto& [args, message] : cases) {
        const Result r = phasor("run --preset xor --ticks 2000 " + args);
        EXPECT_EQ(r.status, 2) << args << "\n" << r.err;
        EXPECT_TRUE(contains(r.err, "phasor: " + message)) << args;
        EXPECT_TRUE(r.out.empty() || !contains(r.out, "seed 1:")) << args << "\n" << r.out;
    }
}

TEST_F(Cli, AScriptedResetRestartsTheTickCount) {
    const Result r = phasor("run --preset xor --ticks 1000 --set train.series_every=100 --at 500:reset "
                            "--at 200:train.lr=0.2 --csv s.csv --json");
    ASSERT_EQ(r.status, 0) << r.err;
    const json j = json::parse(r.out);
    const json& seed = j["seeds"][0];
    EXPECT_EQ(seed["ticks"], 1500); // 500 before the reset, then the run to tick 1000
    ASSERT_EQ(seed["changes"].size(), 2u);
    EXPECT_EQ(seed["changes"][0]["key"], "reset");
    EXPECT_EQ(seed["changes"][0]["tick"], 500);
    EXPECT_TRUE(seed["changes"][0]["value"].is_null());
    EXPECT_EQ(seed["changes"][1]["key"], "train.lr");
    EXPECT_EQ(seed["changes"][1]["tick"], 200); // on the new run's clock
    // The series restarts its ticks at the reset.
    std::ifstream in(dir_ / "s.csv");
    std::string line;
    std::getline(in, line);
    std::vector<long> ticks;
    while (std::getline(in, line)) ticks.push_back(std::stol(line.substr(line.find(',') + 1)));
    std::vector<long> expected;
    for (long t = 100; t <= 500; t += 100) expected.push_back(t);
    for (long t = 100; t <= 1000; t += 100) expected.push_back(t);
    EXPECT_EQ(ticks, expected);
}

// RunPlan::ticks_per_seed() counts the ticks of every run a scripted reset ended; the report's
// "ticks_per_seed" should say the same as each seed's "ticks".
TEST_F(Cli, TicksPerSeedCountsTheRunsAScriptedResetEnded) {
    const json j = json_of("run --preset xor --ticks 1000 --seeds 1..2 --at 500:reset");
    EXPECT_EQ(j["seeds"][0]["ticks"], 1500);
    EXPECT_EQ(j["ticks"], 3000);
    EXPECT_EQ(j["ticks_per_seed"], 1500);
    const Result text = phasor("run --preset xor --ticks 1000 --at 500:reset");
    EXPECT_TRUE(contains(text.out, "1500 ticks per seed")) << text.out;
}

} // namespace
