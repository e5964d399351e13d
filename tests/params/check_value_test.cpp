// What check_value says for every type and range form: the reason, without the key, with the value given.
#include "test_family.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace phasor {
namespace {

using testing::every_type_row;
using Reason = std::optional<std::string>;

TEST(Range, DescribesEveryForm) {
    EXPECT_EQ(Range{}.describe(), "");
    EXPECT_EQ((Range{.lo = 0, .lo_open = true}.describe()), "> 0");
    EXPECT_EQ((Range{.lo = 1}.describe()), ">= 1");
    EXPECT_EQ((Range{.hi = 5}.describe()), "<= 5");
    EXPECT_EQ((Range{.hi = 5, .hi_open = true}.describe()), "< 5");
    EXPECT_EQ((Range{.lo = 0, .hi = 1024}.describe()), "in [0, 1024]");
    EXPECT_EQ((Range{.lo = 0, .hi = 1, .lo_open = true}.describe()), "in (0, 1]");
    EXPECT_EQ((Range{.lo = 0, .hi = 1, .hi_open = true}.describe()), "in [0, 1)");
    EXPECT_EQ((Range{.lo = 0.5, .hi = 2.5, .lo_open = true, .hi_open = true}.describe()), "in (0.5, 2.5)");
}

TEST(Range, ContainsHonoursOpenAndClosedEnds) {
    const Range r{.lo = 0, .hi = 1, .lo_open = true};
    EXPECT_FALSE(r.contains(0));
    EXPECT_TRUE(r.contains(1e-9));
    EXPECT_TRUE(r.contains(1));
    EXPECT_FALSE(r.contains(1.0000001));
    EXPECT_TRUE(Range{}.contains(-1e300));
    EXPECT_FALSE(Range{}.contains(std::nan("")));
}

TEST(CheckValue, Reals) {
    const ParamSpec& rate = every_type_row("t.rate");
    EXPECT_EQ(check_value(rate, -1.f), Reason("must be > 0, got -1"));
    EXPECT_EQ(check_value(rate, 0.f), Reason("must be > 0, got 0"));
    EXPECT_EQ(check_value(rate, 0.25f), std::nullopt);
    EXPECT_EQ(check_value(rate, std::numeric_limits<float>::quiet_NaN()),
              Reason("must be a finite number, got nan"));
    EXPECT_EQ(check_value(rate, INFINITY), Reason("must be a finite number, got inf"));
    EXPECT_EQ(check_value(rate, std::int64_t{1}), Reason("expected a number"));
    const ParamSpec& share = every_type_row("t.share");
    EXPECT_EQ(check_value(share, 1.5f), Reason("must be in (0, 1], got 1.5"));
    EXPECT_EQ(check_value(share, 0.f), Reason("must be in (0, 1], got 0"));
    EXPECT_EQ(check_value(share, 1.f), std::nullopt);
}

TEST(CheckValue, Integers) {
    const ParamSpec& count = every_type_row("t.count");
    EXPECT_EQ(check_value(count, std::int64_t{0}), Reason("must be >= 1, got 0"));
    EXPECT_EQ(check_value(count, std::int64_t{-7}), Reason("must be >= 1, got -7"));
    EXPECT_EQ(check_value(count, std::int64_t{1}), std::nullopt);
    EXPECT_EQ(check_value(count, 2.f), Reason("expected an integer"));
    const ParamSpec& depth = every_type_row("t.depth");
    EXPECT_EQ(check_value(depth, std::int64_t{1025}), Reason("must be in [0, 1024], got 1025"));
    EXPECT_EQ(check_value(depth, std::int64_t{-1}), Reason("must be in [0, 1024], got -1"));
    EXPECT_EQ(check_value(depth, std::int64_t{1024}), std::nullopt);
    const ParamSpec& offset = every_type_row("t.offset"); // unbounded
    EXPECT_EQ(check_value(offset, std::numeric_limits<std::int64_t>::min()), std::nullopt);
    EXPECT_EQ(check_value(offset, std::numeric_limits<std::int64_t>::max()), std::nullopt);
}

TEST(CheckValue, FlagsAndText) {
    EXPECT_EQ(check_value(every_type_row("t.on"), false), std::nullopt);
    EXPECT_EQ(check_value(every_type_row("t.on"), std::string("true")), Reason("expected true or false"));
    EXPECT_EQ(check_value(every_type_row("name"), std::string("anything at all")), std::nullopt);
    EXPECT_EQ(check_value(every_type_row("name"), std::int64_t{5}), Reason("expected a string"));
}

TEST(CheckValue, ChoicesListTheKnownOnesAndSuggestACloseOne) {
    const ParamSpec& mode = every_type_row("t.mode");
    EXPECT_EQ(check_value(mode, std::string("pipelined")), std::nullopt);
    EXPECT_EQ(
        check_value(mode, std::string("pipelind")),
        Reason("unknown value 'pipelind' (known: snapshot, aligned, pipelined); did you mean 'pipelined'?"));
    EXPECT_EQ(check_value(mode, std::string("zzzzzzzzzz")),
              Reason("unknown value 'zzzzzzzzzz' (known: snapshot, aligned, pipelined)"));
    EXPECT_EQ(
        check_value(mode, std::string("Aligned")),
        Reason("unknown value 'Aligned' (known: snapshot, aligned, pipelined); did you mean 'aligned'?"));
    EXPECT_EQ(check_value(mode, true), Reason("expected a string"));
}

TEST(CheckValue, ListElementsAreNamedByPosition) {
    const ParamSpec& sizes = every_type_row("t.sizes");
    EXPECT_EQ(check_value(sizes, std::vector<std::int64_t>{4, 0, 3}),
              Reason("element 2 is 0, must be in [1, 8192]"));
    EXPECT_EQ(check_value(sizes, std::vector<std::int64_t>{4, 9000}),
              Reason("element 2 is 9000, must be in [1, 8192]"));
    EXPECT_EQ(check_value(sizes, std::vector<std::int64_t>{}), std::nullopt);
    EXPECT_EQ(check_value(sizes, std::vector<std::string>{"4"}), Reason("expected an array of integers"));
    const ParamSpec& names = every_type_row("t.names");
    EXPECT_EQ(check_value(names, std::vector<std::string>{"relu", "tahn", "softmax"}),
              Reason("element 2: unknown value 'tahn' (known: identity, relu, tanh, softmax); did you mean "
                     "'tanh'?"));
    EXPECT_EQ(check_value(names, std::vector<std::int64_t>{1}), Reason("expected an array of strings"));
    EXPECT_EQ(check_element(sizes, std::int64_t{0}), Reason("is 0, must be in [1, 8192]"));
    EXPECT_EQ(check_element(names, std::string("tanh")), std::nullopt);
    EXPECT_EQ(check_element(names, 1.f), Reason("is not a list element"));
}

TEST(CheckValue, NotSetIsFineOnlyForOptionalRows) {
    EXPECT_EQ(check_value(every_type_row("t.depth"), std::monostate{}), std::nullopt);
    EXPECT_EQ(check_value(every_type_row("t.init"), std::monostate{}), std::nullopt);
    EXPECT_EQ(check_value(every_type_row("t.acts"), std::monostate{}), std::nullopt);
    EXPECT_EQ(check_value(every_type_row("t.count"), std::monostate{}), Reason("must be set"));
    EXPECT_EQ(check_value(every_type_row("t.mode"), std::monostate{}), Reason("must be set"));
}

TEST(Names, TypesAndApplyModes) {
    EXPECT_EQ(to_string(ParamType::Real), "float");
    EXPECT_EQ(to_string(ParamType::Integer), "int");
    EXPECT_EQ(to_string(ParamType::Flag), "bool");
    EXPECT_EQ(to_string(ParamType::Choice), "choice");
    EXPECT_EQ(to_string(ParamType::IntegerList), "list of ints");
    EXPECT_EQ(to_string(ParamType::ChoiceList), "list of choices");
    EXPECT_EQ(to_string(ParamType::Text), "text");
    EXPECT_EQ(to_string(ParamApply::Live), "live");
    EXPECT_EQ(to_string(ParamApply::Rebuild), "rebuild");
    EXPECT_EQ(to_string(ParamApply::Runner), "phasor run");
    EXPECT_EQ(to_string(ParamApply::Label), "label");
}

TEST(Names, ClosestNameSuggestsOnlyCloseOnes) {
    const std::vector<std::string_view> known{"train.lr", "train.decay", "seed"};
    EXPECT_EQ(closest_name("train.lrr", known), "train.lr");
    EXPECT_EQ(closest_name("seeds", known), "seed");
    EXPECT_EQ(closest_name("trian.decay", known), "train.decay");
    EXPECT_EQ(closest_name("network.layers", known), "");
    EXPECT_EQ(closest_name("x", std::vector<std::string_view>{}), "");
}

TEST(Display, ValuesForPeople) {
    EXPECT_EQ(to_display(std::monostate{}), "auto");
    EXPECT_EQ(to_display(0.05f), "0.05");
    EXPECT_EQ(to_display(1.f), "1");
    EXPECT_EQ(to_display(std::int64_t{-3}), "-3");
    EXPECT_EQ(to_display(true), "true");
    EXPECT_EQ(to_display(std::string("pipelined")), "pipelined"); // unquoted, unlike to_toml
    EXPECT_EQ(to_display(std::vector<std::int64_t>{4, 32, 3}), "[4, 32, 3]");
    EXPECT_EQ(to_display(std::vector<std::string>{"relu", "softmax"}), "[relu, softmax]");
}

} // namespace
} // namespace phasor
