// The --csv file, written through OutputFile in blocks (never the whole series as one string), streamed while
// a single seed trains.
#include "app/csv_output.hpp"

#include <fmt/format.h>
#include <stdexcept>

namespace phasor {

namespace {

[[noreturn]] void fail(const std::string& file, const OutputError& e) {
    throw std::runtime_error(fmt::format("cannot write CSV '{}': {}", file, e.reason()));
}

} // namespace

CsvOutput::CsvOutput(const std::filesystem::path& file) : file_(file.string()) {
    try {
        out_ = std::make_unique<OutputFile>(file);
    } catch (const OutputError& e) {
        fail(file_, e);
    }
}

void CsvOutput::begin(const Family& family) {
    columns_ = family.channels.size() + 1;
    block_ = "seed,tick";
    for (const Quantity& q : family.channels) fmt::format_to(std::back_inserter(block_), ",{}", q.name);
    fmt::format_to(std::back_inserter(block_), ",{}\n", kTicksPerSecond.name);
}

void CsvOutput::write_rows(std::uint64_t seed, std::span<const SeriesSample> samples) {
    try {
        for (const SeriesSample& s : samples) {
            // Shortest round-trip formatting ({}) keeps the file exact and compact.
            fmt::format_to(std::back_inserter(block_), "{},{}", seed, s.tick);
            for (std::size_t c = 0; c < columns_; ++c)
                fmt::format_to(std::back_inserter(block_), ",{}", s.values[c]);
            block_ += '\n';
            if (block_.size() >= (1u << 16)) {
                out_->write(block_);
                block_.clear();
            }
        }
        // A streamed block reaches a FIFO's reader now, not at the end of the run.
        out_->write(block_);
        block_.clear();
    } catch (const OutputError& e) {
        fail(file_, e);
    }
}

void CsvOutput::commit(const std::vector<SeedResult>& results) {
    for (const SeedResult& r : results) write_rows(r.seed, r.series);
    try {
        out_->write(block_);
        out_->commit();
    } catch (const OutputError& e) {
        fail(file_, e);
    }
}

} // namespace phasor
