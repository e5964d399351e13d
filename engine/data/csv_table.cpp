// Reading CSV data sets (see csv_table.hpp).
#include "engine/data/csv_table.hpp"

#include "engine/core/error.hpp"
#include "engine/core/rng.hpp"
#include "engine/io/input_file.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <numeric>

namespace phasor {

namespace {

std::vector<std::string_view> split_fields(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= line.size(); ++i)
        if (i == line.size() || line[i] == ',') {
            std::string_view f = line.substr(start, i - start);
            while (!f.empty() && (f.front() == ' ' || f.front() == '\t')) f.remove_prefix(1);
            while (!f.empty() && (f.back() == ' ' || f.back() == '\t' || f.back() == '\r'))
                f.remove_suffix(1);
            if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
            fields.push_back(f);
            start = i + 1;
        }
    return fields;
}

bool parse_number(std::string_view text, double& value) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc{} && end == text.data() + text.size() && std::isfinite(value);
}

} // namespace

DataSplit load_csv_table(const std::filesystem::path& file, const CsvOptions& options) {
    if (!(options.test_fraction > 0 && options.test_fraction < 1))
        throw DataError(
            fmt::format("data.test_fraction must be between 0 and 1, got {}", options.test_fraction));
    std::string text;
    try {
        text = read_text_file(file, "CSV data file", std::size_t{1} << 30);
    } catch (const InputError& e) {
        throw DataError(e.what());
    }
    const std::string name = file.string();

    std::vector<std::vector<std::string_view>> rows;
    std::vector<int> line_of;
    std::size_t pos = 0;
    for (int line = 1; pos < text.size(); ++line) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        const std::string_view l(text.data() + pos, end - pos);
        pos = end + 1;
        if (l.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        rows.push_back(split_fields(l));
        line_of.push_back(line);
    }
    if (rows.empty()) throw DataError(fmt::format("{}: no data (the file is empty)", name));
    const std::size_t width = rows.front().size();
    if (width < 2)
        throw DataError(fmt::format("{}:{}: one column; need features and a label", name, line_of[0]));

    // A header is a first line where a field before the last is not a number (the last may be a class
    // name), or any first line when the label column is given by name.
    std::vector<std::string> header;
    bool has_header = !options.label_column.empty();
    double ignored;
    for (std::size_t c = 0; c + 1 < width; ++c)
        if (!parse_number(rows[0][c], ignored)) has_header = true;
    std::size_t label = width - 1;
    if (has_header) {
        for (auto f : rows[0]) header.emplace_back(f);
        if (!options.label_column.empty()) {
            const auto it = std::find(header.begin(), header.end(), options.label_column);
            if (it == header.end())
                throw DataError(
                    fmt::format("{}:{}: no column named '{}' for the label (the header names: {})", name,
                                line_of[0], options.label_column, fmt::join(header, ", ")));
            label = static_cast<std::size_t>(it - header.begin());
        }
    }
    const auto column_name = [&](std::size_t c) {
        return has_header ? fmt::format("'{}'", header[c]) : fmt::format("{}", c + 1);
    };

    const std::size_t first = has_header ? 1 : 0, n = rows.size() - first;
    if (n < 2) throw DataError(fmt::format("{}: {} data rows; need at least 2", name, n));
    const int features = static_cast<int>(width - 1);
    std::vector<double> values(n * static_cast<std::size_t>(features));
    std::vector<std::string> label_text(n);
    for (std::size_t r = 0; r < n; ++r) {
        const auto& fields = rows[first + r];
        if (fields.size() != width)
            throw DataError(fmt::format("{}:{}: {} fields, the first line has {}", name, line_of[first + r],
                                        fields.size(), width));
        int k = 0;
        for (std::size_t c = 0; c < width; ++c) {
            if (c == label) {
                if (fields[c].empty())
                    throw DataError(fmt::format("{}:{}: column {}: the label is empty", name,
                                                line_of[first + r], column_name(c)));
                label_text[r] = std::string(fields[c]);
                continue;
            }
            if (!parse_number(fields[c],
                              values[r * static_cast<std::size_t>(features) + static_cast<std::size_t>(k++)]))
                throw DataError(fmt::format("{}:{}: column {}: '{}' is not a number", name,
                                            line_of[first + r], column_name(c), fields[c]));
        }
    }

    // Classes in a stable order: numerically when every label is a number, else by name.
    std::vector<std::string> names = label_text;
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    const bool numeric = std::all_of(names.begin(), names.end(), [](const std::string& s) {
        double v;
        return parse_number(s, v);
    });
    if (numeric)
        std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
            double x = 0, y = 0;
            parse_number(a, x);
            parse_number(b, y);
            return x < y;
        });
    if (names.size() < 2)
        throw DataError(fmt::format("{}: the label column {} has one class ('{}'); need at least 2", name,
                                    column_name(label), names.front()));
    std::map<std::string, int> class_of;
    for (std::size_t i = 0; i < names.size(); ++i) class_of[names[i]] = static_cast<int>(i);

    // The test rows: a fixed shuffle, whatever the run's seed, so every run is scored on the same rows.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    Rng rng(0x7e57'5e7ULL);
    for (std::size_t i = n - 1; i > 0; --i)
        std::swap(order[i], order[static_cast<std::size_t>(rng.next_u64() % (i + 1))]);
    const std::size_t test_rows = std::clamp<std::size_t>(
        static_cast<std::size_t>(std::lround(options.test_fraction * static_cast<double>(n))), 1, n - 1);

    // Each feature's range over the training rows; a constant feature scales to 0.
    std::vector<double> lo(static_cast<std::size_t>(features), INFINITY),
        hi(static_cast<std::size_t>(features), -INFINITY);
    for (std::size_t i = test_rows; i < n; ++i)
        for (std::size_t f = 0; f < static_cast<std::size_t>(features); ++f) {
            const double v = values[order[i] * static_cast<std::size_t>(features) + f];
            lo[f] = std::min(lo[f], v);
            hi[f] = std::max(hi[f], v);
        }

    DataSplit split;
    split.source = name;
    split.class_names = names;
    for (Dataset* set : {&split.train, &split.test}) {
        set->features = features;
        set->classes = static_cast<int>(names.size());
    }
    for (std::size_t i = 0; i < n; ++i) {
        Dataset& set = i < test_rows ? split.test : split.train;
        const std::size_t r = order[i];
        for (std::size_t f = 0; f < static_cast<std::size_t>(features); ++f) {
            const double range = hi[f] - lo[f];
            const double v =
                range > 0 ? (values[r * static_cast<std::size_t>(features) + f] - lo[f]) / range : 0.0;
            // Test rows outside the training range are clamped to it: the network never saw beyond.
            set.inputs.push_back(static_cast<float>(std::clamp(v, 0.0, 1.0)));
        }
        set.labels.push_back(class_of[label_text[r]]);
    }
    return split;
}

} // namespace phasor
