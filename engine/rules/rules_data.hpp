// What the rule lab's learners learn from, as one data set whatever the task: Fashion-MNIST (or a subset of
// it), or the stepped network's tasks turned into a fixed training set and their held-out set.
#pragma once
#include "engine/data/dataset.hpp"
#include "engine/rules/rules_family.hpp"

#include <memory>
#include <vector>

namespace phasor {

// Throws DataError (a data set that cannot be read, saying where it looked and how to get it) or InputError.
std::shared_ptr<const DataSplit> rules_data(const RulesConfig& config);
// Whether the test set is held out from training: a finite pattern task (xor, parity4) is scored on its
// training patterns, which it has nothing apart from.
bool rules_test_held_out(const RulesConfig& config);
// The curriculum's order: the samples by their distance to the mean input of their class, nearest (easiest)
// first; ties keep the data set's order.
std::vector<std::uint32_t> easiest_first(const Dataset& set);

} // namespace phasor
