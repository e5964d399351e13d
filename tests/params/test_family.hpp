// A small family with one row of every type and range form, for the parameter tests: its table, and a Family
// around it (no model: these tests never build one).
#pragma once
#include "engine/core/error.hpp"
#include "engine/params/param.hpp"
#include "engine/params/param_set.hpp"
#include "engine/runtime/family.hpp"
#include "engine/runtime/model.hpp"

#include <memory>

namespace phasor::testing {

inline std::vector<ParamSpec> every_type_rows() {
    std::vector<ParamSpec> rows = common_params(100);
    rows.push_back({.key = "t.rate",
                    .type = ParamType::Real,
                    .default_value = 0.5f,
                    .label = "Rate",
                    .help = "a rate",
                    .range = {.lo = 0, .lo_open = true}});
    rows.push_back({.key = "t.share",
                    .type = ParamType::Real,
                    .default_value = 1.f,
                    .label = "Share",
                    .help = "a share",
                    .range = {.lo = 0, .hi = 1, .lo_open = true}});
    rows.push_back({.key = "t.count",
                    .type = ParamType::Integer,
                    .default_value = std::int64_t{3},
                    .label = "Count",
                    .help = "a count",
                    .range = {.lo = 1}});
    rows.push_back({.key = "t.depth",
                    .type = ParamType::Integer,
                    .default_value = std::monostate{},
                    .label = "Depth",
                    .help = "a depth",
                    .range = {.lo = 0, .hi = 1024},
                    .automatic = "derived from the count"});
    rows.push_back({.key = "t.offset",
                    .type = ParamType::Integer,
                    .default_value = std::int64_t{0},
                    .label = "Offset",
                    .help = "any integer"});
    rows.push_back(
        {.key = "t.on", .type = ParamType::Flag, .default_value = true, .label = "On", .help = "a flag"});
    rows.push_back({.key = "t.mode",
                    .type = ParamType::Choice,
                    .default_value = std::string("aligned"),
                    .label = "Mode",
                    .help = "a choice",
                    .choices = {"snapshot", "aligned", "pipelined"}});
    rows.push_back({.key = "t.init",
                    .type = ParamType::Choice,
                    .default_value = std::monostate{},
                    .label = "Init",
                    .help = "an optional choice",
                    .choices = {"he", "xavier"},
                    .automatic = "by activation"});
    rows.push_back({.key = "t.sizes",
                    .type = ParamType::IntegerList,
                    .default_value = std::vector<std::int64_t>{4, 8, 3},
                    .label = "Sizes",
                    .help = "a list",
                    .range = {.lo = 1, .hi = 8192}});
    rows.push_back({.key = "t.acts",
                    .type = ParamType::ChoiceList,
                    .default_value = std::monostate{},
                    .label = "Activations",
                    .help = "an optional list of choices",
                    .choices = {"identity", "relu", "tanh", "softmax"},
                    .automatic = "relu, then softmax"});
    rows.push_back({.key = "t.names",
                    .type = ParamType::ChoiceList,
                    .default_value = std::vector<std::string>{"relu"},
                    .label = "Names",
                    .help = "a list of choices",
                    .choices = {"identity", "relu", "tanh", "softmax"}});
    return rows;
}

inline const Family& every_type_family() {
    static const ParamTable table(every_type_rows());
    static const Family family{
        .name = "every_type",
        .title = "Every parameter type",
        .description = "for the parameter tests",
        .params = table,
        .channels = {},
        .headline = {},
        .groups = {},
        .check = [](const ParamSet&) {},
        .build = [](const ParamSet&) -> std::unique_ptr<Model> {
            throw InputError("no model in this family");
        },
    };
    return family;
}

inline const ParamSpec& every_type_row(std::string_view key) {
    return *every_type_family().params.find(key);
}

} // namespace phasor::testing
