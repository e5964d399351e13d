// `phasor params`: every row of the family's table, with its type, range, default, current value and whether
// it applies live; a preset's current values; and, row by row, each parameter reachable from --set and from a
// preset file as the binary reads them.
#include "cli_support.hpp"
#include "engine/params/param_toml.hpp"
#include "engine/preset/preset.hpp"
#include "engine/stepnet/stepnet_family.hpp"
#include "support/stepnet_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <map>

namespace {

using nlohmann::json;
using phasor::ParamApply;
using phasor::ParamSpec;
using phasor::ParamType;
using phasor::ParamValue;
using phasor::testing::contains;
using phasor::testing::Result;
using Cli = phasor::testing::Cli;

const phasor::ParamTable& table() {
    return phasor::stepnet_family().params;
}

// A value as `phasor params --json` writes it, read back by the row's type (null: automatic).
ParamValue from_json(const ParamSpec& row, const json& j) {
    if (j.is_null()) return std::monostate{};
    switch (row.type) {
    case ParamType::Real:
        return j.get<float>();
    case ParamType::Integer:
        return j.get<std::int64_t>();
    case ParamType::Flag:
        return j.get<bool>();
    case ParamType::Choice:
    case ParamType::Text:
        return j.get<std::string>();
    case ParamType::IntegerList:
        return j.get<std::vector<std::int64_t>>();
    case ParamType::ChoiceList:
        return j.get<std::vector<std::string>>();
    }
    return std::monostate{};
}

std::string range_text(const ParamSpec& row) {
    if (!row.choices.empty()) return fmt::format("{}", fmt::join(row.choices, " | "));
    if (row.type == ParamType::Flag) return "true | false";
    return row.range.describe();
}

std::map<std::string, json> by_key(const json& out) {
    std::map<std::string, json> rows;
    for (const json& row : out["parameters"]) rows[row["key"].get<std::string>()] = row;
    return rows;
}

TEST_F(Cli, ParamsJsonListsEveryRowWithTypeRangeDefaultCurrentAndLive) {
    const json out = json_of("params");
    EXPECT_EQ(out["family"], "stepnet");
    EXPECT_TRUE(out["preset"].is_null());
    const json& rows = out["parameters"];
    ASSERT_EQ(rows.size(), table().size());
    for (std::size_t i = 0; i < table().size(); ++i) {
        const ParamSpec& row = table().row(i);
        SCOPED_TRACE(std::string(row.key));
        const json& j = rows[i];
        EXPECT_EQ(j["key"], row.key); // in the table's order
        EXPECT_EQ(j["type"], phasor::to_string(row.type));
        EXPECT_EQ(j["range"], range_text(row));
        EXPECT_EQ(j["live"], row.apply == ParamApply::Live);
        EXPECT_EQ(j["applies"], phasor::to_string(row.apply));
        EXPECT_EQ(from_json(row, j["default"]), row.default_value);
        EXPECT_EQ(from_json(row, j["current"]), row.default_value);
        EXPECT_EQ(j["label"], row.label);
        EXPECT_EQ(j["help"], row.help);
        EXPECT_EQ(j["automatic"], row.automatic);
        EXPECT_EQ(j["min"].is_null(), !std::isfinite(row.range.lo));
        EXPECT_EQ(j["max"].is_null(), !std::isfinite(row.range.hi));
        if (std::isfinite(row.range.lo)) {
            EXPECT_EQ(j["min"].get<double>(), row.range.lo);
        }
        EXPECT_EQ(j["min_open"], row.range.lo_open);
        EXPECT_EQ(j["max_open"], row.range.hi_open);
        EXPECT_EQ(j["choices"].size(), row.choices.size());
    }
}

TEST_F(Cli, ParamsTextListsEveryRow) {
    const Result r = phasor("params");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "current values: the defaults"));
    for (const ParamSpec& row : table().rows()) {
        EXPECT_TRUE(contains(r.out, fmt::format("\n{} ", row.key))) << row.key;
        EXPECT_TRUE(contains(r.out, row.help)) << row.key;
    }
    EXPECT_TRUE(contains(r.out, "auto: the pipeline lag"));
}

TEST_F(Cli, ParamsOfAPresetShowItsCurrentValues) {
    const phasor::ParamSet xor_params =
        phasor::load_preset(std::filesystem::path(PHASOR_SOURCE_DIR) / "assets/presets/xor.toml");
    const json out = json_of("params --preset xor");
    EXPECT_EQ(out["preset"], "xor");
    EXPECT_TRUE(contains(out["file"].get<std::string>(), "xor.toml"));
    const auto rows = by_key(out);
    ASSERT_EQ(rows.size(), table().size());
    for (const ParamSpec& row : table().rows()) {
        SCOPED_TRACE(std::string(row.key));
        EXPECT_EQ(from_json(row, rows.at(std::string(row.key))["current"]), xor_params.value(row.key));
        EXPECT_EQ(from_json(row, rows.at(std::string(row.key))["default"]), row.default_value);
    }
    // Values the xor preset changes from the defaults.
    EXPECT_EQ(rows.at("task.name")["current"], "xor");
    EXPECT_EQ(rows.at("network.layers")["current"], json::array({2, 8, 8, 2}));
    EXPECT_FLOAT_EQ(rows.at("train.lr")["current"].get<float>(), 0.05f);
    EXPECT_EQ(rows.at("ticks")["current"], 20000);

    const Result text = phasor("params --preset xor");
    ASSERT_EQ(text.status, 0) << text.err;
    EXPECT_TRUE(contains(text.out, "current values: preset xor"));
    EXPECT_TRUE(contains(text.out, "[2, 8, 8, 2]"));
    EXPECT_TRUE(contains(text.out, "[tanh, tanh, softmax]"));
}

TEST_F(Cli, ParamsWithSetShowTheOverride) {
    const auto rows =
        by_key(json_of("params --preset xor --set train.lr=0.3 --set train.backward=pipelined"));
    EXPECT_FLOAT_EQ(rows.at("train.lr")["current"].get<float>(), 0.3f);
    EXPECT_EQ(rows.at("train.backward")["current"], "pipelined");
}

// Row by row: the value --set gives and the value a preset file gives are what the binary reports.
class CliRow : public Cli, public ::testing::WithParamInterface<std::string_view> {
  protected:
    const phasor::testing::RowCase& row_case() const {
        const auto* c = phasor::testing::find_row_case(GetParam());
        if (!c)
            throw std::logic_error(
                fmt::format("no case for {} in tests/support/stepnet_rows.hpp", GetParam()));
        return *c;
    }
    const ParamSpec& row() const { return *table().find(GetParam()); }

    // A preset file with the row's context (and `extra` lines in its tables), in the scratch folder.
    std::string preset(const std::vector<std::pair<std::string_view, std::string_view>>& extra = {}) {
        std::map<std::string, std::map<std::string, std::string>> sections;
        std::map<std::string, std::string> top{{"name", "\"rows\""}};
        auto add = [&](std::string_view key, std::string_view text) {
            const auto dot = key.find('.');
            if (dot == std::string_view::npos)
                top[std::string(key)] = text;
            else
                sections[std::string(key.substr(0, dot))][std::string(key.substr(dot + 1))] = text;
        };
        for (const auto& [k, v] : row_case().context) add(k, v);
        for (const auto& [k, v] : extra) add(k, v);
        std::string text;
        for (const auto& [k, v] : top) text += fmt::format("{} = {}\n", k, v);
        for (const auto& [section, keys] : sections) {
            text += fmt::format("[{}]\n", section);
            for (const auto& [k, v] : keys) text += fmt::format("{} = {}\n", k, v);
        }
        std::ofstream(dir_ / "rows.toml") << text;
        return "rows.toml";
    }
};

std::vector<std::string_view> table_keys() {
    std::vector<std::string_view> keys;
    for (const ParamSpec& r : table().rows()) keys.push_back(r.key);
    return keys;
}

INSTANTIATE_TEST_SUITE_P(StepNet, CliRow, ::testing::ValuesIn(table_keys()),
                         [](const ::testing::TestParamInfo<std::string_view>& info) {
                             std::string name(info.param);
                             std::replace(name.begin(), name.end(), '.', '_');
                             return name;
                         });

// --set on the command line; the text is quoted for the shell.
TEST_P(CliRow, ReachableFromSetAndFromAPresetFile) {
    const ParamValue alt = phasor::parse_value(row(), row_case().alternative);
    const std::string set = fmt::format("'{}={}'", GetParam(), row_case().alternative);
    const auto from_set = by_key(json_of(fmt::format("params --preset {} --set {}", preset(), set)));
    EXPECT_EQ(from_json(row(), from_set.at(std::string(GetParam()))["current"]), alt);
    const auto from_file =
        by_key(json_of(fmt::format("params --preset {}", preset({{GetParam(), row_case().alternative}}))));
    EXPECT_EQ(from_json(row(), from_file.at(std::string(GetParam()))["current"]), alt);
    EXPECT_EQ(from_file.at(std::string(GetParam()))["live"], row().apply == ParamApply::Live);
}

TEST_P(CliRow, ABadValueExitsWithTwoNamingTheKey) {
    const std::string set = fmt::format("'{}={}'", GetParam(), row_case().bad);
    const Result r = phasor(fmt::format("run --preset {} --ticks 10 --set {}", preset(), set));
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(contains(r.err, fmt::format("--set {}={}: {}: ", GetParam(), row_case().bad, GetParam())));
    EXPECT_TRUE(r.out.empty()) << r.out;
}

// `ticks` is the run length of `phasor run`: the value from the file, from --set, and --ticks over both.
TEST_F(Cli, TicksSetsHowLongPhasorRunTrains) {
    std::ofstream(dir_ / "short.toml") << "name = \"short\"\nticks = 1234\n[task]\nname = \"xor\"\n"
                                          "[network]\nlayers = [2, 8, 8, 2]\n";
    EXPECT_EQ(json_of("run --preset short.toml")["seeds"][0]["ticks"], 1234);
    EXPECT_EQ(json_of("run --preset short.toml --set ticks=777")["seeds"][0]["ticks"], 777);
    EXPECT_EQ(json_of("run --preset short.toml --set ticks=777 --ticks 55")["seeds"][0]["ticks"], 55);
    EXPECT_EQ(json_of("run --preset short.toml --set ticks=777")["ticks_per_seed"], 777);
}

} // namespace
