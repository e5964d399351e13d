// The --csv file, written through OutputFile in blocks (never the whole series as one string).
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

void CsvOutput::commit(const std::vector<SeedResult>& results, const Family& family) {
    try {
        const std::size_t channels = family.channels.size();
        std::string block = "seed,tick";
        for (const Quantity& q : family.channels) fmt::format_to(std::back_inserter(block), ",{}", q.name);
        fmt::format_to(std::back_inserter(block), ",{}\n", kTicksPerSecond.name);
        for (const SeedResult& r : results) {
            for (const SeriesSample& s : r.series) {
                // Shortest round-trip formatting ({}) keeps the file exact and compact.
                fmt::format_to(std::back_inserter(block), "{},{}", r.seed, s.tick);
                for (std::size_t c = 0; c <= channels; ++c)
                    fmt::format_to(std::back_inserter(block), ",{}", s.values[c]);
                block += '\n';
                if (block.size() >= (1u << 16)) {
                    out_->write(block);
                    block.clear();
                }
            }
        }
        out_->write(block);
        out_->commit();
    } catch (const OutputError& e) {
        fail(file_, e);
    }
}

} // namespace phasor
