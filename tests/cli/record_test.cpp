// `phasor run --record FILE` and `phasor run --replay FILE`: a recorded run (with its scripted changes, of
// every deterministic family) replays to exactly the recorded series; a tampered recording is caught at the
// tick where it was changed; bad combinations of options are refused with a reason.
#include "cli_support.hpp"
#include "engine/record/recording.hpp"

namespace {

using nlohmann::json;
using phasor::testing::contains;
using phasor::testing::Result;
using Cli = phasor::testing::Cli;

class Record : public Cli {
  protected:
    // Records `args` and replays the recording headless.
    json replay_of(const std::string& args) {
        const std::filesystem::path file = dir_ / "run.phasor-recording.gz";
        const Result recorded = phasor(args + " --record " + file.string());
        EXPECT_EQ(recorded.status, 0) << recorded.err;
        EXPECT_TRUE(std::filesystem::exists(file));
        const Result replayed = phasor("run --replay " + file.string() + " --json");
        EXPECT_EQ(replayed.status, 0) << replayed.out << replayed.err;
        return json::parse(replayed.out);
    }
};

void expect_exact(const json& j) {
    EXPECT_EQ(j["replay_matches"], true) << j.dump(2);
    EXPECT_TRUE(j["first_difference_tick"].is_null()) << j.dump(2);
    EXPECT_GT(j["samples_recorded"].get<int>(), 0);
    EXPECT_EQ(j["samples_recorded"], j["samples_replayed"]);
    EXPECT_EQ(j["samples_recorded"], j["samples_compared"]);
}

TEST_F(Record, AStepnetRunReplaysExactly) {
    const json j = replay_of("run --preset xor --ticks 2000");
    expect_exact(j);
    EXPECT_EQ(j["ticks"], 2000);
    EXPECT_EQ(j["family"], "stepnet");
}

TEST_F(Record, ScriptedChangesAreRecordedAndReplayed) {
    const json j = replay_of("run --preset xor --ticks 2000 --at 500:train.lr=0.1 --at "
                             "1000:train.backward=pipelined --at 1500:reset");
    expect_exact(j);
    EXPECT_EQ(j["changes"], 3);
    const phasor::Recording r = phasor::read_recording(dir_ / "run.phasor-recording.gz");
    ASSERT_EQ(r.changes.size(), 3u);
    EXPECT_EQ(r.changes[0].tick, 500u);
    EXPECT_EQ(r.changes[0].key, "train.lr");
    EXPECT_EQ(r.changes[2].key, "reset");
    // The reset started a second run, numbered 1, whose samples count from tick 0 again.
    EXPECT_EQ(r.series.back().run, 1u);
    EXPECT_LE(r.series.back().tick, 2000u);
}

TEST_F(Record, ASpikingRunReplaysExactly) {
    expect_exact(replay_of("run --preset cuba --ticks 2000"));
}

TEST_F(Record, TheRuleLabReplaysExactly) {
    const json j = replay_of("run --preset threshold_parity4 --ticks 2000");
    expect_exact(j);
    EXPECT_EQ(j["family"], "rules");
}

TEST_F(Record, ATamperedRecordingIsCaughtAtTheTickChanged) {
    const std::filesystem::path file = dir_ / "run.phasor-recording.gz";
    ASSERT_EQ(phasor("run --preset xor --ticks 2000 --record " + file.string()).status, 0);
    phasor::Recording r = phasor::read_recording(file);
    ASSERT_GT(r.series.size(), 5u);
    r.series[5].values[0] += 1.f;
    phasor::write_recording(r, file);
    const Result replayed = phasor("run --replay " + file.string() + " --json");
    EXPECT_EQ(replayed.status, 1) << replayed.err;
    const json j = json::parse(replayed.out);
    EXPECT_EQ(j["replay_matches"], false);
    EXPECT_EQ(j["first_difference_tick"], r.series[5].tick);
    const Result text = phasor("run --replay " + file.string());
    EXPECT_TRUE(contains(text.out, "differs from the recording first at tick")) << text.out;
}

TEST_F(Record, BadCombinationsAreRefused) {
    const Result seeds = phasor("run --preset xor --ticks 100 --seeds 1..2 --record r.gz");
    EXPECT_EQ(seeds.status, 2);
    EXPECT_TRUE(contains(seeds.err, "one seed")) << seeds.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "r.gz"));
    const Result both = phasor("run --replay r.gz --preset xor");
    EXPECT_EQ(both.status, 2);
    const Result missing = phasor("run --replay nothing.gz");
    EXPECT_EQ(missing.status, 2);
    EXPECT_TRUE(contains(missing.err, "nothing.gz")) << missing.err;
}

TEST_F(Record, AnUnwritableRecordingFailsBeforeTrainingAndLeavesNothing) {
    std::filesystem::create_directory(dir_ / "folder");
    const Result r = phasor("run --preset xor --ticks 100 --record folder");
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(contains(r.err, "folder")) << r.err;
    EXPECT_TRUE(std::filesystem::is_empty(dir_ / "folder"));
}

} // namespace
