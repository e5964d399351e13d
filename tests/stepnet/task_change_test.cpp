// Changing the task of a running stepped network: the network's input size and class count follow the task
// (hidden layers kept), the noise follows a task that takes none, activations given by hand follow the layer
// count, all as one change that a script replays; and the task rows apply to exactly the tasks that read
// them.
#include "engine/runtime/change.hpp"
#include "engine/tasks/task.hpp"
#include "test_support.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace phasor {
namespace {

using Layers = std::vector<std::int64_t>;
using Names = std::vector<std::string>;

testing::NullSeries series;

std::vector<std::string> logged_keys(phasor::Run& run) {
    std::vector<std::string> keys;
    for (const Change& c : run.log()) keys.push_back(c.key);
    return keys;
}

TEST(TaskChange, TheNetworksEndsFollowTheTaskAndItsHiddenLayersStay) {
    phasor::Run run(testing::stepnet_params({{"network.activations", R"(["relu", "tanh", "softmax"])"}}));
    run.advance(50, series);
    const std::uint64_t id = run.id();
    ASSERT_EQ(run.set("task.name", std::string("spirals")), std::nullopt);
    EXPECT_NE(run.id(), id);
    EXPECT_EQ(run.params().integers("network.layers"), (Layers{2, 32, 16, 2}));
    EXPECT_EQ(run.params().texts("network.activations"), (Names{"relu", "tanh", "softmax"}));
    EXPECT_EQ(testing::stepnet(run).layers().front().W.cols(), 2);
    EXPECT_EQ(logged_keys(run), (std::vector<std::string>{"task.name", "network.layers"}));
    EXPECT_TRUE(run.log()[1].joined);
    EXPECT_TRUE(run.log()[1].rebuilds);
    EXPECT_EQ(run.log()[1].tick, 50u);
}

TEST(TaskChange, EveryTaskCanFollowEveryOther) {
    for (const char* from : task_names()) {
        for (const char* to : task_names()) {
            SCOPED_TRACE(fmt::format("{} -> {}", from, to));
            phasor::Run run(testing::stepnet_params());
            ASSERT_EQ(run.set("task.name", std::string(from)), std::nullopt);
            if (from != std::string_view("lowhighmix")) {
                ASSERT_EQ(run.set("task.noise", 0.2f), std::nullopt);
            }
            ASSERT_EQ(run.set("task.name", std::string(to)), std::nullopt);
            const auto task = make_task(stepnet_config(run.params()).task, 1);
            const Layers& layers = run.params().integers("network.layers");
            EXPECT_EQ(layers.front(), task->input_dim());
            EXPECT_EQ(layers.back(), task->num_classes());
            EXPECT_EQ(layers.size(), 4u) << "the hidden layers stay";
        }
    }
}

TEST(TaskChange, ANoiseFreeTaskTakesTheNoiseAwayAsPartOfTheChange) {
    phasor::Run run(testing::stepnet_params(
        {{"task.name", "\"spirals\""}, {"network.layers", "[2, 8, 2]"}, {"task.noise", "0.2"}}));
    ASSERT_EQ(run.set("task.name", std::string("lowhighmix")), std::nullopt);
    EXPECT_EQ(run.params().real("task.noise"), 0.f);
    EXPECT_EQ(logged_keys(run), (std::vector<std::string>{"task.name", "network.layers", "task.noise"}));
    // A task that reads the noise keeps it.
    ASSERT_EQ(run.set("task.name", std::string("lowhighmix_noisy")), std::nullopt);
    ASSERT_EQ(run.set("task.noise", 0.3f), std::nullopt);
    ASSERT_EQ(run.set("task.name", std::string("circles")), std::nullopt);
    EXPECT_EQ(run.params().real("task.noise"), 0.3f);
}

TEST(TaskChange, LayersGivenWithTheTaskWinAndAPairThatDoesNotFitIsRefusedWhole) {
    phasor::Run run(testing::stepnet_params());
    run.advance(20, series);
    ASSERT_EQ(run.set({{"task.name", std::string("spirals")}, {"network.layers", Layers{2, 8, 8, 8, 2}}}),
              std::nullopt);
    EXPECT_EQ(run.params().integers("network.layers"), (Layers{2, 8, 8, 8, 2}));

    run.advance(20, series);
    const ParamSet before = run.params();
    const std::uint64_t id = run.id();
    const auto refused =
        run.set({{"task.name", std::string("lowhighmix")}, {"network.layers", Layers{2, 8, 2}}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(*refused, "network.layers: the first size (2) must equal the task's input size (4) for task "
                        "'lowhighmix'");
    EXPECT_EQ(run.params(), before);
    EXPECT_EQ(run.id(), id);
    EXPECT_EQ(run.ticks(), 20u);
}

TEST(TaskChange, HandGivenActivationsFollowTheLayerCount) {
    phasor::Run run(testing::stepnet_params({{"network.activations", R"(["relu", "tanh", "softmax"])"}}));
    ASSERT_EQ(run.set("network.layers", Layers{4, 32, 16, 8, 3}), std::nullopt);
    EXPECT_EQ(run.params().texts("network.activations"), (Names{"relu", "tanh", "tanh", "softmax"}))
        << "a layer added takes the activation of the one before it; the output keeps its own";
    ASSERT_EQ(run.set("network.layers", Layers{4, 3}), std::nullopt);
    EXPECT_EQ(run.params().texts("network.activations"), (Names{"softmax"}));
    // Automatic activations stay automatic.
    phasor::Run automatic(testing::stepnet_params());
    ASSERT_EQ(automatic.set("network.layers", Layers{4, 8, 8, 8, 3}), std::nullopt);
    EXPECT_FALSE(automatic.params().is_set("network.activations"));
}

TEST(TaskChange, TheLoggedChangeReplaysFromAScriptToTheSameWeights) {
    const ParamSet start = testing::stepnet_params();
    phasor::Run live(start);
    live.advance(300, series);
    ASSERT_EQ(live.set("task.name", std::string("xor_quadrants")), std::nullopt);
    live.advance(400, series);
    std::vector<Setting> settings;
    for (const Change& c : live.log()) settings.push_back({c.key, c.value});
    const std::vector<std::string> entries{"300:" + script_settings(settings)};

    phasor::Run replayed(start);
    for (const ScriptedChange& c : parse_script(entries, stepnet_family().params)) {
        replayed.advance(c.tick - replayed.ticks(), series);
        ASSERT_EQ(replayed.replay(c), std::nullopt);
    }
    replayed.advance(400, series);
    EXPECT_EQ(replayed.params(), live.params());
    EXPECT_TRUE(testing::same_weights(testing::stepnet(replayed), testing::stepnet(live)));
}

// The Controls show task.points and task.test_points for the tasks that draw a set of that size, and
// task.noise for those that add noise: each list must be exactly those tasks.
TEST(TaskRows, EachTaskRowAppliesToExactlyTheTasksThatReadIt) {
    const ParamTable& table = stepnet_family().params;
    auto listed = [&](std::string_view key, std::string_view task) {
        const auto& values = table.find(key)->when_values;
        return std::find(values.begin(), values.end(), task) != values.end();
    };
    for (const char* name : task_names()) {
        SCOPED_TRACE(name);
        auto task = [&](int points, std::optional<int> test_points, float noise) {
            return make_task(
                TaskSpec{.name = name, .noise = noise, .points = points, .test_points = test_points}, 3);
        };
        const bool noisy = name != std::string_view("lowhighmix");
        const float noise = 0.f;
        EXPECT_EQ(task(8, 5, noise)->train_set().size() != task(12, 5, noise)->train_set().size(),
                  listed("task.points", name));
        EXPECT_EQ(task(8, 5, noise)->eval_set().size() != task(8, 9, noise)->eval_set().size(),
                  listed("task.test_points", name));
        if (!noisy) {
            EXPECT_FALSE(listed("task.noise", name)) << "the noise-free stream refuses any noise";
            continue;
        }
        // Noise shows in the data drawn: the training set, or the stream of samples.
        auto draws = [&](float n) {
            const auto t = task(8, 5, n);
            Rng rng(4);
            Vec x(t->input_dim());
            std::vector<float> seen;
            for (int i = 0; i < 20; ++i) {
                t->draw(rng, x);
                seen.insert(seen.end(), x.data(), x.data() + x.size());
            }
            return seen;
        };
        EXPECT_EQ(draws(0.f) != draws(0.5f), listed("task.noise", name));
    }
}

} // namespace
} // namespace phasor
