// Every preset shipped in assets/presets loads, validates and builds a model; defaults and the full schema.
#include "engine/preset/preset.hpp"
#include "engine/stepnet/stepnet.hpp"
#include "engine/stepnet/stepnet_family.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <set>

namespace phasor {
namespace {

const std::filesystem::path kPresetDir = std::filesystem::path(PHASOR_SOURCE_DIR) / "assets" / "presets";

TEST(ShippedPresets, EveryPresetLoadsAndBuilds) {
    std::set<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(kPresetDir)) {
        if (entry.path().extension() != ".toml") continue;
        SCOPED_TRACE(entry.path().string());
        const ParamSet params = load_preset(entry.path());
        EXPECT_EQ(params.text("name"), entry.path().stem().string()) << "name should match the file name";
        EXPECT_FALSE(params.text("description").empty());
        params.family().check(params);
        EXPECT_NE(params.family().build(params), nullptr);
        if (params.family().name == "stepnet") {
            const StepNetConfig config = stepnet_config(params);
            StepNet model(config);
            EXPECT_EQ(model.layer_count() + 1, static_cast<int>(config.layers.size()));
        }
        names.insert(params.text("name"));
    }
    for (const char* expected : {"lowhighmix", "lowhighmix_noisy", "parity4", "xor", "spirals",
                                 "mlp_backprop", "mach_sync_sequence", "mach_async_sequence"})
        EXPECT_TRUE(names.contains(expected)) << expected;
}

TEST(ShippedPresets, DefaultPresetMatchesTheBrief) {
    const StepNetConfig c = stepnet_config(load_preset(kPresetDir / "lowhighmix.toml"));
    EXPECT_EQ(c.task.name, "lowhighmix");
    EXPECT_EQ(c.task.hold_ticks, 20);
    EXPECT_EQ(c.layers, (std::vector<int>{4, 32, 16, 3}));
    EXPECT_EQ(c.activations,
              (std::vector<Activation>{Activation::Relu, Activation::Tanh, Activation::Softmax}));
    EXPECT_EQ(c.backward, BackwardMode::Aligned);
    EXPECT_TRUE(c.attention);
}

TEST(PresetSchema, MinimalPresetTakesTheDefaults) {
    test::TempDir dir;
    const ParamSet p = load_preset(dir.write("m.toml", "name = \"m\"\n"));
    EXPECT_EQ(&p.family(), &stepnet_family());
    for (const ParamSpec& row : p.table().rows()) {
        if (row.key != "name") {
            EXPECT_EQ(p.value(row.key), row.default_value) << row.key;
        }
    }
    // stepnet_family.cpp takes its defaults from StepNetConfig{} "so the table and the config the tests build
    // cannot disagree": the config of a minimal preset is StepNetConfig{} field by field.
    const StepNetConfig c = stepnet_config(p);
    const StepNetConfig d;
    EXPECT_EQ(c.name, "m");
    EXPECT_EQ(c.seed, d.seed);
    EXPECT_EQ(c.ticks, d.ticks);
    EXPECT_EQ(c.task.name, d.task.name);
    EXPECT_EQ(c.task.hold_ticks, d.task.hold_ticks);
    EXPECT_EQ(c.layers, d.layers);
    EXPECT_EQ(c.activations, d.activations)
        << "a preset without activations gets relu for every hidden layer (the table's automatic rule), "
           "StepNetConfig{} has relu, tanh, softmax";
    EXPECT_EQ(c.loss, d.loss);
    EXPECT_FALSE(c.init.has_value());
    EXPECT_FALSE(c.delay_depth.has_value());
    EXPECT_EQ(c.backward, d.backward);
    EXPECT_EQ(c.attention, d.attention);
    EXPECT_EQ(c.schedule.lr, d.schedule.lr);
    EXPECT_EQ(c.schedule.kind, d.schedule.kind);
    EXPECT_EQ(c.schedule.decay, d.schedule.decay);
    EXPECT_EQ(c.rolling_window, d.rolling_window);
    EXPECT_EQ(c.series_every, d.series_every);
}

TEST(PresetSchema, EveryKeyIsRead) {
    test::TempDir dir;
    const auto file = dir.write("full.toml", R"(name = "full"
description = "all keys"
seed = 7
ticks = 1234
[task]
name = "spirals"
hold_ticks = 3
noise = 0.05
points = 100
[network]
layers = [2, 16, 2]
activations = ["leaky_relu", "softmax"]
loss = "cross_entropy"
init = "xavier"
[train]
backward = "pipelined"
delay_depth = 5
optimizer = "sgd"
momentum = 0.5
weight_decay = 0.001
lr = 0.1
schedule = "step"
decay = 0.99
floor = 0.0001
step_every = 500
gamma = 0.25
attention = false
temperature = 2
rolling_window = 50
series_every = 10
)");
    const StepNetConfig c = stepnet_config(load_preset(file));
    EXPECT_EQ(c.description, "all keys");
    EXPECT_EQ(c.seed, 7u);
    EXPECT_EQ(c.ticks, 1234u);
    EXPECT_EQ(c.task.name, "spirals");
    EXPECT_EQ(c.task.hold_ticks, 3);
    EXPECT_FLOAT_EQ(c.task.noise, 0.05f);
    EXPECT_EQ(c.task.points, 100);
    EXPECT_EQ(c.layers, (std::vector<int>{2, 16, 2}));
    EXPECT_EQ(c.activations, (std::vector<Activation>{Activation::LeakyRelu, Activation::Softmax}));
    EXPECT_EQ(c.init, Init::Xavier);
    EXPECT_EQ(c.backward, BackwardMode::Pipelined);
    EXPECT_EQ(c.delay_depth, 5);
    EXPECT_FLOAT_EQ(c.optimizer.momentum, 0.5f);
    EXPECT_FLOAT_EQ(c.optimizer.weight_decay, 0.001f);
    EXPECT_FLOAT_EQ(c.schedule.lr, 0.1f);
    EXPECT_EQ(c.schedule.kind, ScheduleKind::Step);
    EXPECT_FLOAT_EQ(c.schedule.decay, 0.99f);
    EXPECT_FLOAT_EQ(c.schedule.floor, 0.0001f);
    EXPECT_EQ(c.schedule.step_every, 500);
    EXPECT_FLOAT_EQ(c.schedule.gamma, 0.25f);
    EXPECT_FALSE(c.attention);
    EXPECT_FLOAT_EQ(c.temperature, 2.f); // an integer is accepted where a number is expected
    EXPECT_EQ(c.rolling_window, 50);
    EXPECT_EQ(c.series_every, 10);
}

TEST(PresetSchema, OmittedActivationsFollowTheShapeAndLoss) {
    test::TempDir dir;
    auto c = stepnet_config(load_preset(
        dir.write("a.toml", "name = \"a\"\n[task]\nname = \"xor\"\n[network]\nlayers = [2, 8, 8, 2]\n")));
    EXPECT_EQ(c.activations,
              (std::vector<Activation>{Activation::Relu, Activation::Relu, Activation::Softmax}));
    c = stepnet_config(load_preset(dir.write("b.toml", "name = \"b\"\n[network]\nloss = \"mse\"\n")));
    EXPECT_EQ(c.activations,
              (std::vector<Activation>{Activation::Relu, Activation::Relu, Activation::Sigmoid}));
}

} // namespace
} // namespace phasor
