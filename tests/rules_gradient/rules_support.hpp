// What the gradient-rule tests share: nets built from a seed, random batches, and the rules by name.
#pragma once
#include "engine/rules/learning_rule.hpp"

#include <memory>
#include <vector>

namespace phasor::rules_test {

inline RuleNetSpec net_spec(std::vector<int> sizes, Activation hidden, int max_batch,
                            OptimizerSpec optimizer = {}, float lr = 0.05f) {
    RuleNetSpec spec;
    spec.sizes = std::move(sizes);
    spec.hidden = hidden;
    spec.init = Init::He;
    spec.max_batch = max_batch;
    spec.optimizer = std::move(optimizer);
    spec.lr = lr;
    return spec;
}

inline std::unique_ptr<RuleNet> make_net(const RuleNetSpec& spec, std::uint64_t seed) {
    Rng rng(seed);
    return std::make_unique<RuleNet>(spec, rng);
}

inline Mat random_inputs(int rows, int cols, std::uint64_t seed) {
    Rng rng(seed);
    Mat X(rows, cols);
    for (Eigen::Index i = 0; i < X.size(); ++i) X.data()[i] = rng.uniform(-1.f, 1.f);
    return X;
}

inline std::vector<std::int32_t> random_labels(int classes, int count, std::uint64_t seed) {
    Rng rng(seed);
    std::vector<std::int32_t> labels(static_cast<std::size_t>(count));
    for (auto& label : labels) label = rng.below(classes);
    return labels;
}

inline std::unique_ptr<LearningRule> rule_for(std::string_view name, const RuleNet& net, float topk = 0.1f,
                                              std::uint64_t seed = 99) {
    RuleSettings settings;
    settings.topk = topk;
    return make_rule(name, net, settings, Rng(seed));
}

inline std::vector<LayerCounts> no_counts(const RuleNet& net) {
    return std::vector<LayerCounts>(net.layers());
}

} // namespace phasor::rules_test
