// The rule lab's test helpers: a parameter set of the family with overrides, a model built from it, and a
// recorder for the series it writes.
#pragma once
#include "engine/params/param_set.hpp"
#include "engine/params/param_toml.hpp"
#include "engine/rules/rules_family.hpp"
#include "engine/rules/rules_model.hpp"

#include <gtest/gtest.h>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace phasor::testing {

struct SeriesRecord : SeriesWriter {
    std::vector<SeriesSample> samples;
    void write(SeriesSample& s) override { samples.push_back(s); }
};

// A small, quick lab: xor's four patterns on a 2-8-2 net, one sample a tick, evaluated every 10 ticks.
inline ParamSet rules_params(std::initializer_list<std::pair<std::string, std::string>> sets = {}) {
    ParamSet p(rules_family());
    const std::pair<std::string, std::string> base[] = {{"task.name", "xor"}, {"network.hidden", "[8]"},
                                                        {"train.batch", "4"}, {"train.lr", "0.1"},
                                                        {"eval.every", "10"}, {"lens.every", "1"}};
    auto apply = [&](const std::string& key, const std::string& text) {
        const ParamSpec* row = p.table().find(key);
        if (!row) throw std::logic_error("no row " + key);
        if (auto error = p.set(key, parse_value(*row, text))) throw std::logic_error(*error);
    };
    for (const auto& [key, text] : base) apply(key, text);
    for (const auto& [key, text] : sets) apply(key, text);
    return p;
}

inline std::unique_ptr<RulesModel> rules_model(const ParamSet& p) {
    return std::make_unique<RulesModel>(rules_config(p));
}

inline void run_ticks(RulesModel& m, std::uint64_t ticks) {
    SeriesRecord series;
    ASSERT_EQ(m.advance(ticks, series), ticks) << (m.fault() ? m.fault()->what : "");
}

} // namespace phasor::testing
