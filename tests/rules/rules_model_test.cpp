// The rule lab's model: a race's learners start from one state and see one stream; live settings reach the
// learners that do not set them; the lens, the counts, the histories and the raster measure what they name;
// warm training allocates nothing; and every parameter a user can set changes the run.
#include "rules_support.hpp"
#include "support/allocation_counter.hpp"

#include "engine/core/error.hpp"
#include "engine/data/dataset.hpp"
#include "engine/data/epoch_order.hpp"
#include "engine/rules/rules_data.hpp"

#include <cmath>
#include <fmt/format.h>

namespace phasor {
namespace {

using testing::rules_model;
using testing::rules_params;
using testing::run_ticks;

bool same_weights(RuleNet& a, RuleNet& b) {
    for (std::size_t l = 0; l < a.layers(); ++l)
        if (a.master_weight(l) != b.master_weight(l) || a.master_bias(l) != b.master_bias(l)) return false;
    return true;
}

Snapshot filled(RulesModel& m) {
    Snapshot s;
    s.payload = m.make_payload();
    m.fill(s);
    return s;
}

const RulesView& view(const Snapshot& s) {
    return *s.payload_as<RulesView>();
}

TEST(RulesModel, ARaceStartsFromOneStateAndLearnersThatShareParametersStayEqual) {
    auto m = rules_model(rules_params({{"race.variants", "a; b; c: lr=0.5"}}));
    ASSERT_EQ(m->variants(), 3u);
    EXPECT_TRUE(same_weights(m->net(0), m->net(1)));
    EXPECT_TRUE(same_weights(m->net(0), m->net(2)));
    run_ticks(*m, 1);
    EXPECT_TRUE(same_weights(m->net(0), m->net(1))) << "the same first step from the same state";
    EXPECT_FALSE(same_weights(m->net(0), m->net(2)));
    run_ticks(*m, 30);
    EXPECT_TRUE(same_weights(m->net(0), m->net(1))) << "the same batches, tick after tick";
}

TEST(RulesModel, ALiveSettingReachesTheLearnersThatDoNotSetIt) {
    const ParamSet p = rules_params({{"race.variants", "a; b: lr=0.3"}});
    auto m = rules_model(p);
    ASSERT_FALSE(m->set(*p.table().find("train.lr"), 0.01f));
    EXPECT_FLOAT_EQ(m->net(0).layer_lr(0), 0.01f);
    EXPECT_FLOAT_EQ(m->net(1).layer_lr(0), 0.3f);
    ASSERT_FALSE(m->set(*p.table().find("rule.threshold"), 0.5f));
    EXPECT_FLOAT_EQ(m->variant_config(0).settings.threshold, 0.5f);
    EXPECT_FLOAT_EQ(m->variant_config(1).settings.threshold, 0.5f);
    // A value the net cannot take is refused whole, naming the key, and nothing changes.
    const ParamSpec& per_layer = *p.table().find("rule.threshold_layers");
    const auto refused = m->set(per_layer, std::string("0.1, 0.2, 0.3"));
    ASSERT_TRUE(refused);
    EXPECT_NE(refused->find("rule.threshold_layers: 3 values for a net of 2 layers"), std::string::npos);
    EXPECT_TRUE(m->variant_config(0).settings.layer_thresholds.empty());
    ASSERT_FALSE(m->set(per_layer, std::string("0.1, 0.2")));
    EXPECT_EQ(m->variant_config(1).settings.layer_thresholds, (std::vector<float>{0.1f, 0.2f}));
}

TEST(RulesModel, ARunStoppedBeforeItsFirstEvaluationReportsTheLossOfItsBatches) {
    auto m = rules_model(rules_params({{"eval.every", "50"}}));
    run_ticks(*m, 3);
    const Snapshot s = filled(*m);
    const float loss = view(s).variants[0].loss;
    EXPECT_TRUE(std::isfinite(loss));
    EXPECT_GT(loss, 0.f);
    EXPECT_FLOAT_EQ(s.headline[1], loss);
    // Three more ticks, and the run stands still (a second snapshot at the same tick, as a paused app takes
    // them): the figure follows the batches, none of the six evaluated yet.
    run_ticks(*m, 3);
    filled(*m);
    EXPECT_NE(view(filled(*m)).variants[0].loss, loss);
}

TEST(RulesModel, TheLensSeesBackpropWithSgdFollowTheGradientExactly) {
    auto m = rules_model(rules_params({{"race.variants", "bp; dfa: rule=dfa"}, {"lens.every", "1"}}));
    run_ticks(*m, 5);
    const Snapshot s = filled(*m);
    const RulesView& v = view(s);
    for (const float angle : v.variants[0].lens_degrees) EXPECT_LT(angle, 0.5f) << "plain SGD steps along −g";
    // DFA's output layer is backprop's; its hidden layer's error comes through a random matrix.
    EXPECT_LT(v.variants[1].lens_degrees.back(), 0.5f);
    EXPECT_GT(v.variants[1].lens_degrees.front(), 1.f);
}

TEST(RulesModel, WithoutTheLensNoAngleIsMeasured) {
    auto m = rules_model(rules_params({{"lens.every", "0"}}));
    run_ticks(*m, 20);
    const Snapshot s = filled(*m);
    for (const float angle : view(s).variants[0].lens_degrees) EXPECT_TRUE(std::isnan(angle));
}

TEST(RulesModel, BackpropWakesEveryConnectionForEverySample) {
    auto m = rules_model(rules_params({}));
    run_ticks(*m, 7);
    const auto& counts = m->counts(0);
    ASSERT_EQ(counts.size(), 2u);
    // Each neuron's bias counts as a connection, from a constant 1.
    EXPECT_EQ(counts[0].notifications, 8 * (2 + 1) * 28);
    EXPECT_EQ(counts[1].notifications, 2 * (8 + 1) * 28);
    const Snapshot s = filled(*m);
    EXPECT_EQ(view(s).variants[0].notifications, (24 + 18) * 28);
}

TEST(RulesModel, HistoriesThinAndKeepTheirOrder) {
    auto m = rules_model(rules_params({{"eval.every", "1"}, {"lens.every", "0"}}));
    run_ticks(*m, 1200);
    const Snapshot s = filled(*m);
    const RulesView& v = view(s);
    const auto& h = v.variants[0].history;
    EXPECT_LE(h.samples.size(), 512u);
    EXPECT_GE(h.samples.size(), 256u);
    for (std::size_t i = 1; i < h.samples.size(); ++i) EXPECT_LT(h.samples[i - 1], h.samples[i]);
    EXPECT_EQ(h.loss.size(), h.samples.size());
    EXPECT_EQ(h.fired_fraction[1].size(), h.samples.size());
    EXPECT_EQ(h.samples.front(), 0.f) << "the first point is the untrained state";
}

TEST(RulesModel, TheRasterFollowsTheThresholdLearnerAndShowsFractions) {
    auto m = rules_model(rules_params({{"race.variants", "bp; T: rule=threshold, threshold=0.02"}}));
    run_ticks(*m, 20);
    const Snapshot s = filled(*m);
    const RulesView& v = view(s);
    EXPECT_EQ(v.raster.variant, 1);
    EXPECT_EQ(v.raster.rows, 8 + 2);
    EXPECT_EQ(v.raster.layer_first_row, (std::vector<int>{0, 8}));
    EXPECT_EQ(v.raster.newest, 20u);
    float most = 0;
    for (int row = 0; row < v.raster.rows; ++row)
        for (std::uint64_t t = 1; t <= 20; ++t) {
            EXPECT_GE(v.raster.at(row, t), 0.f);
            EXPECT_LE(v.raster.at(row, t), 1.f);
            most = std::max(most, v.raster.at(row, t));
        }
    EXPECT_GT(most, 0.f);
}

TEST(RulesModel, ARestoredCheckpointPutsEveryLearnerBack) {
    auto m = rules_model(rules_params({{"race.variants", "a; b: optimizer=adamw, lr=0.01"}}));
    run_ticks(*m, 5);
    m->checkpoint();
    const Mat w0 = m->net(0).master_weight(0), w1 = m->net(1).master_weight(0);
    run_ticks(*m, 5);
    EXPECT_NE(m->net(0).master_weight(0), w0);
    m->restore();
    EXPECT_EQ(m->net(0).master_weight(0), w0);
    EXPECT_EQ(m->net(1).master_weight(0), w1);
    EXPECT_EQ(m->checkpoint_tick(), 5u);
}

TEST(RulesModel, AMissingDataSetSaysWhereItLooked) {
    try {
        rules_model(rules_params({{"task.name", "fashion_mnist"}, {"data.dir", "/nowhere/fmnist"}}));
        FAIL() << "built without data";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("/nowhere/fmnist"), std::string::npos) << e.what();
    }
}

TEST(RulesModel, TheCurriculumStartsWithTheSamplesNearestTheirClassMean) {
    // Two classes on a line: class 0 at 0, 0.1, 0.9 (mean 1/3), class 1 at 2, 2.3, 2.35 (mean 2.2167).
    Dataset d;
    d.features = 1;
    d.classes = 2;
    d.inputs = {0.f, 2.f, 0.1f, 0.9f, 2.3f, 2.35f};
    d.labels = {0, 1, 0, 0, 1, 1};
    EXPECT_EQ(easiest_first(d), (std::vector<std::uint32_t>{4, 5, 1, 2, 0, 3}));
    EpochOrder order(6, 1);
    order.begin_with(easiest_first(d));
    const auto first = order.next(6);
    EXPECT_EQ(std::vector<std::uint32_t>(first.begin(), first.end()),
              (std::vector<std::uint32_t>{4, 5, 1, 2, 0, 3}));
    EXPECT_EQ(order.epoch(), 1u);
    const auto second = order.next(6);
    EXPECT_NE(std::vector<std::uint32_t>(second.begin(), second.end()),
              (std::vector<std::uint32_t>{4, 5, 1, 2, 0, 3}))
        << "later epochs are shuffled";
    // Through the lab: the first batch of a stream task under easy_first is its easiest samples.
    auto easy = rules_model(rules_params({{"task.name", "lowhighmix"}, {"data.curriculum", "easy_first"}}));
    auto plain = rules_model(rules_params({{"task.name", "lowhighmix"}}));
    run_ticks(*easy, 1);
    run_ticks(*plain, 1);
    EXPECT_FALSE(same_weights(easy->net(0), plain->net(0)));
}

#ifdef PHASOR_COUNT_MALLOC
TEST(RulesModel, WarmTrainingAllocatesNothing) {
    auto m = rules_model(rules_params(
        {{"race.variants",
          "bp; topk: rule=topk; fa: rule=fa; dfa: rule=dfa; T: rule=threshold, threshold=0.01; "
          "ff: rule=ff; adam: optimizer=adamw, lookahead=2; bf16: precision=bf16, accumulate=2"}}));
    run_ticks(*m, 25);
    testing::SeriesRecord series;
    series.samples.reserve(100);
    EXPECT_EQ(testing::count_mallocs([&] { m->advance(40, series); }), 0);
}
#endif

// What a run came to, as text: every learner's weights, figures and histories.
std::string fingerprint(const ParamSet& p) {
    auto m = rules_model(p);
    run_ticks(*m, 30);
    const Snapshot s = filled(*m);
    std::string f;
    for (std::size_t i = 0; i < m->variants(); ++i)
        for (std::size_t l = 0; l < m->net(i).layers(); ++l)
            f += fmt::format("{:.9g} {:.9g};", m->net(i).master_weight(l).sum(),
                             m->net(i).master_bias(l).sum());
    for (const PartFigures& part : s.parts)
        for (const auto& [name, value] : part.figures)
            if (name != "samples_per_second") f += fmt::format("{}={:.9g};", name, value);
    for (const VariantView& v : view(s).variants) {
        f += fmt::format("points {};", v.history.samples.size());
        for (const float a : v.history.test_accuracy) f += fmt::format("{:.9g},", a);
        for (const auto& layer : v.history.lens_degrees)
            for (const float a : layer) f += fmt::format("{:.9g},", a);
    }
    return f;
}

struct ParamCase {
    const char* key;
    const char* value;
    std::vector<std::pair<std::string, std::string>> with; // what the parameter needs to matter
};

// name and description label the run, speed paces the app, ticks is phasor run's length, data.dir is checked
// by the test above: every other row changes what is trained or measured.
const ParamCase kCases[] = {
    {"seed", "2", {}},
    {"task.name", "parity4", {}},
    {"data.train_samples", "50", {{"task.name", "lowhighmix"}}},
    {"data.curriculum", "easy_first", {{"task.name", "lowhighmix"}}},
    {"network.hidden", "[5]", {}},
    {"network.activation", "tanh", {}},
    {"train.rule", "dfa", {}},
    {"train.optimizer", "adamw", {}},
    {"train.lr", "0.3", {}},
    {"train.momentum", "0.9", {}},
    {"train.weight_decay", "0.1", {}},
    {"train.beta1", "0.5", {{"train.optimizer", "adamw"}}},
    {"train.beta2", "0.9", {{"train.optimizer", "adamw"}}},
    {"train.lookahead", "2", {}},
    {"train.lookahead_alpha", "0.2", {{"train.lookahead", "2"}}},
    {"train.batch", "2", {}},
    {"train.layer_lr_decay", "0.5", {}},
    {"train.accumulate", "2", {}},
    {"train.precision", "bf16", {}},
    // The same weights (tests/rules_gradient), less memory: layers 0 and 2 share a buffer.
    {"train.checkpoint_every", "2", {{"network.hidden", "[6, 6, 6]"}}},
    {"rule.threshold", "0.05", {{"train.rule", "threshold"}}},
    {"rule.threshold_layers", "1e9, 0", {{"train.rule", "threshold"}}},
    {"rule.threshold_scale", "relative", {{"train.rule", "threshold"}, {"rule.threshold", "0.5"}}},
    {"rule.accumulation", "decaying", {{"train.rule", "threshold"}, {"rule.threshold", "0.05"}}},
    {"rule.accumulation_decay",
     "0.3",
     {{"train.rule", "threshold"}, {"rule.threshold", "0.05"}, {"rule.accumulation", "decaying"}}},
    {"rule.topk", "0.5", {{"train.rule", "topk"}}},
    {"rule.ff_threshold", "0.5", {{"train.rule", "ff"}}},
    {"race.variants", "a; b: lr=0.3", {}},
    {"eval.every", "7", {}},
    {"eval.samples", "1", {{"task.name", "lowhighmix"}}},
    {"lens.every", "0", {}},
};

ParamSet with(const ParamCase& c, bool changed) {
    ParamSet p = rules_params();
    for (const auto& [key, text] : c.with) p.set(key, parse_value(*p.table().find(key), text));
    if (changed) p.set(c.key, parse_value(*p.table().find(c.key), c.value));
    return p;
}

TEST(RulesParams, EveryParameterChangesTheRun) {
    for (const ParamCase& c : kCases)
        EXPECT_NE(fingerprint(with(c, false)), fingerprint(with(c, true))) << c.key << " = " << c.value;
}

TEST(RulesParams, EveryRowIsCoveredOrSaidWhyNot) {
    const std::vector<std::string_view> elsewhere{"name", "description", "speed", "ticks", "data.dir"};
    for (const ParamSpec& row : rules_family().params.rows()) {
        const bool covered = std::any_of(std::begin(kCases), std::end(kCases),
                                         [&](const ParamCase& c) { return c.key == row.key; }) ||
                             std::find(elsewhere.begin(), elsewhere.end(), row.key) != elsewhere.end();
        EXPECT_TRUE(covered) << row.key;
    }
}

} // namespace
} // namespace phasor
