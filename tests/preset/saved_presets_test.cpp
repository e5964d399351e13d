// Saved presets: preset_text() reads back through load_preset to the same parameters, and a run built from
// the saved file trains bit-identically to one built from what was saved, for the shipped presets, for a set
// with every row changed, and for a run's parameters after live changes.
#include "engine/mach/mach_net.hpp"
#include "engine/preset/preset.hpp"
#include "engine/rules/rules_model.hpp"
#include "support/stepnet_rows.hpp"
#include "support/stepnet_support.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

constexpr std::uint64_t kTicks = 2000;

ParamSet saved_and_loaded(const ParamSet& params, const test::TempDir& dir,
                          std::string_view file = "saved.toml") {
    return load_preset(dir.write(file, preset_text(params)));
}

// Both trained from scratch with the same seed: the same weights, bit for bit. Components on threads of their
// own (order = "free") train differently on every run by design: only their parameters are compared.
void expect_same_training(const ParamSet& a, const ParamSet& b) {
    if (a.family().name == "spiking") {
        // A spiking run is compared by its figures: every spike counted per population.
        phasor::Run x(a), y(b);
        testing::NullSeries series;
        x.advance(2000, series);
        y.advance(2000, series);
        Snapshot sx, sy;
        x.fill(sx);
        y.fill(sy);
        EXPECT_EQ(sx.headline, sy.headline);
        EXPECT_EQ(sx.figures.size(), sy.figures.size());
        return;
    }
    if (a.family().name == "rules") {
        // Every learner of the race, weight for weight, after a few ticks (a threshold learner on
        // Fashion-MNIST takes a millisecond a sample).
        phasor::Run x(a), y(b);
        testing::NullSeries series;
        x.advance(20, series);
        y.advance(20, series);
        auto& rx = dynamic_cast<RulesModel&>(x.model());
        auto& ry = dynamic_cast<RulesModel&>(y.model());
        ASSERT_EQ(rx.variants(), ry.variants());
        for (std::size_t v = 0; v < rx.variants(); ++v)
            for (std::size_t l = 0; l < rx.net(v).layers(); ++l)
                EXPECT_EQ(rx.net(v).master_weight(l), ry.net(v).master_weight(l));
        return;
    }
    const bool components = a.family().name == "mach";
    if (components && a.text("order") == "free") return;
    const std::uint64_t ticks = components ? 200 : kTicks; // a component step is a batch of 128 images
    phasor::Run x(a), y(b);
    testing::NullSeries series;
    for (std::uint64_t done = 0; done < ticks;) done += x.advance(ticks - done, series);
    for (std::uint64_t done = 0; done < ticks;) done += y.advance(ticks - done, series);
    EXPECT_EQ(x.ticks(), ticks);
    if (!components) {
        EXPECT_TRUE(testing::same_weights(testing::stepnet(x), testing::stepnet(y)));
        return;
    }
    auto& mx = dynamic_cast<MachNet&>(x.model());
    auto& my = dynamic_cast<MachNet&>(y.model());
    for (std::size_t c = 0; c < mx.component_count(); ++c)
        for (std::size_t l = 0; l < mx.component(c).network().layers().size(); ++l)
            EXPECT_EQ(mx.component(c).network().layers()[l].W, my.component(c).network().layers()[l].W);
}

TEST(SavedPreset, EveryShippedPresetReadsBackToTheSameParameters) {
    test::TempDir dir;
    for (const auto& entry : std::filesystem::directory_iterator(testing::preset_file("xor").parent_path())) {
        if (entry.path().extension() != ".toml") continue;
        SCOPED_TRACE(entry.path().string());
        const ParamSet original = load_preset(entry.path());
        const std::string text = preset_text(original);
        const ParamSet loaded = saved_and_loaded(original, dir);
        EXPECT_EQ(loaded, original) << text;
        EXPECT_EQ(preset_text(loaded), text); // saving again gives the same file
        expect_same_training(original, loaded);
    }
}

TEST(SavedPreset, NamesItsFamilyAndCommentsEachRow) {
    const std::string text = preset_text(testing::shipped("xor"));
    EXPECT_EQ(text.find("family = \"stepnet\""), text.find('\n') + 1) << text; // right after the header line
    EXPECT_TRUE(test::contains(text, "\n[task]\n"));
    EXPECT_TRUE(test::contains(text, "\n[network]\n"));
    EXPECT_TRUE(test::contains(text, "\n[train]\n"));
    EXPECT_TRUE(test::contains(
        text, "# The rate the schedule starts from; set live, the schedule carries on from it\nlr = 0.05\n"));
    // A row left automatic is written as a comment saying what it derives, and reads back as automatic.
    EXPECT_TRUE(test::contains(text, "# delay_depth is automatic: the pipeline lag"));
}

TEST(SavedPreset, EveryRowChangedReadsBackAndTrainsTheSame) {
    // Every row at a value other than its default, in combinations the family accepts.
    const ParamSet params = testing::stepnet_params({
        {"name", "\"all rows\""},
        {"description", "\"quotes \\\" and a backslash \\\\ and a tab \\t and é\""},
        {"seed", "12"},
        {"ticks", "777"},
        {"task.name", "\"spirals\""},
        {"task.hold_ticks", "3"},
        {"task.noise", "0.05"},
        {"task.points", "60"},
        {"task.test_points", "40"},
        {"network.layers", "[2, 12, 6, 2]"},
        {"network.activations", "[\"leaky_relu\", \"tanh\", \"sigmoid\"]"},
        {"network.loss", "\"mse\""},
        {"network.init", "\"xavier\""},
        {"train.optimizer", "\"adamw\""},
        {"train.lr", "0.0333"},
        {"train.delay_depth", "4"},
        {"train.batch", "3"},
        {"train.l2", "0.002"},
        {"train.l1", "0.0005"},
        {"train.attention", "false"},
        {"train.schedule", "\"step\""},
        {"train.decay", "0.99991"},
        {"train.step_every", "300"},
        {"train.gamma", "0.7"},
        {"train.floor", "0.00012"},
        {"train.temperature", "2.5"},
        {"train.backward", "\"pipelined\""},
        {"train.momentum", "0.3"},
        {"train.weight_decay", "0.0001"},
        {"train.beta1", "0.8"},
        {"train.beta2", "0.95"},
        {"train.eps", "1e-6"},
        {"train.rolling_window", "57"},
        {"train.series_every", "13"},
        {"speed", "250.0"},
    });
    for (const ParamSpec& row : params.table().rows()) {
        if (row.choices.size() == 1) continue; // nothing else to pick
        EXPECT_NE(params.value(row.key), row.default_value) << row.key << " is not changed by this test";
    }
    test::TempDir dir;
    const ParamSet loaded = saved_and_loaded(params, dir);
    EXPECT_EQ(loaded, params) << preset_text(params);
    expect_same_training(params, loaded);
}

TEST(SavedPreset, RealsReadBackBitForBit) {
    test::TempDir dir;
    for (float lr : {0.1f, 0.3f, 1e-7f, 0.0123456789f, 3.0f, 1e30f, 0.02f * 0.9995f}) {
        ParamSet p = testing::stepnet_params({{"name", "\"r\""}});
        ASSERT_FALSE(p.set("train.lr", lr));
        EXPECT_EQ(saved_and_loaded(p, dir).real("train.lr"), lr) << to_toml(ParamValue{lr});
    }
}

TEST(SavedPreset, ARunsParametersAfterLiveChangesReadBackAndTrainTheSame) {
    phasor::Run run(testing::shipped("lowhighmix"));
    testing::NullSeries series;
    run.advance(300, series);
    for (const auto& [key, text] : testing::Changes{{"train.lr", "0.013"},
                                                    {"train.backward", "pipelined"},
                                                    {"train.delay_depth", "3"},
                                                    {"train.attention", "false"},
                                                    {"task.hold_ticks", "7"},
                                                    {"train.decay", "0.9999"},
                                                    {"train.rolling_window", "31"},
                                                    {"description", "\"changed live\""}})
        ASSERT_FALSE(run.set_text(key, text)) << key;
    run.advance(300, series);
    ASSERT_FALSE(run.set_text("train.delay_depth", "auto")); // back to automatic
    EXPECT_FALSE(run.params().is_set("train.delay_depth"));
    test::TempDir dir;
    const ParamSet loaded = saved_and_loaded(run.params(), dir);
    EXPECT_EQ(loaded, run.params()) << preset_text(run.params());
    EXPECT_FLOAT_EQ(loaded.real("train.lr"), 0.013f);
    EXPECT_EQ(loaded.text("train.backward"), "pipelined");
    expect_same_training(run.params(), loaded);

    // And after structural changes too (each a new run from the changed parameters): the activations go back
    // to automatic so that the layers can change their count.
    ASSERT_FALSE(run.set("network.activations", std::monostate{}));
    ASSERT_FALSE(run.set_text("network.layers", "[4, 20, 3]"));
    const ParamSet rebuilt = saved_and_loaded(run.params(), dir, "rebuilt.toml");
    EXPECT_EQ(rebuilt, run.params());
    expect_same_training(run.params(), rebuilt);
}

} // namespace
} // namespace phasor
