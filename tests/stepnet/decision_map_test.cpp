// The decision map agrees with the settled network's own predictions, covers the data, and is absent for
// tasks that are not 2-D; likewise each neuron's picture over the same plane.
#include "support/allocation_counter.hpp"
#include "support/stepnet_support.hpp"

#include <algorithm>
#include <gtest/gtest.h>
#include <set>

namespace phasor {
namespace {

std::unique_ptr<StepNet> trained(const char* preset, int ticks) {
    auto net = std::make_unique<StepNet>(stepnet_config(testing::shipped(preset)));
    for (int t = 0; t < ticks; ++t) net->tick();
    return net;
}

TEST(DecisionMap, MatchesPredictAtEveryCellCentreAndCoversThePoints) {
    const auto owned = trained("xor", 3000);
    StepNet& net = *owned;
    testing::Picture snap(net);
    snap.fill(net);
    const DecisionMap& m = snap.view().decision;
    ASSERT_EQ(m.resolution, StepNet::kDecisionResolution);
    const int n = m.resolution;
    ASSERT_EQ(m.predicted.size(), static_cast<std::size_t>(n * n));
    ASSERT_EQ(m.points_label.size(), net.task().train_set().size());
    for (std::size_t i = 0; i < m.points_x.size(); ++i) {
        EXPECT_GT(m.points_x[i], m.x0);
        EXPECT_LT(m.points_x[i], m.x1);
        EXPECT_GT(m.points_y[i], m.y0);
        EXPECT_LT(m.points_y[i], m.y1);
    }
    Vec x(2);
    for (int row = 0; row < n; row += 7)
        for (int col = 0; col < n; col += 5) {
            // Row 0 is the top of the plane.
            x[0] = m.x0 + (static_cast<float>(col) + 0.5f) * (m.x1 - m.x0) / static_cast<float>(n);
            x[1] = m.y1 - (static_cast<float>(row) + 0.5f) * (m.y1 - m.y0) / static_cast<float>(n);
            const auto cell = static_cast<std::size_t>(row * n + col);
            EXPECT_EQ(static_cast<int>(m.predicted[cell]), net.predict(x)) << row << "," << col;
            EXPECT_GE(m.confidence[cell], 0.5f); // two classes: the winner has at least half
            EXPECT_LE(m.confidence[cell], 1.f);
        }
}

TEST(DecisionMap, ClassifiesTheTrainingPointsOnceLearnt) {
    const auto owned = trained("xor", 20000);
    StepNet& net = *owned;
    testing::Picture snap(net);
    snap.fill(net);
    ASSERT_FLOAT_EQ(snap.snapshot.eval.accuracy, 1.f);
    const DecisionMap& m = snap.view().decision;
    const int n = m.resolution;
    for (std::size_t i = 0; i < m.points_x.size(); ++i) {
        const int col = static_cast<int>((m.points_x[i] - m.x0) / (m.x1 - m.x0) * static_cast<float>(n));
        const int row = static_cast<int>((m.y1 - m.points_y[i]) / (m.y1 - m.y0) * static_cast<float>(n));
        EXPECT_EQ(static_cast<int>(m.predicted[static_cast<std::size_t>(row * n + col)]), m.points_label[i]);
    }
}

// The held-out points come with the map, as the task holds them, apart from the training points; the plane
// is a square around both.
TEST(DecisionMap, CarriesTheHeldOutPointsInsideASquarePlane) {
    const auto owned = trained("spirals", 10);
    const StepNet& net = *owned;
    testing::Picture snap(*owned);
    snap.fill(*owned);
    const DecisionMap& m = snap.view().decision;
    const auto& held_out = net.task().eval_set();
    ASSERT_TRUE(net.task().eval_held_out());
    ASSERT_FALSE(held_out.empty());
    ASSERT_EQ(m.test_points_x.size(), held_out.size());
    ASSERT_EQ(m.test_points_y.size(), held_out.size());
    ASSERT_EQ(m.test_points_label.size(), held_out.size());
    std::set<std::pair<float, float>> training;
    for (std::size_t i = 0; i < m.points_x.size(); ++i) training.insert({m.points_x[i], m.points_y[i]});
    int labels[2] = {0, 0};
    for (std::size_t i = 0; i < held_out.size(); ++i) {
        EXPECT_EQ(m.test_points_x[i], held_out[i].x[0]);
        EXPECT_EQ(m.test_points_y[i], held_out[i].x[1]);
        EXPECT_EQ(m.test_points_label[i], held_out[i].label);
        EXPECT_EQ(training.count({m.test_points_x[i], m.test_points_y[i]}), 0u) << "a training point, " << i;
        EXPECT_GT(m.test_points_x[i], m.x0);
        EXPECT_LT(m.test_points_x[i], m.x1);
        EXPECT_GT(m.test_points_y[i], m.y0);
        EXPECT_LT(m.test_points_y[i], m.y1);
        ++labels[m.test_points_label[i] == 0 ? 0 : 1];
    }
    EXPECT_GT(labels[0], 0);
    EXPECT_GT(labels[1], 0);
    EXPECT_FLOAT_EQ(m.x1 - m.x0, m.y1 - m.y0);
}

// xor scores its four training patterns: nothing is held out, so there are no test points to show.
TEST(DecisionMap, HasNoTestPointsWhenNothingIsHeldOut) {
    const auto owned = trained("xor", 10);
    testing::Picture snap(*owned);
    snap.fill(*owned);
    ASSERT_GT(snap.view().decision.resolution, 0);
    EXPECT_FALSE(owned->task().eval_held_out());
    EXPECT_TRUE(snap.view().decision.test_points_x.empty());
    EXPECT_TRUE(snap.view().decision.test_points_label.empty());
}

TEST(DecisionMap, AbsentForTasksThatAreNotTwoDimensional) {
    const auto owned = trained("lowhighmix", 10);
    StepNet& net = *owned;
    testing::Picture snap(net);
    snap.fill(net);
    EXPECT_EQ(snap.view().decision.resolution, 0);
    EXPECT_TRUE(snap.view().decision.predicted.empty());
}

// The settled activations of every layer at x, from the network's own layers.
std::vector<Vec> settled_activations(const StepNet& net, const Vec& x) {
    std::vector<Vec> out;
    Vec a = x, z;
    for (const DenseLayer& layer : net.layers()) {
        Vec next;
        layer.forward(a, z, next);
        out.push_back(next);
        a = next;
    }
    return out;
}

// Each neuron's picture is its settled activation at the centres of a 16² grid over the decision map's plane.
TEST(NeuronMaps, AreEachNeuronsSettledActivationAtTheCellCentres) {
    const auto owned = trained("spirals", 3000);
    StepNet& net = *owned;
    testing::Picture snap(net);
    snap.fill(net);
    const DecisionMap& m = snap.view().decision;
    const int n = DecisionMap::kNeuronResolution;
    ASSERT_EQ(m.neuron_resolution, n);
    ASSERT_EQ(m.neuron_maps.size(), 3u);
    const auto cells = static_cast<std::size_t>(n * n);
    Vec x(2);
    for (int row = 0; row < n; ++row)
        for (int col = 0; col < n; ++col) {
            x[0] = m.x0 + (static_cast<float>(col) + 0.5f) * (m.x1 - m.x0) / static_cast<float>(n);
            x[1] = m.y1 - (static_cast<float>(row) + 0.5f) * (m.y1 - m.y0) / static_cast<float>(n);
            const auto a = settled_activations(net, x);
            const auto cell = static_cast<std::size_t>(row * n + col);
            for (std::size_t l = 0; l < a.size(); ++l) {
                const NeuronMaps& maps = m.neuron_maps[l];
                ASSERT_EQ(maps.neurons.size(), static_cast<std::size_t>(a[l].size()))
                    << "every neuron of " << l;
                ASSERT_EQ(maps.values.size(), maps.neurons.size() * cells);
                for (std::size_t i = 0; i < maps.neurons.size(); ++i) {
                    EXPECT_EQ(maps.neurons[i], static_cast<int>(i));
                    EXPECT_FLOAT_EQ(maps.values[i * cells + cell], a[l][maps.neurons[i]])
                        << "layer " << l << " neuron " << i << " cell " << row << "," << col;
                }
            }
        }
    // The pictures differ from neuron to neuron: each shows its own feature of the plane.
    const NeuronMaps& hidden = m.neuron_maps[0];
    EXPECT_NE(std::vector<float>(hidden.values.begin(), hidden.values.begin() + static_cast<long>(cells)),
              std::vector<float>(hidden.values.begin() + static_cast<long>(cells),
                                 hidden.values.begin() + 2 * static_cast<long>(cells)));
}

// Wider layers picture 64 neurons, evenly spaced from the first.
TEST(NeuronMaps, WideLayersPictureSixtyFourEvenlySpacedNeurons) {
    StepNet net(stepnet_config(testing::shipped("spirals", {"network.layers=[2, 200, 65, 2]"})));
    net.tick();
    DecisionMap m;
    net.fill_decision_map(m);
    ASSERT_EQ(m.neuron_maps.size(), 3u);
    const auto& wide = m.neuron_maps[0].neurons;
    ASSERT_EQ(wide.size(), DecisionMap::kMaxNeuronMaps);
    EXPECT_EQ(wide.front(), 0);
    EXPECT_EQ(wide[1], 3); // 200 / 64 = 3.125 apart
    EXPECT_EQ(wide.back(), 196);
    EXPECT_TRUE(std::is_sorted(wide.begin(), wide.end()));
    EXPECT_EQ(m.neuron_maps[1].neurons.size(), 64u);
    EXPECT_EQ(m.neuron_maps[1].neurons.back(), 63); // of 65, the last is the one left out
    EXPECT_EQ(m.neuron_maps[2].neurons, (std::vector<int>{0, 1}));
    const auto cells =
        static_cast<std::size_t>(DecisionMap::kNeuronResolution * DecisionMap::kNeuronResolution);
    // Cell 0 is the top-left centre; neuron 196 of the first layer there.
    Vec x(2);
    x[0] = m.x0 + 0.5f * (m.x1 - m.x0) / 16.f;
    x[1] = m.y1 - 0.5f * (m.y1 - m.y0) / 16.f;
    EXPECT_FLOAT_EQ(m.neuron_maps[0].values[63 * cells], settled_activations(net, x)[0][196]);
}

TEST(NeuronMaps, AbsentForTasksThatAreNotTwoDimensional) {
    const auto owned = trained("lowhighmix", 10);
    testing::Picture snap(*owned);
    snap.fill(*owned);
    EXPECT_EQ(snap.view().decision.neuron_resolution, 0);
    EXPECT_TRUE(snap.view().decision.neuron_maps.empty());
}

// What the map should be for the current weights, computed afresh.
DecisionMap current_map(StepNet& net) {
    DecisionMap map;
    net.fill_decision_map(map);
    return map;
}

TEST(DecisionMap, SingleStepsShowTheCurrentWeightsEveryTime) {
    const auto owned = trained("xor", 500);
    StepNet& net = *owned;
    testing::Picture snap(net);
    for (int step = 0; step < 6; ++step) {
        net.tick();
        snap.fill(net);
        EXPECT_EQ(snap.view().decision.confidence, current_map(net).confidence) << "step " << step;
        EXPECT_EQ(snap.view().decision.neuron_maps[1].values, current_map(net).neuron_maps[1].values);
    }
}

TEST(DecisionMap, AtSpeedEveryFourthPublishRecomputesAndTheOthersCopyTheLatest) {
    const auto owned = trained("xor", 500);
    StepNet& net = *owned;
    testing::Picture snap(net);
    std::vector<float> computed;
    for (int publish = 0; publish < 9; ++publish) {
        for (int t = 0; t < 2000; ++t) net.tick(); // far apart: a run at full speed
        snap.fill(net);
        const bool due = publish % StepNet::kDecisionEvery == 0;
        if (due) computed = current_map(net).confidence;
        EXPECT_EQ(snap.view().decision.confidence, computed) << "publish " << publish;
        if (!due) {
            EXPECT_NE(snap.view().decision.confidence, current_map(net).confidence) << "publish " << publish;
        }
    }
}

#ifdef PHASOR_COUNT_MALLOC
TEST(DecisionMap, RefillingAllocatesNothing) {
    const auto owned = trained("xor", 100);
    StepNet& net = *owned;
    DecisionMap map;
    net.fill_decision_map(map);
    const long allocations = testing::count_mallocs([&] { net.fill_decision_map(map); });
    EXPECT_EQ(allocations, 0);
}
#endif

} // namespace
} // namespace phasor
