// A user's CSV: header or none, the label column by name or last, class names or numbers, features scaled by
// the training rows, the same test rows whatever the run; each malformed line names file, line and column.
#include "engine/data/csv_table.hpp"
#include "support/process.hpp"

#include <fmt/format.h>
#include <fstream>
#include <gtest/gtest.h>
#include <set>

namespace phasor {
namespace {

namespace fs = std::filesystem;
using testing::contains;

class CsvTable : public ::testing::Test {
  protected:
    CsvTable() : dir(testing::scratch_folder("phasor-csv-")) {}
    ~CsvTable() override { fs::remove_all(dir); }

    fs::path write(const std::string& text) {
        std::ofstream(dir / "data.csv") << text;
        return dir / "data.csv";
    }
    std::string error_for(const std::string& text, CsvOptions options = {}) {
        try {
            load_csv_table(write(text), options);
        } catch (const DataError& e) {
            return e.what();
        }
        ADD_FAILURE() << "read: " << text;
        return {};
    }
    fs::path dir;
};

TEST_F(CsvTable, AHeaderedFileWithNamedClassesIsScaledAndSplit) {
    std::string text = "width, height, kind\n";
    for (int i = 0; i < 20; ++i) text += fmt::format("{},{},{}\n", i, 100 - i, i % 2 ? "\"b\"" : "a");
    const DataSplit split = load_csv_table(write(text), {.label_column = "kind", .test_fraction = 0.25});
    EXPECT_EQ(split.class_names, (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(split.train.size(), 15u);
    EXPECT_EQ(split.test.size(), 5u);
    EXPECT_EQ(split.train.features, 2);
    for (const Dataset* set : {&split.train, &split.test})
        for (std::size_t i = 0; i < set->size(); ++i) {
            const auto row = set->row(i);
            EXPECT_GE(row[0], 0.f);
            EXPECT_LE(row[0], 1.f);
            // width + height = 100 on every row: scaled, width rises as height falls.
            EXPECT_NEAR(row[0] + row[1], 1.f, 0.2f);
        }
    float lo = 1.f, hi = 0.f;
    for (std::size_t i = 0; i < split.train.size(); ++i) {
        lo = std::min(lo, split.train.row(i)[0]);
        hi = std::max(hi, split.train.row(i)[0]);
    }
    EXPECT_EQ(lo, 0.f);
    EXPECT_EQ(hi, 1.f);
    // The same test rows on every load.
    const DataSplit again = load_csv_table(write(text), {.label_column = "kind", .test_fraction = 0.25});
    EXPECT_EQ(again.test.inputs, split.test.inputs);
}

TEST_F(CsvTable, WithoutAHeaderTheLastColumnIsTheLabelAndNumbersSortAsNumbers) {
    const DataSplit split = load_csv_table(write("0.5,10\n0.1,2\n0.9,10\n0.3,2\n0.7,10\n"), {});
    EXPECT_EQ(split.class_names, (std::vector<std::string>{"2", "10"}));
    EXPECT_EQ(split.train.size() + split.test.size(), 5u);
    EXPECT_EQ(split.test.size(), 1u);
}

TEST_F(CsvTable, EachMalformedInputNamesFileLineAndColumn) {
    const std::string f = (dir / "data.csv").string();
    EXPECT_TRUE(
        contains(error_for("a,b,c\n1,2,x\n3,oops,y\n"), f + ":3: column 'b': 'oops' is not a number"));
    EXPECT_TRUE(contains(error_for("1,2,x\n3,4\n"), f + ":2: 2 fields, the first line has 3"));
    EXPECT_TRUE(contains(error_for("a,b\n1,x\n2,x\n"), "the label column 'b' has one class ('x')"));
    EXPECT_TRUE(contains(error_for("a,b\n1,x\n2,y\n", {.label_column = "kind", .test_fraction = 0.2}),
                         f + ":1: no column named 'kind' for the label (the header names: a, b)"));
    EXPECT_TRUE(contains(error_for(""), f + ": no data"));
    EXPECT_TRUE(contains(error_for("1,2,x\n2,nan,y\n"), f + ":2: column 2: 'nan' is not a number"));
    EXPECT_TRUE(
        contains(error_for("1,x\n2,y\n", {.label_column = "", .test_fraction = 1.5}), "test_fraction"));
    fs::create_directories(dir / "folder.csv");
    try {
        load_csv_table(dir / "folder.csv", {});
        ADD_FAILURE();
    } catch (const DataError& e) {
        EXPECT_TRUE(contains(e.what(), "is a directory")) << e.what();
    }
}

} // namespace
} // namespace phasor
