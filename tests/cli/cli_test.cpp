// Runs the real phasor binary and checks its output, files and exit status (0 ok, 1 runtime failure, 2 bad
// input): `phasor run` reports, seeds, overrides, the CSV series and divergence.
#include "cli_support.hpp"
#include "data/idx_writer.hpp"

#include "engine/runtime/family.hpp"
#include "engine/stepnet/stepnet_family.hpp"
#include <cmath>

#include <cstdlib>
#include <fstream>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using phasor::testing::contains;
using phasor::testing::Result;
using Cli = phasor::testing::Cli;

TEST_F(Cli, JsonRunHasEveryKeyAndTheFamilysHeadlineByName) {
    const json j = json_of("run --preset xor --ticks 2000 --seed 1");
    for (const char* key :
         {"preset", "family", "file", "ticks", "ticks_per_seed", "seconds", "ticks_per_second", "threads",
          "accuracy", "reached_100", "diverged", "changes", "seeds"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["preset"], "xor");
    EXPECT_EQ(j["family"], "stepnet");
    EXPECT_EQ(j["ticks"], 2000);
    EXPECT_TRUE(j["changes"].empty());
    ASSERT_EQ(j["seeds"].size(), 1u);
    const json& s = j["seeds"][0];
    for (const phasor::Quantity& q : phasor::stepnet_family().headline)
        EXPECT_TRUE(s.contains(std::string(q.name))) << q.name;
    for (const char* key : {"seed", "accuracy", "rolling_accuracy", "loss", "lr", "per_class", "ticks",
                            "seconds", "ticks_per_second", "diverged", "changes"})
        EXPECT_TRUE(s.contains(key)) << key;
    EXPECT_EQ(s["seed"], 1);
    EXPECT_EQ(s["ticks"], 2000);
    EXPECT_EQ(s["diverged"], false);
    EXPECT_TRUE(s["changes"].empty());
    EXPECT_EQ(s["per_class"].size(), 2u);
    EXPECT_GE(s["accuracy"].get<double>(), 0.0);
    EXPECT_LE(s["accuracy"].get<double>(), 1.0);
    EXPECT_GT(s["loss"].get<double>(), 0.0);
    EXPECT_GT(s["lr"].get<double>(), 0.0);
    EXPECT_LT(s["lr"].get<double>(), 0.05); // the exponential schedule has decayed from the preset's 0.05
    EXPECT_EQ(j["accuracy"], s["accuracy"]);
}

TEST_F(Cli, SeedRangeGivesOneResultPerSeedAndMatchesSingleRuns) {
    const json j = json_of("run --preset xor --ticks 2000 --seeds 1..3");
    ASSERT_EQ(j["seeds"].size(), 3u);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(j["seeds"][i]["seed"], i + 1);
    // Seeds run in parallel must give exactly what a run of that seed alone gives.
    const json single = json_of("run --preset xor --ticks 2000 --seed 2");
    for (const char* key : {"accuracy", "rolling_accuracy", "loss", "lr"})
        EXPECT_EQ(single["seeds"][0][key], j["seeds"][1][key]) << key;
    // Each headline metric's mean and sample standard deviation over the seeds.
    for (const char* key : {"accuracy", "loss"}) {
        double sum = 0, squares = 0;
        for (int i = 0; i < 3; ++i) sum += j["seeds"][i][key].get<double>();
        const double mean = sum / 3;
        for (int i = 0; i < 3; ++i) squares += std::pow(j["seeds"][i][key].get<double>() - mean, 2);
        EXPECT_NEAR(j["mean"][key].get<double>(), mean, 1e-9) << key;
        EXPECT_NEAR(j["sd"][key].get<double>(), std::sqrt(squares / 2), 1e-9) << key;
    }
    EXPECT_FALSE(single.contains("mean")) << "one seed has no spread";
}

// A family that counts epochs reports the time each took (the decoupled components, on a tiny image set).
TEST_F(Cli, AnEpochCountingFamilyReportsSecondsPerEpoch) {
    phasor::testing::write_image_folder(dir_ / "images", 256, 64);
    const json j = json_of("run --preset mlp_backprop --ticks 64 --set 'data.dir=\"" +
                           (dir_ / "images").string() + "\"' --set network.hidden=[8] --set train.batch=16");
    const json& s = j["seeds"][0];
    EXPECT_NEAR(s["epochs"].get<double>(), 64.0 * 16 / 256, 1e-6);
    EXPECT_NEAR(s["seconds_per_epoch"].get<double>(), s["seconds"].get<double>() / 4, 1e-9);
    EXPECT_EQ(j["family"], "mach");

    // Components, each with its steps, speed, delays and queue drops; stepped in turn, they share the ticks.
    const json seq =
        json_of("run --preset mach_sync_sequence --ticks 64 --set 'data.dir=\"" + (dir_ / "images").string() +
                "\"' --set network.hidden=[8] --set train.batch=16");
    const json& parts = seq["seeds"][0]["components"];
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0]["name"], "child");
    EXPECT_EQ(parts[1]["name"], "head");
    for (const json& part : parts) {
        EXPECT_EQ(part["steps"].get<double>(), 32.0);
        for (const char* key :
             {"steps_per_second", "idle_steps", "real_batches", "synthetic_batches", "gradients_applied",
              "gradients_lost", "delay_mean", "delay_p95", "delay_max", "queue_drops"})
            EXPECT_TRUE(part.contains(key)) << key;
    }
    EXPECT_EQ(parts[0]["gradients_applied"].get<double>(),
              31.0); // the last batch's gradient is still on its way
    EXPECT_EQ(parts[1]["real_batches"].get<double>(), 32.0);
    // The headline component's accuracy on the held-out images, both ways, and each scored component's own.
    const json& seed = seq["seeds"][0];
    EXPECT_EQ(seed["test_accuracy"].get<double>(), seed["accuracy"].get<double>());
    EXPECT_TRUE(seed["test_accuracy_synthetic"].is_number());
    EXPECT_EQ(seq["test_accuracy"].get<double>(), seq["accuracy"].get<double>());
    EXPECT_TRUE(parts[0]["test_accuracy"].is_null())
        << "the child of a chain has neither a loss nor children";
    EXPECT_TRUE(parts[1]["test_accuracy_synthetic"].is_number());
}

TEST_F(Cli, TextReportHasPerSeedLinesAndASummary) {
    const Result r = phasor("run --preset xor --ticks 2000 --seeds 1..2");
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "\nseed 1: held-out accuracy "));
    EXPECT_TRUE(contains(r.out, "\nseed 2: held-out accuracy "));
    EXPECT_TRUE(contains(r.out, "rolling accuracy "));
    EXPECT_TRUE(contains(r.out, "learning rate "));
    EXPECT_TRUE(contains(r.out, "of 2 seeds reached 100 %"));
}

TEST_F(Cli, SetOverridesApply) {
    const json j = json_of("run --preset xor --ticks 500 --set train.backward=pipelined --set seed=4");
    EXPECT_EQ(j["seeds"][0]["seed"], 4);
    const json lr = json_of("run --preset xor --ticks 1 --set train.lr=0.3 --set train.schedule=constant");
    EXPECT_FLOAT_EQ(lr["seeds"][0]["lr"].get<float>(), 0.3f);
}

TEST_F(Cli, MissingPresetSaysWhereItLooked) {
    const Result r = phasor("run --preset nope --ticks 10");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err.rfind("phasor: ", 0), 0u) << r.err;
    EXPECT_TRUE(contains(r.err, "looked for nope.toml"));
    EXPECT_TRUE(contains(r.err, "$PHASOR_PRESET_DIR (not set)"));
    EXPECT_TRUE(contains(r.err, "assets/presets"));
    EXPECT_TRUE(contains(r.err, "available presets:"));
}

TEST_F(Cli, BadInputExitsWithTwo) {
    for (const char* args :
         {"run --preset xor --set train.lrr=1", "run --preset xor --set seed=abc", "run --frobnicate",
          "run --preset xor --seeds 3..1", "run --preset xor --seeds x", "run --seed 1 --seeds 1..2",
          "run --ticks 0", "frobnicate", "params --preset nope", "params --family nope",
          "params --preset xor --family stepnet", "params --set train.lr=1"}) {
        const Result r = phasor(args);
        EXPECT_EQ(r.status, 2) << args << "\n" << r.err;
        EXPECT_EQ(r.err.rfind("phasor: ", 0), 0u) << args << "\n" << r.err;
        EXPECT_TRUE(r.out.empty()) << args << "\n" << r.out;
    }
    EXPECT_TRUE(contains(phasor("run --preset xor --set train.lrr=1").err, "--set train.lrr=1: unknown key"));
}

TEST_F(Cli, BadPresetFileNamesFileAndLine) {
    std::ofstream(dir_ / "bad.toml") << "name = \"bad\"\n[train]\nlr = -1\n";
    const Result r = phasor("run --preset bad.toml");
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(contains(r.err, "bad.toml:3:6: train.lr: must be > 0, got -1"));
}

TEST_F(Cli, UnwritableCsvFailsBeforeTrainingAndLeavesNoFile) {
    Result r = phasor("run --preset xor --ticks 1000 --csv /nonexistent/x.csv");
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(contains(r.err, "phasor: cannot write CSV '/nonexistent/x.csv'"));
    EXPECT_FALSE(contains(r.out, "seed 1:")) << "no training should happen";

    std::ofstream(dir_ / "plain") << "a file, not a directory";
    r = phasor("run --preset xor --ticks 1000 --csv plain/x.csv");
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(contains(r.err, "cannot write CSV 'plain/x.csv'"));
}

TEST_F(Cli, CsvHasTheFamilysChannelsAndOneRowPerSampleAndSeed) {
    const Result r =
        phasor("run --preset xor --ticks 1000 --seeds 1..2 --set train.series_every=100 --csv s.csv");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "s.csv.tmp"));
    std::ifstream in(dir_ / "s.csv");
    std::string line;
    ASSERT_TRUE(std::getline(in, line));
    std::string header = "seed,tick";
    for (const phasor::Quantity& q : phasor::stepnet_family().channels) {
        header += ',';
        header += q.name;
    }
    header += ",ticks_per_second";
    EXPECT_EQ(line, header);
    EXPECT_EQ(line, "seed,tick,loss,rolling_accuracy,lr,queue_occupancy,attention_min,attention_max,"
                    "attention_entropy,attention_effect,test_loss,test_accuracy,ticks_per_second");
    const auto columns = std::count(header.begin(), header.end(), ',');
    int rows = 0, seed1 = 0, seed2 = 0;
    while (std::getline(in, line)) {
        ++rows;
        EXPECT_EQ(std::count(line.begin(), line.end(), ','), columns) << line;
        seed1 += line.rfind("1,", 0) == 0;
        seed2 += line.rfind("2,", 0) == 0;
    }
    EXPECT_EQ(rows, 20);
    EXPECT_EQ(seed1, 10);
    EXPECT_EQ(seed2, 10);
}

TEST_F(Cli, DivergenceIsReportedWithExitOne) {
    const Result r =
        phasor("run --preset xor --ticks 3000 --set train.lr=10 --set train.schedule=constant "
               "--set network.loss=mse --set 'network.activations=[\"relu\",\"relu\",\"identity\"]'");
    EXPECT_EQ(r.status, 1) << r.out << r.err;
    EXPECT_TRUE(contains(r.err, "phasor: seed 1 diverged at tick"));
    EXPECT_TRUE(contains(r.err, "evaluated with the state of tick"));
    EXPECT_TRUE(contains(r.out, ", diverged at tick"));
}

TEST_F(Cli, PresetsListsTheShippedPresets) {
    const Result r = phasor("presets");
    EXPECT_EQ(r.status, 0);
    for (const char* name : {"lowhighmix", "lowhighmix_noisy", "parity4", "spirals", "xor", "mlp_backprop"})
        EXPECT_TRUE(contains(r.out, name));
    // Each with the model family it names.
    EXPECT_TRUE(contains(r.out, "\nxor                  stepnet  2-bit XOR"));
    EXPECT_TRUE(contains(r.out, "\nmlp_backprop         mach     Backprop baseline"));
}

TEST_F(Cli, NoArgumentsWithoutADisplaySaysHowToTrainWithoutAWindow) {
    // With no arguments phasor opens the app; with no display that must be a clear error, not a crash.
    const Result r = phasor::testing::run_in(
        dir_, "env -u DISPLAY -u WAYLAND_DISPLAY -u PHASOR_PRESET_DIR '" + std::string(PHASOR_BINARY) + "'");
    EXPECT_EQ(r.status, 1) << r.err;
    EXPECT_TRUE(contains(r.err, "cannot open the window"));
    EXPECT_TRUE(contains(r.err, "phasor run"));
}

TEST_F(Cli, HelpExitsWithZero) {
    const Result r = phasor("run --help");
    EXPECT_EQ(r.status, 0);
    EXPECT_TRUE(contains(r.out, "--preset"));
    EXPECT_TRUE(contains(r.out, "--at"));
}

} // namespace
