// The race's variants as written in race.variants: names, short keys, what each sets unlike the base, and a
// clear error for anything that does not fit.
#include "rules_support.hpp"

#include "engine/core/error.hpp"

namespace phasor {
namespace {

using testing::rules_params;

std::string error_of(const ParamSet& p) {
    try {
        rules_config(p);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

TEST(RaceConfig, AnEmptyRaceIsOneLearnerNamedAfterItsRule) {
    const RulesConfig c = rules_config(rules_params({{"train.rule", "dfa"}}));
    ASSERT_EQ(c.variants.size(), 1u);
    EXPECT_EQ(c.variants[0].name, "dfa");
    EXPECT_EQ(c.variants[0].rule, "dfa");
    EXPECT_TRUE(c.variants[0].differs.empty());
}

TEST(RaceConfig, VariantsTakeTheBaseAndWhatTheySetThemselves) {
    const RulesConfig c = rules_config(
        rules_params({{"train.lr", "0.2"},
                      {"race.variants", "sgd; T: rule=threshold, threshold=0.25, accumulation=decaying; "
                                        "adam: train.optimizer=adamw, lr=0.001"}}));
    ASSERT_EQ(c.variants.size(), 3u);
    EXPECT_EQ(c.variants[0].name, "sgd");
    EXPECT_EQ(c.variants[0].rule, "backprop");
    EXPECT_FLOAT_EQ(c.variants[0].net.lr, 0.2f);
    EXPECT_EQ(c.variants[1].rule, "threshold");
    EXPECT_FLOAT_EQ(c.variants[1].settings.threshold, 0.25f);
    EXPECT_EQ(c.variants[1].settings.accumulation, Accumulation::Decaying);
    EXPECT_FLOAT_EQ(c.variants[1].net.lr, 0.2f);
    EXPECT_EQ(c.variants[1].differs,
              "train.rule = threshold, rule.threshold = 0.25, rule.accumulation = decaying");
    EXPECT_EQ(c.variants[2].net.optimizer.name, "adamw");
    EXPECT_FLOAT_EQ(c.variants[2].net.lr, 0.001f);
    EXPECT_EQ(c.variants[2].overridden, (std::vector<std::string>{"train.optimizer", "train.lr"}));
}

TEST(RaceConfig, BadVariantsAreRefusedNamingTheVariantAndKey) {
    EXPECT_NE(error_of(rules_params({{"race.variants", "a; b: rul=dfa"}})).find("variant 2 ('b'): unknown"),
              std::string::npos);
    EXPECT_NE(
        error_of(rules_params({{"race.variants", "a: task.name=xor"}})).find("shared by the whole race"),
        std::string::npos);
    EXPECT_NE(
        error_of(rules_params({{"race.variants", "a: train.batch=2"}})).find("shared by the whole race"),
        std::string::npos);
    EXPECT_NE(error_of(rules_params({{"race.variants", "a; a: rule=dfa"}})).find("second variant"),
              std::string::npos);
    EXPECT_NE(error_of(rules_params({{"race.variants", "a; : rule=dfa"}})).find("variant 2 has no name"),
              std::string::npos);
    EXPECT_NE(error_of(rules_params({{"race.variants", "a: rule=nope"}})).find("train.rule"),
              std::string::npos);
    EXPECT_NE(error_of(rules_params({{"race.variants", "a: lr=-1"}})).find("train.lr"), std::string::npos);
    EXPECT_NE(error_of(rules_params({{"race.variants", "a: lr"}})).find("not key=value"), std::string::npos);
    EXPECT_NE(error_of(rules_params({{"race.variants", "a;b;c;d;e;f;g;h;i"}})).find("at most 8"),
              std::string::npos);
}

TEST(RaceConfig, ThresholdsPerLayerAreOnePerLayerAndNumbers) {
    // rules_params' net has one hidden layer: two layers.
    const RulesConfig c = rules_config(rules_params({{"rule.threshold_layers", "0.02, 0.01"}}));
    EXPECT_EQ(c.variants[0].settings.layer_thresholds, (std::vector<float>{0.02f, 0.01f}));
    EXPECT_FLOAT_EQ(c.variants[0].settings.threshold_of(1), 0.01f);
    EXPECT_NE(error_of(rules_params({{"rule.threshold_layers", "0.02, 0.01, 0.3"}}))
                  .find("rule.threshold_layers: 3 values for a net of 2 layers"),
              std::string::npos);
    EXPECT_NE(error_of(rules_params({{"rule.threshold_layers", "0.02 x"}})).find("'x' is not a threshold"),
              std::string::npos);
    EXPECT_NE(error_of(rules_params({{"rule.threshold_layers", "-1 1"}})).find("'-1' is not a threshold"),
              std::string::npos);
    EXPECT_NE(error_of(rules_params({{"race.variants", "a; b: threshold_layers='1'"}}))
                  .find("variant 2 ('b'): rule.threshold_layers: 1 value for a net of 2 layers"),
              std::string::npos);
}

TEST(RaceConfig, WhatIsWrongWithTheBaseIsNamedByItsKeyNotByEachVariant) {
    // A preset's error points at the line of the key it names: the base's own, not race.variants.
    EXPECT_EQ(error_of(rules_params({{"rule.threshold_layers", "1 2 3"}, {"race.variants", "a; b: lr=0.3"}}))
                  .rfind("rule.threshold_layers: 3 values", 0),
              0u);
}

TEST(RaceConfig, CheckpointingIsRefusedForRulesWithoutABackwardPass) {
    EXPECT_EQ(error_of(rules_params({{"train.checkpoint_every", "2"}})), "");
    EXPECT_NE(error_of(rules_params({{"train.checkpoint_every", "2"}, {"train.rule", "ff"}}))
                  .find("train.checkpoint_every: rule 'ff' has no backward pass"),
              std::string::npos);
    EXPECT_NE(
        error_of(rules_params({{"train.checkpoint_every", "2"}, {"race.variants", "a; T: rule=threshold"}}))
            .find("variant 2 ('T'): train.checkpoint_every: rule 'threshold'"),
        std::string::npos);
}

TEST(RaceConfig, AShortKeyIsTheVariantKeyItEndsAndOtherRowsAreNotAVariants) {
    const RulesConfig c = rules_config(rules_params({{"race.variants", "a: lr=0.3, topk=0.5"}}));
    EXPECT_FLOAT_EQ(c.variants[0].net.lr, 0.3f);
    EXPECT_FLOAT_EQ(c.variants[0].settings.topk, 0.5f);
    EXPECT_NE(
        error_of(rules_params({{"race.variants", "a: name=x"}})).find("name is shared by the whole race"),
        std::string::npos);
    EXPECT_NE(error_of(rules_params({{"race.variants", "a: eval.every=3"}})).find("shared by the whole race"),
              std::string::npos);
}

} // namespace
} // namespace phasor
