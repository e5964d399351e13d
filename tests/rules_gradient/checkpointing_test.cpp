// The gradient rules under gradient checkpointing: every rule with a backward pass trains the same weights
// bit for bit at any spacing, the net's memory figure counts only the buffers kept, and the rules that read
// every layer after the forward pass (threshold, ff) refuse a checkpointed net by name.
#include "engine/core/error.hpp"
#include "rules_gradient/rules_support.hpp"

#include <gtest/gtest.h>

namespace phasor {
namespace {

using namespace rules_test;

// Five steps of `rule` on a five-layer net checkpointed every `every` layers; the weights it ends with.
std::vector<Mat> trained(std::string_view rule_name, int every) {
    RuleNetSpec spec =
        net_spec({6, 9, 8, 7, 9, 4}, Activation::Relu, 8, OptimizerSpec{.name = "adamw"}, 1e-2f);
    spec.checkpoint_every = every;
    auto net = make_net(spec, 3);
    auto rule = rule_for(rule_name, *net, 0.3f);
    auto counts = no_counts(*net);
    for (int step = 0; step < 5; ++step) {
        const Mat X = random_inputs(6, 8, 10 + static_cast<std::uint64_t>(step));
        const auto labels = random_labels(4, 8, 20 + static_cast<std::uint64_t>(step));
        rule->train(*net, X, labels, counts, nullptr);
    }
    std::vector<Mat> W;
    for (std::size_t l = 0; l < net->layers(); ++l) W.push_back(net->master_weight(l));
    return W;
}

TEST(RuleCheckpointing, EveryGradientRuleTrainsTheSameWeightsAtAnySpacing) {
    for (std::string_view name : {"backprop", "topk", "fa", "dfa"}) {
        const std::vector<Mat> plain = trained(name, 1);
        for (const int every : {2, 3, 5}) {
            const std::vector<Mat> checkpointed = trained(name, every);
            for (std::size_t l = 0; l < plain.size(); ++l)
                EXPECT_TRUE(checkpointed[l] == plain[l]) << name << ", every " << every << ", layer " << l;
        }
    }
}

TEST(RuleCheckpointing, TheMemoryFigureCountsOnlyTheKeptActivations) {
    RuleNetSpec spec = net_spec({6, 9, 8, 7, 9, 4}, Activation::Relu, 8);
    const auto plain = make_net(spec, 3)->memory_bytes();
    spec.checkpoint_every = 2;
    // Layers 1, 3 and 4 keep theirs (8 + 9 + 4 rows); layers 0 and 2 share one of max(9, 7) rows instead of
    // 9 + 7: 7 rows of z and a fewer, per sample of a batch of 8, in fp32.
    EXPECT_EQ(plain - make_net(spec, 3)->memory_bytes(), 7 * 2 * 8 * 4);
}

TEST(RuleCheckpointing, RulesWithoutABackwardPassRefuseIt) {
    RuleNetSpec spec = net_spec({6, 9, 8, 4}, Activation::Relu, 8);
    spec.checkpoint_every = 2;
    auto net = make_net(spec, 3);
    for (std::string_view name : {"threshold", "ff"}) {
        try {
            rule_for(name, *net);
            ADD_FAILURE() << name << " accepted a checkpointed net";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find("train.checkpoint_every"), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
        }
    }
}

} // namespace
} // namespace phasor
