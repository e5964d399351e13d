// Values as TOML text and back: to_toml then parse_value gives the same value for every type (the word "auto"
// for an optional row's automatic value included), and parse_value reads what people type.
#include "engine/params/param_toml.hpp"
#include "engine/stepnet/stepnet_family.hpp"
#include "test_family.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace phasor {
namespace {

using testing::every_type_row;

// to_toml, then parse_value by the row: the same value.
void expect_round_trip(std::string_view key, const ParamValue& value) {
    const ParamSpec& row = every_type_row(key);
    const std::string text = to_toml(value);
    try {
        EXPECT_EQ(parse_value(row, text), value) << key << " = " << text;
    } catch (const InputError& e) {
        ADD_FAILURE() << key << " = " << text << ": " << e.what();
    }
}

TEST(TomlRoundTrip, Reals) {
    for (float v : {0.5f, 0.1f, 0.05f, 1.f, 100.f, 1e-7f, 3.4e38f, 0.0123456789f, 0.02f * 0.9995f,
                    std::numeric_limits<float>::min(), std::numeric_limits<float>::denorm_min()})
        expect_round_trip("t.rate", v);
    EXPECT_EQ(to_toml(1.f), "1.0"); // stays a float in TOML
    EXPECT_EQ(to_toml(0.05f), "0.05");
    EXPECT_EQ(to_toml(100.f), "100.0");
}

TEST(TomlRoundTrip, Integers) {
    for (std::int64_t v :
         {std::int64_t{0}, std::int64_t{-5}, std::int64_t{1} << 40, std::numeric_limits<std::int64_t>::max(),
          std::numeric_limits<std::int64_t>::min()})
        expect_round_trip("t.offset", v);
    expect_round_trip("t.count", std::int64_t{7});
    EXPECT_EQ(to_toml(std::int64_t{-5}), "-5");
}

TEST(TomlRoundTrip, FlagsChoicesAndText) {
    expect_round_trip("t.on", true);
    expect_round_trip("t.on", false);
    expect_round_trip("t.mode", std::string("pipelined"));
    EXPECT_EQ(to_toml(std::string("pipelined")), "\"pipelined\"");
    for (const char* text : {"", "plain", "with \"quotes\"", "back\\slash", "new\nline", "tab\there",
                             "bell\x07", "unicode: é ∑ 🙂", "[not, a, list]", "auto", "5", "true"})
        expect_round_trip("name", std::string(text));
}

TEST(TomlRoundTrip, Lists) {
    expect_round_trip("t.sizes", std::vector<std::int64_t>{4, 32, 16, 3});
    expect_round_trip("t.sizes", std::vector<std::int64_t>{});
    expect_round_trip("t.names", std::vector<std::string>{"relu", "tanh", "softmax"});
    expect_round_trip("t.names", std::vector<std::string>{});
    expect_round_trip("t.acts", std::vector<std::string>{"tanh", "softmax"});
    EXPECT_EQ(to_toml(std::vector<std::int64_t>{4, 32, 3}), "[4, 32, 3]");
    EXPECT_EQ(to_toml(std::vector<std::string>{"relu", "softmax"}), "[\"relu\", \"softmax\"]");
}

TEST(TomlRoundTrip, AutoForOptionalRowsOfEveryType) {
    EXPECT_EQ(to_toml(std::monostate{}), "\"auto\"");
    for (std::string_view key : {"t.depth", "t.init", "t.acts"}) {
        expect_round_trip(key, std::monostate{});
        try {
            EXPECT_EQ(parse_value(every_type_row(key), "auto"), ParamValue{std::monostate{}})
                << key << " = auto";
        } catch (const InputError& e) {
            ADD_FAILURE() << key << " = auto: " << e.what();
        }
    }
}

TEST(TomlRoundTrip, AutoForEveryOptionalRowOfTheSteppedNetwork) {
    int optional_rows = 0;
    for (const ParamSpec& row : stepnet_family().params.rows()) {
        if (row.automatic.empty()) continue;
        ++optional_rows;
        for (std::string_view text : {std::string_view("auto"), std::string_view("\"auto\"")}) {
            try {
                EXPECT_EQ(parse_value(row, text), ParamValue{std::monostate{}}) << row.key << "=" << text;
            } catch (const InputError& e) {
                ADD_FAILURE() << row.key << "=" << text << ": " << e.what();
            }
        }
    }
    EXPECT_EQ(optional_rows, 4); // task.test_points, network.activations, network.init, train.delay_depth
}

TEST(TomlRoundTrip, AutoIsAnOrdinaryWordForRowsThatAreNotOptional) {
    EXPECT_EQ(parse_value(every_type_row("name"), "auto"), ParamValue{std::string("auto")});
    try {
        parse_value(every_type_row("t.mode"), "auto");
        ADD_FAILURE() << "t.mode took auto";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()), "unknown value 'auto' (known: snapshot, aligned, pipelined)");
    }
}

TEST(ParseValue, ReadsWhatPeopleType) {
    EXPECT_EQ(parse_value(every_type_row("t.rate"), "2"),
              ParamValue{2.f}); // an integer where a number is asked
    EXPECT_EQ(parse_value(every_type_row("t.rate"), " 0.25 "), ParamValue{0.25f});
    EXPECT_EQ(parse_value(every_type_row("t.mode"), "pipelined"), ParamValue{std::string("pipelined")});
    EXPECT_EQ(parse_value(every_type_row("t.mode"), "\"snapshot\""), ParamValue{std::string("snapshot")});
    EXPECT_EQ(parse_value(every_type_row("t.sizes"), "[4,64,3]"),
              (ParamValue{std::vector<std::int64_t>{4, 64, 3}}));
    EXPECT_EQ(parse_value(every_type_row("name"), "two words"), ParamValue{std::string("two words")});
}

std::string parse_error(std::string_view key, std::string_view text) {
    try {
        parse_value(every_type_row(key), text);
    } catch (const InputError& e) {
        return e.what();
    }
    ADD_FAILURE() << key << " took " << text;
    return {};
}

TEST(ParseValue, ErrorsSayWhatWasExpectedWithoutTheKey) {
    EXPECT_EQ(parse_error("t.count", "2.5"), "expected an integer, got a float");
    EXPECT_EQ(parse_error("t.count", "abc"), "expected an integer, got a string");
    EXPECT_EQ(parse_error("t.count", "0"), "must be >= 1, got 0");
    EXPECT_EQ(parse_error("t.rate", "-1"), "must be > 0, got -1");
    EXPECT_EQ(parse_error("t.rate", "nan"), "must be a finite number, got nan");
    EXPECT_EQ(parse_error("t.on", "maybe"), "expected true or false, got a string");
    EXPECT_EQ(parse_error("t.on", "1"), "expected true or false, got an integer");
    EXPECT_EQ(parse_error("name", "5"), "expected a string, got an integer");
    EXPECT_EQ(parse_error("t.sizes", "[4, 0, 3]"), "element 2 is 0, must be in [1, 8192]");
    EXPECT_EQ(parse_error("t.sizes", "[4, \"8\"]"), "expected an array of integers, element 2 is a string");
    EXPECT_EQ(parse_error("t.sizes", "4"), "expected an array of integers, got an integer");
    EXPECT_EQ(parse_error("t.names", "[\"relu\", \"tahn\"]"),
              "element 2: unknown value 'tahn' (known: identity, relu, tanh, softmax); did you mean 'tanh'?");
    EXPECT_EQ(parse_error("t.names", "[1]"), "expected an array of strings, element 1 is an integer");
}

TEST(ReadValue, PointsAtTheElementAtFault) {
    const toml::table doc = toml::parse("sizes = [4, 0, 3]\nrate = -2\n");
    const auto list = read_value(every_type_row("t.sizes"), *doc.get("sizes"));
    ASSERT_TRUE(std::holds_alternative<ValueError>(list));
    const ValueError& e = std::get<ValueError>(list);
    EXPECT_EQ(e.reason, "element 2 is 0, must be in [1, 8192]");
    ASSERT_NE(e.at, nullptr);
    EXPECT_EQ(e.at->source().begin.line, 1u);
    EXPECT_EQ(e.at->source().begin.column, 13u);
    const auto rate = read_value(every_type_row("t.rate"), *doc.get("rate"));
    ASSERT_TRUE(std::holds_alternative<ValueError>(rate));
    EXPECT_EQ(std::get<ValueError>(rate).at, doc.get("rate"));
    const auto ok = read_value(every_type_row("t.rate"), *toml::parse("v = 3").get("v"));
    ASSERT_TRUE(std::holds_alternative<ParamValue>(ok));
    EXPECT_EQ(std::get<ParamValue>(ok), ParamValue{3.f});
}

TEST(ReadValue, TypePhrases) {
    const toml::table doc = toml::parse("a = 1\nb = 1.5\nc = \"s\"\nd = true\ne = [1]\n[f]\n");
    EXPECT_EQ(type_phrase(*doc.get("a")), "an integer");
    EXPECT_EQ(type_phrase(*doc.get("b")), "a float");
    EXPECT_EQ(type_phrase(*doc.get("c")), "a string");
    EXPECT_EQ(type_phrase(*doc.get("d")), "a boolean");
    EXPECT_EQ(type_phrase(*doc.get("e")), "an array");
    EXPECT_EQ(type_phrase(*doc.get("f")), "a table");
}

} // namespace
} // namespace phasor
