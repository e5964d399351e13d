// The rule lab's family: its parameter table, and the typed configuration a run is built from, with the
// race's variants each resolved to the settings it learns with.
#pragma once
#include "engine/params/param_set.hpp"
#include "engine/rules/learning_rule.hpp"
#include "engine/runtime/family.hpp"

#include <string>
#include <vector>

namespace phasor {

// One learner of a race: its name, what it sets unlike the base (as people read it, and the keys), and the
// settings it learns with.
struct VariantConfig {
    std::string name;
    std::string differs;
    std::vector<std::string> overridden; // keys it sets itself, which a live change of the base leaves alone
    std::string rule = "backprop";
    RuleNetSpec net;
    RuleSettings settings;
};

struct RulesConfig {
    std::string task = "fashion_mnist";
    std::string data_dir;
    std::int64_t train_samples = 0; // 0: the whole training set (a stream task: 2,000 drawn)
    bool easy_first = false;        // the curriculum: the first epoch from easy samples to hard ones
    std::vector<int> hidden{256, 256};
    Activation activation = Activation::Relu;
    int batch = 32;
    std::uint64_t seed = 1;
    int eval_every = 100;                // ticks between evaluations (each a point of every history)
    int eval_samples = 1000;             // test samples each of those scores
    int lens_every = 10;                 // ticks between measurements of the lens; 0: never
    std::vector<VariantConfig> variants; // at least one; the first is the base
};

const Family& rules_family();
// Throws InputError naming the key (race.variants: which variant, which key) when values do not fit.
RulesConfig rules_config(const ParamSet& params);
// Throws InputError when the variant's settings do not fit a net of `layers` layers (its T per layer).
void check_layers(const VariantConfig& variant, std::size_t layers);
// The settings of the row `key` for a variant: applies `value` to `variant` as a live change would.
// Returns false for a key that is not a variant's live setting; throws InputError for a value it cannot read.
bool apply_live(VariantConfig& variant, std::string_view key, const ParamValue& value);

} // namespace phasor
