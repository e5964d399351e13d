// --set overrides: they change the value they name, go through the same checks, and errors name the override.
#include "engine/core/error.hpp"
#include "engine/preset/preset.hpp"
#include "engine/stepnet/stepnet_family.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

using test::contains;

const std::filesystem::path kDefault =
    std::filesystem::path(PHASOR_SOURCE_DIR) / "assets/presets/lowhighmix.toml";

StepNetConfig with(std::vector<std::string> overrides) {
    return stepnet_config(load_preset(kDefault, overrides));
}

std::string override_error(std::vector<std::string> overrides) {
    try {
        with(overrides);
    } catch (const InputError& e) {
        return e.what();
    }
    ADD_FAILURE() << "no error for " << overrides.front();
    return {};
}

TEST(PresetOverrides, ChangeTheValue) {
    EXPECT_FLOAT_EQ(with({"train.lr=0.05"}).schedule.lr, 0.05f);
    EXPECT_EQ(with({"seed=3"}).seed, 3u);
    EXPECT_EQ(with({"train.backward=pipelined"}).backward, BackwardMode::Pipelined); // bare string
    EXPECT_EQ(with({"train.backward=\"snapshot\""}).backward, BackwardMode::Snapshot);
    EXPECT_FALSE(with({"train.attention=false"}).attention);
    EXPECT_EQ(with({" train.delay_depth = 0"}).delay_depth, 0);
    const auto c = with({"network.layers=[4,64,3]", R"(network.activations=["tanh","softmax"])"});
    EXPECT_EQ(c.layers, (std::vector<int>{4, 64, 3}));
    EXPECT_EQ(c.activations, (std::vector<Activation>{Activation::Tanh, Activation::Softmax}));
}

TEST(PresetOverrides, LaterOverridesWin) {
    EXPECT_FLOAT_EQ(with({"train.lr=0.05", "train.lr=0.07"}).schedule.lr, 0.07f);
}

TEST(PresetOverrides, CanAddATableTheFileLacks) {
    test::TempDir dir;
    const std::vector<std::string> sets{"train.lr=0.5", "task.hold_ticks=4"};
    const auto c = stepnet_config(load_preset(dir.write("m.toml", "name = \"m\"\n"), sets));
    EXPECT_FLOAT_EQ(c.schedule.lr, 0.5f);
    EXPECT_EQ(c.task.hold_ticks, 4);
}

TEST(PresetOverrides, BadOverridesNameTheOverride) {
    EXPECT_TRUE(contains(override_error({"train.lrr=1"}), "--set train.lrr=1: unknown key 'train.lrr'"));
    EXPECT_TRUE(contains(override_error({"trian.lr=1"}), "--set trian.lr=1: unknown table [trian]"));
    EXPECT_TRUE(contains(override_error({"seeds=1"}), "--set seeds=1: unknown key 'seeds'"));
    EXPECT_TRUE(contains(override_error({"train=1"}), "--set train=1: [train] is a table"));
    EXPECT_TRUE(contains(override_error({"seed"}), "--set seed: expected key=value"));
    EXPECT_TRUE(
        contains(override_error({"seed=abc"}), "--set seed=abc: seed: expected an integer, got a string"));
    EXPECT_TRUE(
        contains(override_error({"train.lr=-1"}), "--set train.lr=-1: train.lr: must be > 0, got -1"));
    EXPECT_TRUE(
        contains(override_error({"network.layers=[4,64,2]", R"(network.activations=["tanh","softmax"])"}),
                 "--set network.layers=[4,64,2]: network.layers: the last size (2)"));
    EXPECT_TRUE(contains(override_error({"train.backward=sideways"}),
                         "--set train.backward=sideways: train.backward: unknown value 'sideways'"));
}

TEST(PresetOverrides, FileErrorsStillPointAtTheFile) {
    // The override makes the file's (unchanged) layers wrong for the new task: the error points at the file
    // line.
    const std::string m = override_error({"task.name=xor"});
    EXPECT_TRUE(contains(m, "lowhighmix.toml:"));
    EXPECT_TRUE(contains(m, "network.layers: the first size (4) must equal the task's input size (2)"));
}

} // namespace
} // namespace phasor
