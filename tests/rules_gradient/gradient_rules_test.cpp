// The gradient rules (backprop, topk, fa, dfa) against what they claim to compute: backprop's gradient
// against central differences in double and bit for bit against BatchMlp's own backward and step; topk at
// fraction 1 is backprop, and below it keeps exactly k errors per sample and layer; fa with its feedback set
// to the transposed weights is backprop; dfa against a 2-3-2 net worked by hand; the feedback matrices are
// fixed, drawn alike from equal generators and counted in state_bytes; the counts; a warm step allocates
// nothing.
#include "engine/optim/optimizer.hpp"
#include "engine/rules/feedback_alignment.hpp"
#include "rules_gradient/rules_support.hpp"
#include "support/allocation_counter.hpp"

#include <cmath>
#include <gtest/gtest.h>

namespace phasor {
namespace {

using namespace rules_test;

// The mean cross-entropy of an MLP with weights W, b (hidden activation f, softmax output) on X, labels, in
// double throughout: the reference the float gradients are checked against.
double reference_loss(const std::vector<Eigen::MatrixXd>& W, const std::vector<Eigen::VectorXd>& b,
                      Activation f, const Eigen::MatrixXd& X, std::span<const std::int32_t> labels) {
    double loss = 0;
    for (Eigen::Index s = 0; s < X.cols(); ++s) {
        Eigen::VectorXd a = X.col(s);
        for (std::size_t l = 0; l < W.size(); ++l) {
            Eigen::VectorXd z = W[l] * a + b[l];
            if (l + 1 == W.size()) {
                a = z;
                break;
            }
            if (f == Activation::Tanh) a = z.unaryExpr([](double v) { return std::tanh(v); });
            if (f == Activation::Relu) a = z.array().max(0.0);
        }
        const double peak = a.maxCoeff();
        double sum = 0;
        for (double v : a) sum += std::exp(v - peak);
        const double log_sum = std::log(sum) + peak;
        loss += log_sum - a(labels[static_cast<std::size_t>(s)]);
    }
    return loss / static_cast<double>(X.cols());
}

TEST(Backprop, GradientMatchesCentralDifferencesInDouble) {
    for (Activation hidden : {Activation::Tanh, Activation::Relu}) {
        for (const std::vector<int>& sizes : {std::vector<int>{3, 4, 3}, std::vector<int>{3, 4, 4, 3}}) {
            auto net = make_net(net_spec(sizes, hidden, 8), 3);
            const Mat X = random_inputs(3, 5, 4);
            const std::vector<std::int32_t> labels{0, 2, 1, 1, 0};
            std::vector<Eigen::MatrixXd> W;
            std::vector<Eigen::VectorXd> b;
            for (const BatchLayer& layer : net->mlp().layers()) {
                W.push_back(layer.W.cast<double>());
                b.push_back(layer.b.cast<double>());
            }
            const Eigen::MatrixXd Xd = X.cast<double>();
            auto rule = rule_for("backprop", *net);
            auto counts = no_counts(*net);
            rule->train(*net, X, labels, counts, nullptr);

            const double h = 1e-6;
            auto difference = [&](double& value) {
                const double keep = value;
                value = keep + h;
                const double up = reference_loss(W, b, hidden, Xd, labels);
                value = keep - h;
                const double down = reference_loss(W, b, hidden, Xd, labels);
                value = keep;
                return (up - down) / (2 * h);
            };
            double worst = 0, largest = 0;
            for (std::size_t l = 0; l < W.size(); ++l) {
                for (Eigen::Index i = 0; i < W[l].size(); ++i) {
                    const double numeric = difference(W[l].data()[i]);
                    worst = std::max(worst, std::abs(numeric - net->weight_grad(l).data()[i]));
                    largest = std::max(largest, std::abs(numeric));
                }
                for (Eigen::Index i = 0; i < b[l].size(); ++i) {
                    const double numeric = difference(b[l].data()[i]);
                    worst = std::max(worst, std::abs(numeric - net->bias_grad(l)(i)));
                }
            }
            EXPECT_GT(largest, 1e-2) << "a gradient this small would check nothing";
            EXPECT_LT(worst, 1e-5) << to_string(hidden) << ", " << sizes.size() - 1 << " layers";
        }
    }
}

TEST(Backprop, WithSgdEqualsBatchMlpBackwardAndStepBitForBit) {
    const OptimizerSpec sgd{.name = "sgd", .momentum = 0.9f};
    const RuleNetSpec spec = net_spec({5, 7, 6, 4}, Activation::Relu, 8, sgd, 0.1f);
    auto net = make_net(spec, 11);
    Rng rng(11);
    BatchMlp mlp(spec.sizes, spec.hidden, Activation::Softmax, spec.init, rng, spec.max_batch);
    auto optimizer = make_optimizer(sgd);
    mlp.attach(*optimizer);
    auto rule = rule_for("backprop", *net);
    auto counts = no_counts(*net);
    Mat P(4, 8), dZ(4, 8);
    // Full batches and a short one in the same buffers.
    for (int step = 0; step < 5; ++step) {
        const int B = step == 2 ? 3 : 8;
        const Mat X = random_inputs(5, B, 100 + static_cast<std::uint64_t>(step));
        const auto labels = random_labels(4, B, 200 + static_cast<std::uint64_t>(step));
        int rule_correct = -1, mlp_correct = -2;
        const float rule_loss = rule->train(*net, X, labels, counts, &rule_correct);
        mlp.forward(X);
        const float mlp_loss =
            softmax_cross_entropy(mlp.logits(), labels, P.leftCols(B), dZ.leftCols(B), &mlp_correct);
        mlp.backward(X, dZ.leftCols(B), false);
        mlp.step(*optimizer, spec.lr);
        EXPECT_EQ(rule_loss, mlp_loss) << "step " << step;
        EXPECT_EQ(rule_correct, mlp_correct) << "step " << step;
        for (std::size_t l = 0; l < net->layers(); ++l) {
            EXPECT_TRUE(net->weight_grad(l) == mlp.weight_grad(l)) << "step " << step << " layer " << l;
            EXPECT_TRUE(net->bias_grad(l) == mlp.bias_grad(l)) << "step " << step << " layer " << l;
            EXPECT_TRUE(net->mlp().layers()[l].W == mlp.layers()[l].W) << "step " << step << " layer " << l;
            EXPECT_TRUE(net->mlp().layers()[l].b == mlp.layers()[l].b) << "step " << step << " layer " << l;
        }
    }
    // Not a pair of nets that never moved.
    Rng again(11);
    BatchMlp untrained(spec.sizes, spec.hidden, Activation::Softmax, spec.init, again, spec.max_batch);
    EXPECT_FALSE(untrained.layers()[0].W == mlp.layers()[0].W);
}

TEST(Backprop, CountsEveryConnectionOfEverySampleAndTheChangedWeights) {
    auto net = make_net(net_spec({5, 7, 4}, Activation::Relu, 8), 5);
    auto rule = rule_for("backprop", *net);
    auto counts = no_counts(*net);
    std::vector<std::int64_t> fired(2, 0), biases(2, 0);
    for (int step = 0; step < 3; ++step) {
        const int B = step == 1 ? 2 : 6;
        rule->train(*net, random_inputs(5, B, 30 + static_cast<std::uint64_t>(step)),
                    random_labels(4, B, 40 + static_cast<std::uint64_t>(step)), counts, nullptr);
        for (std::size_t l = 0; l < 2; ++l) {
            fired[l] += (net->weight_grad(l).array() != 0.f).count();
            biases[l] += (net->bias_grad(l).array() != 0.f).count();
        }
    }
    // Each neuron's bias is one more connection, from a constant 1.
    EXPECT_EQ(counts[0].notifications, 7 * (5 + 1) * (6 + 2 + 6));
    EXPECT_EQ(counts[1].notifications, 4 * (7 + 1) * (6 + 2 + 6));
    for (std::size_t l = 0; l < 2; ++l) {
        EXPECT_EQ(counts[l].fired, fired[l] + biases[l]) << l;
        // Without accumulation every step is applied, and the net counts the same weights plus the biases.
        EXPECT_EQ(net->updates()[l], fired[l] + biases[l]) << l;
    }
    // ReLU units silent on a whole batch leave rows of the hidden gradient at zero, which fired must not
    // count.
    EXPECT_GT(counts[0].fired, 0);
    EXPECT_LE(counts[0].fired, 3 * 7 * (5 + 1));
}

TEST(TopK, FractionOneIsBackprop) {
    const RuleNetSpec spec =
        net_spec({6, 9, 7, 4}, Activation::Relu, 8, OptimizerSpec{.name = "adamw"}, 1e-2f);
    auto bp_net = make_net(spec, 21), topk_net = make_net(spec, 21);
    auto backprop = rule_for("backprop", *bp_net);
    auto topk = rule_for("topk", *topk_net, 1.f);
    auto bp_counts = no_counts(*bp_net), topk_counts = no_counts(*topk_net);
    for (int step = 0; step < 6; ++step) {
        const Mat X = random_inputs(6, 8, 50 + static_cast<std::uint64_t>(step));
        const auto labels = random_labels(4, 8, 60 + static_cast<std::uint64_t>(step));
        EXPECT_EQ(backprop->train(*bp_net, X, labels, bp_counts, nullptr),
                  topk->train(*topk_net, X, labels, topk_counts, nullptr));
    }
    for (std::size_t l = 0; l < 3; ++l) {
        EXPECT_TRUE(bp_net->mlp().layers()[l].W == topk_net->mlp().layers()[l].W) << l;
        EXPECT_EQ(bp_counts[l].notifications, topk_counts[l].notifications) << l;
        EXPECT_EQ(bp_counts[l].fired, topk_counts[l].fired) << l;
    }
}

TEST(TopK, KeepsExactlyTheKLargestErrorsPerSampleAndLayer) {
    // tanh: no unit's derivative is zero, so a unit's gradient row is zero exactly when its error was
    // dropped.
    const std::vector<int> sizes{6, 10, 8, 5};
    const float fraction = 0.3f;
    const int k[] = {3, 2, 2}; // round(0.3 · 10), round(0.3 · 8) = round(2.4), round(0.3 · 5) = round(1.5)
    auto net = make_net(net_spec(sizes, Activation::Tanh, 4, {}, 0.f), 8);
    auto rule = rule_for("topk", *net, fraction);
    auto counts = no_counts(*net);
    Mat P(5, 1), e(5, 1);
    for (int sample = 0; sample < 4; ++sample) {
        const Mat x = random_inputs(6, 1, 70 + static_cast<std::uint64_t>(sample));
        const auto label = random_labels(5, 1, 80 + static_cast<std::uint64_t>(sample));
        rule->train(*net, x, label, counts, nullptr);
        for (std::size_t l = 0; l < 3; ++l) {
            const Mat& gW = net->weight_grad(l);
            int rows = 0;
            for (Eigen::Index r = 0; r < gW.rows(); ++r) {
                const auto nonzero = (gW.row(r).array() != 0.f).count();
                EXPECT_TRUE(nonzero == 0 || nonzero == gW.cols()) << "a kept unit tells all its connections";
                rows += nonzero > 0;
                EXPECT_EQ(nonzero > 0, net->bias_grad(l)(r) != 0.f);
            }
            EXPECT_EQ(rows, k[l]) << "sample " << sample << " layer " << l;
        }
        // The output keeps the largest |p − onehot| (lr 0: the forward below sees the weights the rule saw).
        net->mlp().forward(x);
        softmax_cross_entropy(net->mlp().logits(), label, P.leftCols(1), e.leftCols(1));
        Eigen::Index largest = 0, runner_up = 0;
        e.col(0).cwiseAbs().maxCoeff(&largest);
        Vec rest = e.col(0).cwiseAbs();
        rest(largest) = -1.f;
        rest.maxCoeff(&runner_up);
        const Vec& gb = net->bias_grad(2);
        EXPECT_NE(gb(largest), 0.f);
        EXPECT_NE(gb(runner_up), 0.f);
        EXPECT_FLOAT_EQ(gb(largest), e(largest, 0));
    }
    for (std::size_t l = 0; l < 3; ++l) {
        EXPECT_EQ(counts[l].notifications, 4 * k[l] * (sizes[l] + 1)) << l;
        EXPECT_EQ(counts[l].fired, 4 * k[l] * (sizes[l] + 1)) << l;
    }

    // A batch: each sample keeps its own k, so notifications are k·(in + 1) per sample.
    auto batch_counts = no_counts(*net);
    rule->train(*net, random_inputs(6, 4, 90), random_labels(5, 4, 91), batch_counts, nullptr);
    for (std::size_t l = 0; l < 3; ++l) {
        EXPECT_EQ(batch_counts[l].notifications, 4 * k[l] * (sizes[l] + 1)) << l;
        const auto rows = (net->weight_grad(l).rowwise().squaredNorm().array() != 0.f).count();
        EXPECT_GE(rows, k[l]) << l;
        EXPECT_LE(rows, std::min(sizes[l + 1], 4 * k[l])) << l;
    }
}

TEST(TopK, KeepsAtLeastOneError) {
    auto net = make_net(net_spec({4, 6, 3}, Activation::Tanh, 2), 2);
    auto rule = rule_for("topk", *net, 0.01f);
    auto counts = no_counts(*net);
    rule->train(*net, random_inputs(4, 2, 1), random_labels(3, 2, 2), counts, nullptr);
    EXPECT_EQ(counts[0].notifications, 1 * (4 + 1) * 2);
    EXPECT_EQ(counts[1].notifications, 1 * (6 + 1) * 2);
    EXPECT_GT(counts[0].fired, 0);
}

TEST(FeedbackAlignment, WithTheTransposedWeightsAsFeedbackIsBackprop) {
    const RuleNetSpec spec = net_spec({5, 8, 6, 3}, Activation::Relu, 8, OptimizerSpec{.name = "sgd"}, 0.1f);
    auto bp_net = make_net(spec, 31), fa_net = make_net(spec, 31);
    auto backprop = rule_for("backprop", *bp_net);
    auto fa = rule_for("fa", *fa_net);
    std::span<Mat> B = feedback_matrices(*fa);
    auto bp_counts = no_counts(*bp_net), fa_counts = no_counts(*fa_net);
    for (int step = 0; step < 5; ++step) {
        // The weights move, so the feedback follows them.
        for (std::size_t l = 1; l < 3; ++l) B[l] = fa_net->mlp().layers()[l].W.transpose();
        const Mat X = random_inputs(5, 8, 120 + static_cast<std::uint64_t>(step));
        const auto labels = random_labels(3, 8, 130 + static_cast<std::uint64_t>(step));
        // Not bit for bit: W_lᵀ as an operand and as a matrix of its own may sum in different orders.
        EXPECT_NEAR(backprop->train(*bp_net, X, labels, bp_counts, nullptr),
                    fa->train(*fa_net, X, labels, fa_counts, nullptr), 1e-5f);
        for (std::size_t l = 0; l < 3; ++l)
            EXPECT_LT((bp_net->weight_grad(l) - fa_net->weight_grad(l)).cwiseAbs().maxCoeff(), 1e-6f) << l;
    }
    for (std::size_t l = 0; l < 3; ++l) {
        EXPECT_LT((bp_net->mlp().layers()[l].W - fa_net->mlp().layers()[l].W).cwiseAbs().maxCoeff(), 1e-5f)
            << l;
        EXPECT_EQ(bp_counts[l].notifications, fa_counts[l].notifications) << l;
    }
}

TEST(FeedbackAlignment, WithItsOwnRandomFeedbackIsNotBackprop) {
    const RuleNetSpec spec = net_spec({5, 8, 6, 3}, Activation::Relu, 8);
    auto bp_net = make_net(spec, 31), fa_net = make_net(spec, 31);
    auto backprop = rule_for("backprop", *bp_net);
    auto fa = rule_for("fa", *fa_net);
    auto counts = no_counts(*bp_net);
    const Mat X = random_inputs(5, 8, 1);
    const auto labels = random_labels(3, 8, 2);
    backprop->train(*bp_net, X, labels, counts, nullptr);
    fa->train(*fa_net, X, labels, counts, nullptr);
    // The output layer's gradient needs no feedback; the layers under it get the random one's.
    EXPECT_TRUE(bp_net->weight_grad(2) == fa_net->weight_grad(2));
    EXPECT_GT((bp_net->weight_grad(1) - fa_net->weight_grad(1)).cwiseAbs().maxCoeff(), 1e-4f);
    EXPECT_GT((bp_net->weight_grad(0) - fa_net->weight_grad(0)).cwiseAbs().maxCoeff(), 1e-4f);
}

TEST(DirectFeedbackAlignment, MatchesATwoThreeTwoNetWorkedByHand) {
    auto net = make_net(net_spec({2, 3, 2}, Activation::Tanh, 2, {}, 0.f), 4);
    auto dfa = rule_for("dfa", *net);
    std::span<Mat> D = feedback_matrices(*dfa);
    ASSERT_EQ(D.size(), 2u);
    ASSERT_EQ(D[0].rows(), 3);
    ASSERT_EQ(D[0].cols(), 2);
    EXPECT_EQ(D[1].size(), 0);
    D[0] << 0.5f, -1.f, 2.f, 0.25f, -0.75f, 1.5f;

    const BatchLayer& hidden = net->mlp().layers()[0];
    const BatchLayer& output = net->mlp().layers()[1];
    Mat X(2, 2);
    X << 0.3f, -0.8f, 0.9f, 0.4f;
    const std::vector<std::int32_t> labels{1, 0};

    // δ_1 = tanh'(z_1) ⊙ (D e), e = (p − onehot)/B, from the formula one sample at a time, in double.
    Eigen::MatrixXd gW0 = Eigen::MatrixXd::Zero(3, 2), gW1 = Eigen::MatrixXd::Zero(2, 3);
    Eigen::VectorXd gb0 = Eigen::VectorXd::Zero(3), gb1 = Eigen::VectorXd::Zero(2);
    const Eigen::MatrixXd Dd = D[0].cast<double>();
    for (int s = 0; s < 2; ++s) {
        const Eigen::VectorXd x = X.col(s).cast<double>();
        const Eigen::VectorXd a1 =
            (hidden.W.cast<double>() * x + hidden.b.cast<double>()).unaryExpr([](double v) {
                return std::tanh(v);
            });
        const Eigen::VectorXd z2 = output.W.cast<double>() * a1 + output.b.cast<double>();
        Eigen::VectorXd p = z2.unaryExpr([&](double v) { return std::exp(v - z2.maxCoeff()); });
        p /= p.sum();
        Eigen::VectorXd e = p;
        e(labels[static_cast<std::size_t>(s)]) -= 1.0;
        e /= 2.0;
        const Eigen::VectorXd delta1 = (1.0 - a1.array().square()) * (Dd * e).array();
        gW0 += delta1 * x.transpose();
        gb0 += delta1;
        gW1 += e * a1.transpose();
        gb1 += e;
    }
    auto counts = no_counts(*net);
    dfa->train(*net, X, labels, counts, nullptr);
    EXPECT_LT((net->weight_grad(0).cast<double>() - gW0).cwiseAbs().maxCoeff(), 1e-6);
    EXPECT_LT((net->bias_grad(0).cast<double>() - gb0).cwiseAbs().maxCoeff(), 1e-6);
    EXPECT_LT((net->weight_grad(1).cast<double>() - gW1).cwiseAbs().maxCoeff(), 1e-6);
    EXPECT_LT((net->bias_grad(1).cast<double>() - gb1).cwiseAbs().maxCoeff(), 1e-6);
    EXPECT_GT(gW0.cwiseAbs().maxCoeff(), 1e-2);
    EXPECT_EQ(counts[0].notifications, 3 * (2 + 1) * 2);
    EXPECT_EQ(counts[1].notifications, 2 * (3 + 1) * 2);
}

TEST(DirectFeedbackAlignment, EveryHiddenLayerHearsTheOutputDirectly) {
    // With D_l = 0 at one hidden layer, that layer learns nothing while the others still do: its error does
    // not come through the layer above.
    auto net = make_net(net_spec({4, 6, 5, 3}, Activation::Tanh, 4), 6);
    auto dfa = rule_for("dfa", *net);
    feedback_matrices(*dfa)[1].setZero();
    auto counts = no_counts(*net);
    dfa->train(*net, random_inputs(4, 4, 1), random_labels(3, 4, 2), counts, nullptr);
    EXPECT_EQ(net->weight_grad(1).cwiseAbs().maxCoeff(), 0.f);
    EXPECT_GT(net->weight_grad(0).cwiseAbs().maxCoeff(), 0.f);
    EXPECT_EQ(counts[1].fired, 0);
    EXPECT_EQ(counts[1].notifications, 5 * (6 + 1) * 4);
}

// The entries' root mean square against a normal's stddev, within four standard errors (σ/√(2n)).
void expect_stddev(const Mat& m, double stddev) {
    const auto n = static_cast<double>(m.size());
    EXPECT_NEAR(std::sqrt(m.squaredNorm() / n), stddev, 4 * stddev / std::sqrt(2 * n))
        << m.rows() << " × " << m.cols();
}

TEST(FeedbackMatrices, AreFixedAlikeForEqualGeneratorsAndCountedAsState) {
    const RuleNetSpec spec =
        net_spec({6, 40, 30, 4}, Activation::Relu, 8, OptimizerSpec{.name = "adamw"}, 1e-2f);
    auto net = make_net(spec, 1);
    RuleSettings settings;
    for (std::string_view name : {"fa", "dfa"}) {
        SCOPED_TRACE(std::string(name));
        auto rule = make_rule(name, *net, settings, Rng(5));
        auto same = make_rule(name, *net, settings, Rng(5));
        auto other = make_rule(name, *net, settings, Rng(6));
        const std::vector<Mat> drawn(feedback_matrices(*rule).begin(), feedback_matrices(*rule).end());
        std::int64_t floats = 0;
        for (std::size_t l = 0; l < 3; ++l) {
            const Mat& m = drawn[l];
            floats += m.size();
            EXPECT_TRUE(m == feedback_matrices(*same)[l]) << l;
            if (m.size() > 0) {
                EXPECT_FALSE(m == feedback_matrices(*other)[l]) << l;
            }
            const BatchLayer& layer = net->mlp().layers()[l];
            if (name == "fa") {
                // B_l stands for W_lᵀ, drawn like it (He: stddev sqrt(2/in_l)); layer 0 passes nothing down.
                if (l == 0) {
                    EXPECT_EQ(m.size(), 0);
                    continue;
                }
                EXPECT_EQ(m.rows(), layer.in());
                EXPECT_EQ(m.cols(), layer.out());
                expect_stddev(m, std::sqrt(2.0 / layer.in()));
            } else {
                // D_l from the classes to hidden layer l (He: stddev sqrt(2/classes)); the output has none.
                if (l == 2) {
                    EXPECT_EQ(m.size(), 0);
                    continue;
                }
                EXPECT_EQ(m.rows(), layer.out());
                EXPECT_EQ(m.cols(), 4);
                expect_stddev(m, std::sqrt(2.0 / 4));
            }
        }
        EXPECT_EQ(rule->state_bytes(), 4 * floats);
        EXPECT_GT(floats, 0);

        auto counts = no_counts(*net);
        const Mat W0 = net->mlp().layers()[0].W;
        for (int step = 0; step < 20; ++step)
            rule->train(*net, random_inputs(6, 8, 300 + static_cast<std::uint64_t>(step)),
                        random_labels(4, 8, 400 + static_cast<std::uint64_t>(step)), counts, nullptr);
        rule->clear_state();
        EXPECT_FALSE(W0 == net->mlp().layers()[0].W) << "training moved nothing";
        for (std::size_t l = 0; l < 3; ++l) EXPECT_TRUE(drawn[l] == feedback_matrices(*rule)[l]) << l;
    }
}

TEST(FeedbackMatrices, BackpropAndTopkHaveNone) {
    auto net = make_net(net_spec({3, 4, 3}, Activation::Relu, 2), 1);
    for (std::string_view name : {"backprop", "topk"}) {
        auto rule = rule_for(name, *net);
        EXPECT_THROW(feedback_matrices(*rule), std::invalid_argument) << name;
        EXPECT_EQ(rule->state_bytes(), 0) << name;
    }
}

TEST(GradientRules, ReturnTheBatchLossAndCountTheCorrectOnes) {
    const RuleNetSpec spec = net_spec({5, 7, 4}, Activation::Relu, 8);
    for (std::string_view name : {"backprop", "topk", "fa", "dfa"}) {
        auto net = make_net(spec, 9);
        auto reference = make_net(spec, 9);
        auto rule = rule_for(name, *net);
        const Mat X = random_inputs(5, 6, 10);
        const auto labels = random_labels(4, 6, 11);
        Mat P(4, 6), dZ(4, 6);
        reference->mlp().forward(X);
        int expected_correct = -1;
        const float expected = softmax_cross_entropy(reference->mlp().logits(), labels, P.leftCols(6),
                                                     dZ.leftCols(6), &expected_correct);
        int correct = -2;
        auto counts = no_counts(*net);
        EXPECT_EQ(rule->train(*net, X, labels, counts, &correct), expected) << name;
        EXPECT_EQ(correct, expected_correct) << name;
        EXPECT_NO_THROW(rule->train(*net, X, labels, counts, nullptr)) << name;
    }
}

#ifdef PHASOR_COUNT_MALLOC
TEST(GradientRules, AWarmStepAllocatesNothing) {
    const RuleNetSpec spec =
        net_spec({6, 9, 7, 4}, Activation::Relu, 8, OptimizerSpec{.name = "adamw"}, 1e-2f);
    const Mat X = random_inputs(6, 8, 1);
    const auto labels = random_labels(4, 8, 2);
    for (std::string_view name : {"backprop", "topk", "fa", "dfa"}) {
        auto net = make_net(spec, 3);
        auto rule = rule_for(name, *net, 0.3f);
        auto counts = no_counts(*net);
        int correct = 0;
        rule->train(*net, X, labels, counts, &correct);
        std::vector<std::int32_t> classes(8);
        EXPECT_EQ(testing::count_mallocs([&] {
                      for (int i = 0; i < 5; ++i) {
                          rule->train(*net, X, labels, counts, &correct);
                          rule->train(*net, X.leftCols(3), std::span(labels).first(3), counts, nullptr);
                          rule->predict(*net, X, classes);
                      }
                  }),
                  0)
            << name;
    }
}
#endif

} // namespace
} // namespace phasor
