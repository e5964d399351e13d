// A user's own tabular data as CSV: one sample per line, numeric feature columns and one label column (class
// names or numbers), an optional header line. Each feature is scaled to [0, 1] by its range over the training
// rows; a fixed share of the rows, chosen by a fixed seed (the same whatever the run's seed), is the test
// set.
#pragma once
#include "engine/data/dataset.hpp"

#include <filesystem>
#include <string>

namespace phasor {

struct CsvOptions {
    std::string label_column; // its header name, or empty for the last column
    double test_fraction = 0.2;
};

// Throws DataError with the file, line and column of the first problem (a value that is not a number, a line
// with another number of fields, a label column not in the header, fewer than two classes, an empty file).
DataSplit load_csv_table(const std::filesystem::path& file, const CsvOptions& options);

} // namespace phasor
