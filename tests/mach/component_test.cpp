// Decoupled components stepped in turn on one thread: a synchronous sequence computes exactly the composed
// network's training; the delay k of each component in a chain follows the known schedule; a synthetic-input
// model learns a fixed child; a parent whose child is silent trains on synthetic inputs and sends nothing
// back.
#include "engine/batch/batch_source.hpp"
#include "engine/mach/component.hpp"

#include <array>
#include <gtest/gtest.h>

namespace phasor {
namespace {

// 512 samples of 12 features in [0, 1], 3 classes given by which third of the features is largest on average.
Dataset toy_data() {
    Dataset d;
    d.features = 12;
    d.classes = 3;
    Rng rng(99);
    for (int i = 0; i < 512; ++i) {
        float best = -1.f;
        int label = 0;
        for (int c = 0; c < 3; ++c) {
            float sum = 0.f;
            for (int f = 0; f < 4; ++f) {
                const float v = rng.uniform();
                d.inputs.push_back(v);
                sum += v;
            }
            if (sum > best) best = sum, label = c;
        }
        d.labels.push_back(label);
    }
    return d;
}

ComponentSpec spec(const char* name, std::vector<int> hidden, int out, bool head, std::uint64_t seed) {
    ComponentSpec s;
    s.name = name;
    s.hidden = std::move(hidden);
    s.out = out;
    s.head = head;
    s.optimizer = OptimizerSpec{.name = "sgd"};
    s.lr = 0.1f;
    s.batch = 32;
    s.seed = seed;
    return s;
}

struct Edge {
    EdgeQueue spikes{8, 8, FullPolicy::DropOldest}, grads{8, 8, FullPolicy::DropOldest};
};

ComponentEdges leaf_edges(Edge& up) {
    ComponentEdges e;
    e.spikes_to_parents = {&up.spikes};
    e.grads_from_parents = {&up.grads};
    e.parents = {1};
    return e;
}
ComponentEdges middle_edges(Edge& down, int width, Edge* up) {
    ComponentEdges e;
    e.spikes_from_children = {&down.spikes};
    e.grads_to_children = {&down.grads};
    e.child_widths = {width};
    e.children = {0};
    if (up) {
        e.spikes_to_parents = {&up->spikes};
        e.grads_from_parents = {&up->grads};
        e.parents = {2};
    }
    return e;
}

TEST(Component, ASynchronousSequenceTrainsExactlyLikeTheComposedNetwork) {
    const Dataset data = toy_data();
    Edge edge;
    Component a(spec("A", {16}, 8, false, 5), data, leaf_edges(edge));
    Component b(spec("B", {12}, 3, true, 6), data, middle_edges(edge, 8, nullptr));

    // The composed network 12-16-8-12-3 with the components' starting weights, trained on A's batches.
    Rng unused(1);
    const std::vector<int> sizes{12, 16, 8, 12, 3};
    BatchMlp whole(sizes, Activation::Relu, Activation::Softmax, Init::He, unused, 32);
    for (std::size_t l = 0; l < 2; ++l) whole.layers()[l] = a.network().layers()[l];
    for (std::size_t l = 0; l < 2; ++l) whole.layers()[l + 2] = b.network().layers()[l];
    auto sgd = make_optimizer(OptimizerSpec{.name = "sgd"});
    whole.attach(*sgd);
    EpochOrder order(data.size(), 5 + 1);
    Mat X(12, 32), P(3, 32), dZ(3, 32);
    std::vector<std::int32_t> labels(32);

    for (int round = 0; round < 40; ++round) {
        a.step();
        b.step();
        const auto ids = order.next(32);
        gather(data, ids, X, labels);
        const auto n = static_cast<Eigen::Index>(ids.size());
        whole.forward(X.leftCols(n));
        softmax_cross_entropy(whole.logits(), std::span(labels).first(ids.size()), P.leftCols(n),
                              dZ.leftCols(n));
        whole.backward(X.leftCols(n), dZ.leftCols(n), false);
        whole.step(*sgd, 0.1f);
    }
    a.step(); // applies the last batch's gradient
    EXPECT_EQ(b.stats().real_batches, 40u);
    EXPECT_EQ(a.stats().grads_applied, 40u);
    EXPECT_EQ(a.stats().delay_max, 1u) << "A applies each gradient at its next step, before its forward pass";
    float worst = 0.f;
    for (std::size_t l = 0; l < 2; ++l) {
        worst = std::max(worst, (a.network().layers()[l].W - whole.layers()[l].W).cwiseAbs().maxCoeff());
        worst = std::max(worst, (b.network().layers()[l].W - whole.layers()[l + 2].W).cwiseAbs().maxCoeff());
        worst = std::max(worst, (a.network().layers()[l].b - whole.layers()[l].b).cwiseAbs().maxCoeff());
    }
    EXPECT_LT(worst, 1e-6f);
    EXPECT_GT((a.network().layers()[0].W -
               Component(spec("A", {16}, 8, false, 5), data, leaf_edges(edge)).network().layers()[0].W)
                  .cwiseAbs()
                  .maxCoeff(),
              1e-3f)
        << "A trained";
}

TEST(Component, TheDelayOfEachComponentInAChainFollowsTheRoundRobinSchedule) {
    const Dataset data = toy_data();
    Edge ab, bc;
    Component a(spec("A", {16}, 8, false, 1), data, leaf_edges(ab));
    Component b(spec("B", {}, 8, false, 2), data, middle_edges(ab, 8, &bc));
    Component c(spec("C", {}, 3, true, 3), data, middle_edges(bc, 8, nullptr));
    for (int round = 0; round < 30; ++round) {
        a.step();
        b.step();
        c.step();
    }
    // C answers B's batch r in round r; B applies it in round r + 1 before it sends another (k = 1 step) and
    // passes A's share on; A gets it in round r + 2 (k = 2): DDG's K − 1 − i for K = 3.
    EXPECT_EQ(b.stats().grads_applied, 29u);
    EXPECT_EQ(b.stats().delay_histogram[0][1], 29u);
    EXPECT_EQ(a.stats().grads_applied, 28u);
    EXPECT_EQ(a.stats().delay_histogram[0][2], 28u);
    EXPECT_EQ(a.stats().delay_max, 2u);
    EXPECT_EQ(a.stats().grads_lost + b.stats().grads_lost, 0u);
}

// In a chain of three, A's weights change once between an activation and its gradient, B's not at all:
// stashing the weights that produced each activation, or shrinking a stale step, changes what A learns when
// A does it, and nothing at all when B does.
TEST(Component, WeightStashingAndStaleShrinkChangeOnlyADelayedComponent) {
    const Dataset data = toy_data();
    auto chain_weights = [&](std::size_t who, bool stashing, float shrink) {
        Edge ab, bc;
        std::array<ComponentSpec, 2> specs{spec("A", {16}, 8, false, 1), spec("B", {}, 8, false, 2)};
        specs[who].weight_stashing = stashing;
        specs[who].stale_shrink = shrink;
        Component a(specs[0], data, leaf_edges(ab));
        Component b(specs[1], data, middle_edges(ab, 8, &bc));
        Component c(spec("C", {}, 3, true, 3), data, middle_edges(bc, 8, nullptr));
        for (int round = 0; round < 12; ++round) {
            a.step();
            b.step();
            c.step();
        }
        return std::pair<Mat, Mat>{a.network().layers()[0].W, b.network().layers()[0].W};
    };
    const auto plain = chain_weights(0, false, 0.f);
    const auto stashed = chain_weights(0, true, 0.f), shrunk = chain_weights(0, false, 1.f);
    EXPECT_GT((plain.first - stashed.first).cwiseAbs().maxCoeff(), 0.f);
    EXPECT_GT((plain.first - shrunk.first).cwiseAbs().maxCoeff(), 0.f);
    EXPECT_GT((stashed.first - shrunk.first).cwiseAbs().maxCoeff(), 0.f);
    for (const auto& on_b : {chain_weights(1, true, 0.f), chain_weights(1, false, 1.f)}) {
        EXPECT_EQ(on_b.first, plain.first);
        EXPECT_EQ(on_b.second, plain.second);
    }
}

TEST(Component, ASyntheticInputLearnsAFixedChild) {
    const Dataset data = toy_data();
    Edge edge;
    ComponentSpec fixed = spec("A", {16}, 8, false, 4);
    fixed.lr = 0.f; // the child does not change: the synthetic model has one target to learn
    Component a(fixed, data, leaf_edges(edge));
    ComponentSpec parent = spec("B", {12}, 3, true, 5);
    parent.synthetic_lr = 3e-3f;
    Component b(parent, data, middle_edges(edge, 8, nullptr));
    a.step();
    b.step();
    const float first = b.stats().synthetic_error;
    for (int round = 0; round < 400; ++round) {
        a.step();
        b.step();
    }
    EXPECT_GT(first, 0.3f);
    EXPECT_LT(b.stats().synthetic_error, 0.05f) << "first " << first;
}

TEST(Component, AParentOfASilentChildTrainsOnSyntheticInputsAndSendsNoGradient) {
    const Dataset data = toy_data();
    Edge edge;
    Component a(spec("A", {16}, 8, false, 4), data, leaf_edges(edge));
    Component b(spec("B", {12}, 3, true, 5), data, middle_edges(edge, 8, nullptr));
    const Mat before = b.network().layers()[0].W;
    for (int i = 0; i < 5; ++i) b.step();
    EXPECT_EQ(b.stats().synthetic_batches, 5u);
    EXPECT_EQ(b.stats().real_batches, 0u);
    EXPECT_EQ(edge.grads.size(), 0);
    EXPECT_GT((b.network().layers()[0].W - before).cwiseAbs().maxCoeff(), 0.f);
    a.step();
    b.step();
    EXPECT_EQ(b.stats().real_batches, 1u);
    EXPECT_EQ(edge.grads.size(), 1);
}

} // namespace
} // namespace phasor
