// Malformed presets are rejected with an InputError naming the file, the line and the key.
#include "engine/core/error.hpp"
#include "engine/preset/preset.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

using test::contains;

// Writes `text` as bad.toml, loads it, and returns the error message (failing the test if it loads).
std::string load_error(std::string_view text) {
    test::TempDir dir;
    const auto file = dir.write("bad.toml", text);
    try {
        load_preset(file);
    } catch (const InputError& e) {
        const std::string message = e.what();
        EXPECT_TRUE(contains(message, "bad.toml:")) << "the message should name the file";
        return message;
    }
    ADD_FAILURE() << "loaded without an error:\n" << text;
    return {};
}

TEST(MalformedPreset, SyntaxErrorHasTomlsPosition) {
    const std::string m = load_error("name = \"x\"\n\n[train\nlr = 1\n");
    EXPECT_TRUE(contains(m, "bad.toml:3:"));
}

TEST(MalformedPreset, UnknownKeyIsAnErrorWithSuggestion) {
    const std::string m = load_error("name = \"x\"\n[train]\nlr = 0.1\nlrate = 0.1\n");
    EXPECT_TRUE(contains(m, "bad.toml:4:1: unknown key 'train.lrate'"));
    EXPECT_TRUE(contains(m, "known keys in [train]: optimizer, lr, delay_depth, attention, schedule, decay"));
    EXPECT_TRUE(contains(m, "did you mean 'lr'?"));
}

TEST(MalformedPreset, UnknownTopLevelKey) {
    const std::string m = load_error("name = \"x\"\nseeds = 3\n");
    EXPECT_TRUE(contains(m, "bad.toml:2:1: unknown key 'seeds'"));
    EXPECT_TRUE(contains(m, "did you mean 'seed'?"));
}

TEST(MalformedPreset, UnknownTable) {
    const std::string m = load_error("name = \"x\"\n\n[netwrk]\nlayers = [4, 3]\n");
    EXPECT_TRUE(contains(m, "bad.toml:3:"));
    EXPECT_TRUE(contains(m, "unknown table [netwrk]"));
    EXPECT_TRUE(contains(m, "did you mean 'network'?"));
}

TEST(MalformedPreset, UnknownSubTable) {
    const std::string m = load_error("name = \"x\"\n[train.extra]\na = 1\n");
    EXPECT_TRUE(contains(m, "unknown table [train.extra]"));
}

TEST(MalformedPreset, WrongType) {
    EXPECT_TRUE(contains(load_error("name = \"x\"\nseed = \"abc\"\n"),
                         "bad.toml:2:8: seed: expected an integer, got a string"));
    EXPECT_TRUE(contains(load_error("name = \"x\"\n[train]\nattention = 1\n"),
                         "bad.toml:3:13: train.attention: expected true or false, got an integer"));
    EXPECT_TRUE(contains(load_error("name = \"x\"\ntrain = 3\n"), "bad.toml:2:1: train: expected a table"));
    EXPECT_TRUE(
        contains(load_error("name = \"x\"\n[network]\nlayers = [4, 8, \"3\"]\n"),
                 "bad.toml:3:17: network.layers: expected an array of integers, element 3 is a string"));
}

TEST(MalformedPreset, OutOfRangeValuesNameTheirKeyAndLine) {
    EXPECT_TRUE(contains(load_error("name = \"x\"\n[train]\nbackward = \"aligned\"\nlr = -0.5\n"),
                         "bad.toml:4:6: train.lr: must be > 0, got -0.5"));
    EXPECT_TRUE(contains(load_error("name = \"x\"\n[train]\ndelay_depth = 5000\n"),
                         "bad.toml:3:15: train.delay_depth: must be in [0, 1024]"));
    EXPECT_TRUE(contains(load_error("name = \"x\"\n[train]\ntemperature = 0.0\n"),
                         "bad.toml:3:15: train.temperature"));
    EXPECT_TRUE(contains(load_error("name = \"x\"\n[train]\nmomentum = 1.5\n"),
                         "bad.toml:3:12: train.momentum: must be"));
    EXPECT_TRUE(
        contains(load_error("name = \"x\"\n[train]\noptimizer = \"adam\"\n"),
                 "bad.toml:3:13: train.optimizer: unknown value 'adam' (known: sgd, adamw, lion, lamb)"));
    EXPECT_TRUE(contains(load_error("name = \"x\"\n[train]\nweight_decay = -1\n"),
                         "bad.toml:3:16: train.weight_decay: must be >= 0"));
    EXPECT_TRUE(
        contains(load_error("name = \"x\"\n[train]\nrolling_window = 0\n"), ":3:18: train.rolling_window"));
    EXPECT_TRUE(contains(load_error("name = \"x\"\n[task]\nhold_ticks = 0\n"),
                         ":3:14: task.hold_ticks: must be in [1, 1000000000], got 0"));
    EXPECT_TRUE(contains(load_error("name = \"x\"\nticks = 0\n"),
                         ":2:9: ticks: must be in [1, 1000000000000], got 0"));
    EXPECT_TRUE(
        contains(load_error("name = \"x\"\n[train]\nbackward = \"sideways\"\n"),
                 ":3:12: train.backward: unknown value 'sideways' (known: snapshot, aligned, pipelined)"));
    EXPECT_TRUE(contains(
        load_error("name = \"x\"\n[task]\nname = \"mnist\"\n"),
        ":3:8: task.name: unknown value 'mnist' (known: lowhighmix, lowhighmix_noisy, xor, parity4"));
    EXPECT_TRUE(
        contains(load_error("name = \"x\"\n[task]\nname = \"spirals\"\npoints = 1\n"), ":4:10: task.points"));
}

TEST(MalformedPreset, LayersMustMatchTheTask) {
    const std::string m =
        load_error("name = \"x\"\n\n[network]\nlayers = [3, 8, 3]\nactivations = [\"relu\", \"softmax\"]\n");
    EXPECT_TRUE(
        contains(m, "bad.toml:4:10: network.layers: the first size (3) must equal the task's input size (4) "
                    "for task 'lowhighmix'"));
    EXPECT_TRUE(contains(
        load_error("name = \"x\"\n[network]\nlayers = [4, 8, 2]\nactivations = [\"relu\", \"softmax\"]\n"),
        ":3:10: network.layers: the last size (2)"));
}

TEST(MalformedPreset, ActivationsAreCheckedAgainstLayersAndLoss) {
    EXPECT_TRUE(contains(load_error("name = \"x\"\n[network]\nactivations = [\"relu\", \"softmax\"]\n"),
                         ":3:15: network.activations: 2 given, expected 3 (one per layer)"));
    EXPECT_TRUE(
        contains(load_error("name = \"x\"\n[network]\nactivations = [\"softmax\", \"relu\", \"softmax\"]\n"),
                 "network.activations: softmax is only allowed as the output activation with loss = "
                 "\"cross_entropy\""));
    EXPECT_TRUE(
        contains(load_error("name = \"x\"\n[network]\nactivations = [\"relu\", \"tanh\", \"sigmoid\"]\n"),
                 "network.activations: with loss = \"cross_entropy\" the output activation must be softmax"));
    EXPECT_TRUE(contains(
        load_error(
            "name = \"x\"\n[network]\nloss = \"mse\"\nactivations = [\"relu\", \"tanh\", \"softmax\"]\n"),
        "network.activations: softmax is only allowed"));
    EXPECT_TRUE(contains(
        load_error("name = \"x\"\n[network]\nactivations = [\"relu\", \"tahn\", \"softmax\"]\n"),
        ":3:24: network.activations: element 2: unknown value 'tahn' (known: identity, relu, leaky_relu, "
        "tanh, sigmoid, softmax); did you mean 'tanh'?"));
}

TEST(MalformedPreset, ListElementsAreCheckedWhereTheyStand) {
    EXPECT_TRUE(contains(load_error("name = \"x\"\n[network]\nlayers = [4, 0, 3]\n"),
                         ":3:14: network.layers: element 2 is 0, must be in [1, 8192]"));
}

TEST(MalformedPreset, UnknownFamilyWithSuggestion) {
    EXPECT_TRUE(
        contains(load_error("family = \"stepnett\"\nname = \"x\"\n"),
                 "bad.toml:1:10: family: unknown family 'stepnett' (known: stepnet, mach, spiking, rules); "
                 "did you mean 'stepnet'?"));
    EXPECT_TRUE(
        contains(load_error("family = 3\nname = \"x\"\n"), "family: expected a string, got an integer"));
}

TEST(MalformedPreset, NameIsRequired) {
    EXPECT_TRUE(contains(load_error("seed = 2\n"), "bad.toml:1:1: name: missing"));
    EXPECT_TRUE(contains(load_error("name = \"\"\n"), "bad.toml:1:8: name: must not be empty"));
}

TEST(MalformedPreset, MissingFile) {
    try {
        load_preset("/nonexistent/dir/p.toml");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_TRUE(contains(std::string(e.what()), "/nonexistent/dir/p.toml: cannot read preset"));
    }
}

} // namespace
} // namespace phasor
