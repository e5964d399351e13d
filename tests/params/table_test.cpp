// ParamTable checks itself (unique keys, valid defaults, one level of table) and answers lookups; ParamSet
// holds only checked values, refuses unknown keys with a suggestion, and reads typed values.
#include "engine/runtime/family.hpp"
#include "engine/stepnet/stepnet_family.hpp"
#include "test_family.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <set>

namespace phasor {
namespace {

std::string table_error(std::vector<ParamSpec> rows) {
    try {
        ParamTable table(std::move(rows));
    } catch (const std::logic_error& e) {
        return e.what();
    }
    ADD_FAILURE() << "the table was accepted";
    return {};
}

TEST(ParamTable, RejectsDuplicateKeys) {
    auto rows = testing::every_type_rows();
    rows.push_back(rows[4]);
    EXPECT_EQ(table_error(rows), fmt::format("parameter {} listed twice", rows[4].key));
}

TEST(ParamTable, RejectsARowThatDependsOnAParameterItDoesNotHave) {
    auto rows = testing::every_type_rows();
    rows.push_back({.key = "t.shown_sometimes",
                    .type = ParamType::Real,
                    .default_value = 1.f,
                    .label = "Sometimes",
                    .help = "only with another row's value",
                    .when_key = "t.no_such_row",
                    .when_values = {"x"}});
    EXPECT_EQ(table_error(rows),
              "parameter t.shown_sometimes depends on t.no_such_row, which is not in the table");
    rows.back().when_key = rows.front().key;
    EXPECT_NO_THROW(ParamTable{rows});
}

TEST(ParamTable, RejectsDefaultsThatFailTheirOwnChecks) {
    auto rows = testing::every_type_rows();
    rows.push_back({.key = "t.bad",
                    .type = ParamType::Real,
                    .default_value = 0.f,
                    .label = "Bad",
                    .help = "bad",
                    .range = {.lo = 0, .lo_open = true}});
    EXPECT_EQ(table_error(rows), "default of t.bad: must be > 0, got 0");
    rows.back() = {.key = "t.bad",
                   .type = ParamType::Integer,
                   .default_value = std::monostate{},
                   .label = "Bad",
                   .help = "bad"};
    EXPECT_EQ(table_error(rows), "default of t.bad: must be set");
    rows.back() = {.key = "t.bad",
                   .type = ParamType::Choice,
                   .default_value = std::string("zzzzz"),
                   .label = "Bad",
                   .help = "bad",
                   .choices = {"a", "b"}};
    EXPECT_EQ(table_error(rows), "default of t.bad: unknown value 'zzzzz' (known: a, b)");
    rows.back() = {.key = "t.bad",
                   .type = ParamType::Flag,
                   .default_value = std::int64_t{1},
                   .label = "Bad",
                   .help = "bad"};
    EXPECT_EQ(table_error(rows), "default of t.bad: expected true or false");
}

TEST(ParamTable, AllowsOneLevelOfTableOnly) {
    auto rows = testing::every_type_rows();
    rows.push_back({.key = "a.b.c",
                    .type = ParamType::Flag,
                    .default_value = false,
                    .label = "Deep",
                    .help = "too deep"});
    EXPECT_EQ(table_error(rows), "parameter a.b.c: one level of table only");
}

TEST(ParamTable, Lookups) {
    const ParamTable& table = testing::every_type_family().params;
    EXPECT_EQ(table.size(), testing::every_type_rows().size());
    EXPECT_EQ(table.row(0).key, "name");
    ASSERT_NE(table.find("t.mode"), nullptr);
    EXPECT_EQ(table.find("t.mode")->type, ParamType::Choice);
    EXPECT_EQ(table.find("t.nope"), nullptr);
    EXPECT_EQ(table.index("t.rate"), 5u);
    EXPECT_THROW((void)table.index("t.nope"), std::logic_error);
    ASSERT_EQ(table.sections().size(), 1u);
    EXPECT_EQ(table.sections()[0], "t");
    EXPECT_EQ(table.keys_in(""),
              (std::vector<std::string_view>{"name", "description", "seed", "speed", "ticks"}));
    const auto keys = table.keys_in("t");
    EXPECT_EQ(keys.front(), "rate");
    EXPECT_EQ(keys.size(), table.size() - 5);
    EXPECT_TRUE(table.keys_in("tt").empty());
}

TEST(ParamSet, StartsAtTheDefaults) {
    const ParamSet p(testing::every_type_family());
    ASSERT_EQ(p.values().size(), p.table().size());
    for (std::size_t i = 0; i < p.table().size(); ++i)
        EXPECT_EQ(p.values()[i], p.table().row(i).default_value);
    EXPECT_EQ(&p.family(), &testing::every_type_family());
    EXPECT_FLOAT_EQ(p.real("t.rate"), 0.5f);
    EXPECT_EQ(p.integer("t.count"), 3);
    EXPECT_TRUE(p.flag("t.on"));
    EXPECT_EQ(p.text("t.mode"), "aligned");
    EXPECT_EQ(p.integers("t.sizes"), (std::vector<std::int64_t>{4, 8, 3}));
    EXPECT_EQ(p.texts("t.names"), (std::vector<std::string>{"relu"}));
    EXPECT_FALSE(p.is_set("t.depth"));
    EXPECT_TRUE(p.is_set("t.count"));
}

TEST(ParamSet, SetChecksTheValueAndNamesTheKey) {
    ParamSet p(testing::every_type_family());
    EXPECT_EQ(p.set("t.rate", 0.75f), std::nullopt);
    EXPECT_FLOAT_EQ(p.real("t.rate"), 0.75f);
    EXPECT_EQ(p.set("t.rate", -1.f), std::optional<std::string>("t.rate: must be > 0, got -1"));
    EXPECT_FLOAT_EQ(p.real("t.rate"), 0.75f); // unchanged
    EXPECT_EQ(
        p.set("t.mode", std::string("sideways")),
        std::optional<std::string>("t.mode: unknown value 'sideways' (known: snapshot, aligned, pipelined)"));
    EXPECT_EQ(p.set("t.count", 2.f), std::optional<std::string>("t.count: expected an integer"));
    EXPECT_EQ(p.set("t.depth", std::int64_t{5}), std::nullopt);
    EXPECT_TRUE(p.is_set("t.depth"));
    EXPECT_EQ(p.set("t.depth", std::monostate{}), std::nullopt);
    EXPECT_FALSE(p.is_set("t.depth"));
    EXPECT_EQ(p.set("t.count", std::monostate{}), std::optional<std::string>("t.count: must be set"));
}

TEST(ParamSet, UnknownKeysAreRefusedWithASuggestion) {
    ParamSet p(stepnet_family());
    const ParamSet before = p;
    const auto why = p.set("train.lrr", 0.1f);
    ASSERT_TRUE(why);
    EXPECT_TRUE(why->starts_with("unknown parameter 'train.lrr'")) << *why;
    EXPECT_TRUE(why->ends_with("did you mean 'train.lr'?")) << *why;
    EXPECT_EQ(p, before);
    const auto far = p.set("completely.different", 1.f);
    ASSERT_TRUE(far);
    EXPECT_EQ(far->find("did you mean"), std::string::npos) << *far;
    EXPECT_EQ(unknown_parameter(p.table(), "sed"), "unknown parameter 'sed'; did you mean 'seed'?");
}

TEST(ParamSet, TypedReadsOfTheWrongTypeOrAnUnknownKeyAreBugs) {
    const ParamSet p(testing::every_type_family());
    EXPECT_THROW((void)p.integer("t.rate"), std::logic_error);
    EXPECT_THROW((void)p.text("t.depth"), std::logic_error); // not set: no string to read
    EXPECT_THROW((void)p.real("t.nope"), std::logic_error);
    EXPECT_THROW((void)p.value("t.nope"), std::logic_error);
}

TEST(ParamSet, EqualityComparesFamilyAndValues) {
    ParamSet a(stepnet_family()), b(stepnet_family());
    EXPECT_EQ(a, b);
    ASSERT_FALSE(b.set("train.lr", 0.5f));
    EXPECT_FALSE(a == b);
    ASSERT_FALSE(a.set("train.lr", 0.5f));
    EXPECT_EQ(a, b);
    const ParamSet other(testing::every_type_family());
    EXPECT_FALSE(ParamSet(stepnet_family()) == other);
}

TEST(Families, RegistryAndCommonRows) {
    ASSERT_FALSE(families().empty());
    EXPECT_EQ(&default_family(), &stepnet_family());
    EXPECT_EQ(find_family("stepnet"), &stepnet_family());
    EXPECT_EQ(find_family("nope"), nullptr);
    const std::vector<ParamSpec> common = common_params(42);
    for (const Family* family : families()) {
        SCOPED_TRACE(std::string(family->name));
        ASSERT_GE(family->params.size(), common.size());
        for (std::size_t i = 0; i < common.size(); ++i) {
            EXPECT_EQ(family->params.row(i).key, common[i].key);
            EXPECT_EQ(family->params.row(i).apply, common[i].apply);
        }
        EXPECT_TRUE(family->params.row(0).required); // every preset needs a name
    }
    EXPECT_EQ(common[4].default_value, ParamValue{std::int64_t{42}});
}

// The stepped network's table is self-consistent: groups exist, `when` conditions name rows and their values.
TEST(Families, SteppedNetworkTableIsConsistent) {
    const Family& f = stepnet_family();
    std::set<std::string_view> groups;
    for (const ControlGroup& g : f.groups) groups.insert(g.name);
    for (const ParamSpec& row : f.params.rows()) {
        SCOPED_TRACE(std::string(row.key));
        EXPECT_FALSE(row.label.empty());
        EXPECT_FALSE(row.help.empty());
        if (!row.group.empty()) {
            EXPECT_TRUE(groups.contains(row.group)) << row.group;
        }
        if (row.type == ParamType::Choice || row.type == ParamType::ChoiceList) {
            EXPECT_FALSE(row.choices.empty());
        }
        if (row.when_key.empty()) continue;
        const ParamSpec* when = f.params.find(row.when_key);
        ASSERT_NE(when, nullptr) << row.when_key;
        for (std::string_view v : row.when_values) {
            const ParamValue value =
                when->type == ParamType::Flag ? ParamValue{v == "true"} : ParamValue{std::string(v)};
            EXPECT_FALSE(check_value(*when, value)) << v;
            if (when->type == ParamType::Flag) {
                EXPECT_TRUE(v == "true" || v == "false") << v;
            }
        }
    }
    EXPECT_EQ(f.headline.size(), 4u);
    EXPECT_EQ(f.headline[0].name, "accuracy");
}

} // namespace
} // namespace phasor
