// Every row of the stepped network's parameter table, one by one: reachable from a preset file, from --set
// and from a live change (Run::set and the trainer's SetParam), it changes the run it is given to (or, for
// labels, provably does not), and a bad value is refused naming the key. A guard fails when the table gains a
// row that tests/support/stepnet_rows.hpp does not cover.
#include "engine/core/error.hpp"
#include "engine/runtime/change.hpp"
#include "engine/trainer/trainer.hpp"
#include "support/eventually.hpp"
#include "support/process.hpp"
#include "support/stepnet_rows.hpp"
#include "support/temp_dir.hpp"
#include "test_support.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

namespace phasor {
namespace {

using namespace std::chrono_literals;
using testing::Effect;
using testing::RowCase;

constexpr std::uint64_t kTicks = 2000;     // long enough for every row's change to reach the weights
constexpr std::uint64_t kLiveAt = 500;     // when a live change is made
constexpr std::uint64_t kShortTicks = 300; // for the rolling accuracy, before it saturates at 100 %

const RowCase& row_case(std::string_view key) {
    const RowCase* c = testing::find_row_case(key);
    if (!c) throw std::logic_error(fmt::format("no case for {} in tests/support/stepnet_rows.hpp", key));
    return *c;
}

const ParamSpec& row(std::string_view key) {
    return testing::stepnet_row(key);
}

ParamValue alternative(std::string_view key) {
    return parse_value(row(key), row_case(key).alternative);
}

testing::Changes context_of(std::string_view key) {
    return {row_case(key).context.begin(), row_case(key).context.end()};
}

// The defaults, named as preset_toml names them, with the row's context.
ParamSet base(std::string_view key) {
    testing::Changes changes{{"name", "\"rows\""}};
    for (const auto& c : row_case(key).context) changes.push_back(c);
    return testing::stepnet_params(changes);
}

ParamSet changed(std::string_view key) {
    ParamSet p = base(key);
    if (auto why = p.set(key, alternative(key))) throw std::logic_error(*why);
    return p;
}

// A preset file's text for `entries` (key, TOML text), top-level keys first, then one table per section.
std::string preset_toml(const testing::Changes& entries) {
    std::map<std::string, std::string> top;
    std::map<std::string, std::map<std::string, std::string>> sections;
    top["name"] = "\"rows\"";
    for (const auto& [key, text] : entries) {
        const auto dot = key.find('.');
        if (dot == std::string_view::npos)
            top[std::string(key)] = text;
        else
            sections[std::string(key.substr(0, dot))][std::string(key.substr(dot + 1))] = text;
    }
    std::string out;
    for (const auto& [k, v] : top) out += fmt::format("{} = {}\n", k, v);
    for (const auto& [section, keys] : sections) {
        out += fmt::format("[{}]\n", section);
        for (const auto& [k, v] : keys) out += fmt::format("{} = {}\n", k, v);
    }
    return out;
}

// The field of a StepNetConfig that a parameter sets, as text, so the model's own config can be compared with
// the one its parameters describe.
std::string config_text(const StepNetConfig& c, std::string_view key) {
    auto names = [](const auto& values) {
        std::vector<std::string> out;
        for (const auto& v : values) out.emplace_back(to_string(v));
        return fmt::format("{}", fmt::join(out, ","));
    };
    if (key == "name") return c.name;
    if (key == "speed") return "the trainer's, not the model's"; // a Pace row: the model never sees it
    if (key == "description") return c.description;
    if (key == "seed") return fmt::format("{}", c.seed);
    if (key == "ticks") return fmt::format("{}", c.ticks);
    if (key == "task.name") return c.task.name;
    if (key == "task.hold_ticks") return fmt::format("{}", c.task.hold_ticks);
    if (key == "task.noise") return fmt::format("{}", c.task.noise);
    if (key == "task.points") return fmt::format("{}", c.task.points);
    if (key == "task.test_points")
        return c.task.test_points ? fmt::format("{}", *c.task.test_points) : "auto";
    if (key == "network.layers") return fmt::format("{}", fmt::join(c.layers, ","));
    if (key == "network.activations") return names(c.activations);
    if (key == "network.loss") return std::string(to_string(c.loss));
    if (key == "network.init") return !c.init ? "auto" : *c.init == Init::He ? "he" : "xavier";
    if (key == "train.optimizer") return c.optimizer.name;
    if (key == "train.lr") return fmt::format("{}", c.schedule.lr);
    if (key == "train.delay_depth") return c.delay_depth ? fmt::format("{}", *c.delay_depth) : "auto";
    if (key == "train.batch") return fmt::format("{}", c.batch);
    if (key == "train.l2") return fmt::format("{}", c.l2);
    if (key == "train.l1") return fmt::format("{}", c.l1);
    if (key == "train.attention") return fmt::format("{}", c.attention);
    if (key == "train.schedule") return std::string(to_string(c.schedule.kind));
    if (key == "train.decay") return fmt::format("{}", c.schedule.decay);
    if (key == "train.step_every") return fmt::format("{}", c.schedule.step_every);
    if (key == "train.gamma") return fmt::format("{}", c.schedule.gamma);
    if (key == "train.floor") return fmt::format("{}", c.schedule.floor);
    if (key == "train.temperature") return fmt::format("{}", c.temperature);
    if (key == "train.backward") return std::string(to_string(c.backward));
    if (key == "train.momentum") return fmt::format("{}", c.optimizer.momentum);
    if (key == "train.weight_decay") return fmt::format("{}", c.optimizer.weight_decay);
    if (key == "train.beta1") return fmt::format("{}", c.optimizer.beta1);
    if (key == "train.beta2") return fmt::format("{}", c.optimizer.beta2);
    if (key == "train.eps") return fmt::format("{}", c.optimizer.eps);
    if (key == "train.rolling_window") return fmt::format("{}", c.rolling_window);
    if (key == "train.series_every") return fmt::format("{}", c.series_every);
    ADD_FAILURE() << "config_text does not know " << key;
    return {};
}

std::vector<float> channel_values(const std::vector<SeriesSample>& samples, std::string_view name) {
    const auto& channels = stepnet_family().channels;
    const auto i = static_cast<std::size_t>(
        std::find_if(channels.begin(), channels.end(), [&](const Quantity& q) { return q.name == name; }) -
        channels.begin());
    std::vector<float> out;
    for (const SeriesSample& s : samples) out.push_back(s.values[i]);
    return out;
}

// What one run did: its weights' model, the series, the final snapshot.
struct Outcome {
    std::unique_ptr<phasor::Run> run;
    std::vector<SeriesSample> series;
    Snapshot snapshot;
};

// Runs `params` for `ticks`; when `live` is given, the change is made with Run::set at kLiveAt.
Outcome train(ParamSet params, std::uint64_t ticks,
              std::optional<std::pair<std::string_view, ParamValue>> live = {}) {
    Outcome o{std::make_unique<phasor::Run>(std::move(params)), {}, {}};
    testing::SeriesLog series;
    if (live) {
        o.run->advance(kLiveAt, series);
        if (auto why = o.run->set(live->first, live->second)) ADD_FAILURE() << "refused live: " << *why;
        ticks -= kLiveAt;
    }
    while (ticks > 0) {
        const std::uint64_t done = o.run->advance(ticks, series);
        if (done == 0) break; // a fault stops the run until it is taken
        ticks -= done;
    }
    if (const auto fault = o.run->take_fault()) ADD_FAILURE() << fault->describe();
    o.series = std::move(series.samples);
    o.run->fill(o.snapshot);
    return o;
}

class ParamRow : public ::testing::TestWithParam<std::string_view> {
  protected:
    std::string_view key() const { return GetParam(); }
    const RowCase& c() const { return row_case(key()); }
    const ParamSpec& spec() const { return row(key()); }
};

std::vector<std::string_view> table_keys() {
    std::vector<std::string_view> keys;
    for (const ParamSpec& r : stepnet_family().params.rows()) keys.push_back(r.key);
    return keys;
}

INSTANTIATE_TEST_SUITE_P(StepNet, ParamRow, ::testing::ValuesIn(table_keys()),
                         [](const ::testing::TestParamInfo<std::string_view>& info) {
                             std::string name(info.param);
                             std::replace(name.begin(), name.end(), '.', '_');
                             return name;
                         });

TEST(ParamRows, EveryRowOfTheTableHasACaseAndEveryCaseARow) {
    for (const ParamSpec& r : stepnet_family().params.rows())
        EXPECT_NE(testing::find_row_case(r.key), nullptr)
            << r.key << " was added to the stepped network's table: give it an entry in "
            << "tests/support/stepnet_rows.hpp (a value that changes the run, a bad value, what it governs)";
    std::set<std::string_view> seen;
    for (const RowCase& c : testing::stepnet_row_cases()) {
        EXPECT_NE(stepnet_family().params.find(c.key), nullptr) << c.key << " is no longer a parameter";
        EXPECT_TRUE(seen.insert(c.key).second) << c.key << " listed twice";
    }
}

TEST_P(ParamRow, CaseIsCoherent) {
    ASSERT_NE(testing::find_row_case(key()), nullptr);
    const ParamValue alt = alternative(key());
    EXPECT_FALSE(check_value(spec(), alt)) << "the alternative must be a valid value";
    EXPECT_NE(alt, base(key()).value(key())) << "the alternative must differ from the base value";
    EXPECT_EQ(c().effect == Effect::Label, spec().apply == ParamApply::Label);
    EXPECT_EQ(c().effect == Effect::RunLength, spec().apply == ParamApply::Runner);
    EXPECT_EQ(c().effect == Effect::Pace, spec().apply == ParamApply::Pace);
}

// (a) reachable: a preset file setting it loads to that value.
TEST_P(ParamRow, ReachableFromAPresetFile) {
    testing::TempDir dir;
    testing::Changes entries = context_of(key());
    entries.emplace_back(key(), c().alternative);
    const auto file = dir.write("rows.toml", preset_toml(entries));
    const ParamSet loaded = load_preset(file);
    EXPECT_EQ(loaded.value(key()), alternative(key())) << testing::read_file(file);
    EXPECT_EQ(loaded, changed(key()));
    EXPECT_EQ(config_text(stepnet_config(loaded), key()), config_text(stepnet_config(changed(key())), key()));
}

// (a) reachable: --set on top of a preset file.
TEST_P(ParamRow, ReachableFromSet) {
    testing::TempDir dir;
    const auto file = dir.write("rows.toml", preset_toml(context_of(key())));
    const std::vector<std::string> sets{fmt::format("{}={}", key(), c().alternative)};
    const ParamSet loaded = load_preset(file, sets);
    EXPECT_EQ(loaded.value(key()), alternative(key()));
    EXPECT_EQ(loaded, changed(key()));
}

// (a) reachable: a live change to a Run shows in its snapshot; a live row reaches the model itself, a
// structural one builds a new run from it, and the run length is refused (only `phasor run` reads it).
TEST_P(ParamRow, ReachableLiveThroughRunSet) {
    phasor::Run run(base(key()));
    testing::NullSeries series;
    run.advance(100, series);
    const std::uint64_t id = run.id();
    const auto refused = run.set(key(), alternative(key()));
    if (spec().apply == ParamApply::Runner) {
        ASSERT_TRUE(refused);
        EXPECT_EQ(refused->rfind(fmt::format("{}: ", key()), 0), 0u) << *refused;
        EXPECT_EQ(run.params(), base(key()));
        return;
    }
    ASSERT_FALSE(refused) << *refused;
    Snapshot snapshot;
    run.fill(snapshot);
    ASSERT_NE(snapshot.param(key()), nullptr);
    EXPECT_EQ(*snapshot.param(key()), alternative(key()));
    EXPECT_EQ(run.params(), changed(key()));
    const StepNetConfig& model = testing::stepnet(run).config();
    switch (spec().apply) {
    case ParamApply::Live:
        EXPECT_EQ(run.id(), id);
        EXPECT_EQ(run.ticks(), 100u);
        EXPECT_EQ(config_text(model, key()), config_text(stepnet_config(changed(key())), key()))
            << "the model did not take the value";
        break;
    case ParamApply::Rebuild:
        EXPECT_NE(run.id(), id);
        EXPECT_EQ(run.ticks(), 0u);
        EXPECT_EQ(config_text(model, key()), config_text(stepnet_config(changed(key())), key()));
        break;
    case ParamApply::Label:
    case ParamApply::Pace:
        EXPECT_EQ(run.id(), id);
        EXPECT_EQ(run.ticks(), 100u);
        break;
    case ParamApply::Runner:
        break;
    }
    ASSERT_EQ(run.log().size(), 1u);
    EXPECT_EQ(run.log()[0].key, key());
    EXPECT_EQ(run.log()[0].value, to_toml(alternative(key())));
    EXPECT_EQ(run.log()[0].tick, 100u);
    EXPECT_EQ(run.log()[0].rebuilds, spec().apply == ParamApply::Rebuild);
}

// (a) reachable: the trainer's SetParam command, shown in the next snapshot.
TEST_P(ParamRow, ReachableThroughTheTrainer) {
    Trainer trainer(base(key()), {.start_paused = true, .ticks_per_second = 0, .script = {}, .pause_at = {}});
    trainer.start();
    trainer.post(SingleStep{50});
    trainer.post(phasor::SetParam{std::string(key()), alternative(key())});
    ASSERT_TRUE(trainer.wait_for_commands(2, 20s));
    EngineMessage message;
    if (spec().apply == ParamApply::Runner) {
        ASSERT_TRUE(trainer.poll_message(message));
        EXPECT_EQ(message.text.rfind(fmt::format("{}: ", key()), 0), 0u) << message.text;
        trainer.refresh_snapshot();
        EXPECT_EQ(*trainer.snapshot().param(key()), base(key()).value(key()));
        return;
    }
    // A structural change starts a new run (and ends the single steps); a live one is made before the steps.
    const std::uint64_t tick = spec().apply == ParamApply::Rebuild ? 0u : 50u;
    EXPECT_TRUE(testing::eventually(
        [&] {
            trainer.refresh_snapshot();
            const ParamValue* v = trainer.snapshot().param(key());
            return v && *v == alternative(key()) && trainer.snapshot().tick == tick;
        },
        5s))
        << "tick " << trainer.snapshot().tick;
    EXPECT_FALSE(trainer.poll_message(message)) << message.text;
}

// (b) changing it changes the run: built with the value, and (for live rows) changed while running.
TEST_P(ParamRow, ChangingItChangesTheRun) {
    const ParamValue alt = alternative(key());
    switch (c().effect) {
    case Effect::Weights: {
        const Outcome a = train(base(key()), kTicks);
        const Outcome b = train(changed(key()), kTicks);
        EXPECT_FALSE(testing::same_weights(testing::stepnet(*a.run), testing::stepnet(*b.run)))
            << "built with " << c().alternative;
        if (spec().apply == ParamApply::Live) {
            const Outcome live = train(base(key()), kTicks, {{key(), alt}});
            EXPECT_FALSE(testing::same_weights(testing::stepnet(*a.run), testing::stepnet(*live.run)))
                << "changed live at tick " << kLiveAt;
            EXPECT_EQ(*live.snapshot.param(key()), alt);
        } else {
            // A structural change builds the run the changed parameters describe, from tick 0.
            const Outcome rebuilt = train(base(key()), kLiveAt + kTicks, {{key(), alt}});
            EXPECT_TRUE(testing::same_weights(testing::stepnet(*b.run), testing::stepnet(*rebuilt.run)));
            EXPECT_EQ(rebuilt.run->ticks(), kTicks);
        }
        break;
    }
    case Effect::RollingAccuracy: {
        const Outcome a = train(base(key()), kShortTicks);
        const Outcome b = train(changed(key()), kShortTicks);
        EXPECT_TRUE(testing::same_weights(testing::stepnet(*a.run), testing::stepnet(*b.run)));
        EXPECT_NE(channel_values(a.series, "rolling_accuracy"), channel_values(b.series, "rolling_accuracy"));
        EXPECT_NE(a.snapshot.metric("rolling_accuracy"), b.snapshot.metric("rolling_accuracy"));
        const Outcome live = train(base(key()), kLiveAt + kShortTicks, {{key(), alt}});
        const Outcome same = train(base(key()), kLiveAt + kShortTicks);
        EXPECT_TRUE(testing::same_weights(testing::stepnet(*same.run), testing::stepnet(*live.run)));
        EXPECT_NE(same.snapshot.metric("rolling_accuracy"), live.snapshot.metric("rolling_accuracy"));
        break;
    }
    case Effect::SeriesSamples: {
        const Outcome a = train(base(key()), kTicks);
        const Outcome b = train(changed(key()), kTicks);
        EXPECT_TRUE(testing::same_weights(testing::stepnet(*a.run), testing::stepnet(*b.run)));
        EXPECT_EQ(a.series.size(), kTicks / 100);
        EXPECT_EQ(b.series.size(), kTicks / 10);
        const Outcome live = train(base(key()), kTicks, {{key(), alt}});
        EXPECT_EQ(live.series.size(), kLiveAt / 100 + (kTicks - kLiveAt) / 10);
        break;
    }
    case Effect::Evaluation: {
        // The same training, scored on another set: the held-out accuracy's counts and the test loss differ.
        const Outcome a = train(base(key()), kTicks);
        const Outcome b = train(changed(key()), kTicks);
        EXPECT_TRUE(testing::same_weights(testing::stepnet(*a.run), testing::stepnet(*b.run)));
        EXPECT_NE(a.snapshot.eval.per_class_count, b.snapshot.eval.per_class_count);
        EXPECT_NE(channel_values(a.series, "test_loss"), channel_values(b.series, "test_loss"));
        EXPECT_EQ(spec().apply, ParamApply::Rebuild);
        const Outcome rebuilt = train(base(key()), kLiveAt + kTicks, {{key(), alt}});
        EXPECT_TRUE(testing::same_weights(testing::stepnet(*b.run), testing::stepnet(*rebuilt.run)));
        EXPECT_EQ(rebuilt.snapshot.eval.per_class_count, b.snapshot.eval.per_class_count);
        break;
    }
    case Effect::RunLength:
        // Only `phasor run` reads it (tests/cli checks the ticks it trains); a live change is refused.
        EXPECT_EQ(spec().apply, ParamApply::Runner);
        EXPECT_TRUE(phasor::Run(base(key())).set(key(), alt));
        break;
    case Effect::Label: {
        // Exempt, and the exemption is checked: a label changes nothing that runs.
        EXPECT_EQ(spec().apply, ParamApply::Label);
        const Outcome a = train(base(key()), kTicks);
        const Outcome b = train(changed(key()), kTicks);
        EXPECT_TRUE(testing::same_weights(testing::stepnet(*a.run), testing::stepnet(*b.run)));
        EXPECT_EQ(channel_values(a.series, "loss"), channel_values(b.series, "loss"));
        break;
    }
    case Effect::Pace: {
        // The trainer runs at the preset's pace, and at a new one when it is changed live; what is trained
        // does not depend on it (the weights at a tick are the same, tests/trainer checks).
        Trainer paced(changed(key()),
                      {.start_paused = true, .ticks_per_second = {}, .script = {}, .pause_at = {}});
        paced.refresh_snapshot();
        EXPECT_EQ(paced.snapshot().speed, static_cast<double>(std::get<float>(alt)));
        Trainer trainer(base(key()),
                        {.start_paused = true, .ticks_per_second = {}, .script = {}, .pause_at = {}});
        trainer.start();
        trainer.post(phasor::SetParam{std::string(key()), alt});
        ASSERT_TRUE(trainer.wait_for_commands(1, 20s));
        trainer.refresh_snapshot();
        EXPECT_EQ(trainer.snapshot().speed, static_cast<double>(std::get<float>(alt)));
        break;
    }
    }
}

// (c) a bad value is refused, and the message names the key, wherever it is typed.
TEST_P(ParamRow, BadValueIsRefusedNamingTheKey) {
    const std::string bad(c().bad);
    EXPECT_THROW(parse_value(spec(), bad), InputError) << bad;

    phasor::Run run(base(key()));
    const auto refused = run.set_text(key(), bad);
    ASSERT_TRUE(refused) << bad;
    EXPECT_EQ(refused->rfind(fmt::format("{}: ", key()), 0), 0u) << *refused;
    EXPECT_EQ(run.params(), base(key()));
    EXPECT_TRUE(run.log().empty());

    testing::TempDir dir;
    const auto file = dir.write("rows.toml", preset_toml(context_of(key())));
    const std::vector<std::string> sets{fmt::format("{}={}", key(), bad)};
    try {
        load_preset(file, sets);
        ADD_FAILURE() << "--set " << sets[0] << " loaded";
    } catch (const InputError& e) {
        EXPECT_TRUE(testing::contains(e.what(), fmt::format("--set {}: {}: ", sets[0], key())));
    }

    const std::vector<std::string> script{fmt::format("100:{}={}", key(), bad)};
    try {
        parse_script(script, stepnet_family().params);
        ADD_FAILURE() << "--at " << script[0] << " parsed";
    } catch (const InputError& e) {
        EXPECT_TRUE(testing::contains(e.what(), fmt::format("--at {}: {}", script[0], key())));
    }
}

} // namespace
} // namespace phasor
