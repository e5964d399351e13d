// The --csv file, written atomically.
#include "app/csv_output.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <stdexcept>

namespace phasor {

namespace fs = std::filesystem;

CsvOutput::CsvOutput(fs::path file) : file_(std::move(file)), tmp_(file_.string() + ".tmp") {
    std::error_code ec;
    if (fs::is_directory(file_, ec))
        throw std::runtime_error(fmt::format("cannot write CSV '{}': it is a directory", file_.string()));
    errno = 0;
    out_.open(tmp_, std::ios::out | std::ios::trunc);
    if (!out_)
        throw std::runtime_error(fmt::format("cannot write CSV '{}': {}", file_.string(),
                                             errno ? std::strerror(errno) : "cannot create the file"));
}

CsvOutput::~CsvOutput() {
    if (committed_) return;
    out_.close();
    std::error_code ec;
    fs::remove(tmp_, ec);
}

void CsvOutput::commit(const std::vector<SeedResult>& results, const Family& family) {
    const std::size_t channels = family.channels.size();
    out_ << "seed,tick";
    for (const Quantity& q : family.channels) out_ << ',' << q.name;
    out_ << ',' << kTicksPerSecond.name << '\n';
    std::string row;
    for (const SeedResult& r : results) {
        for (const SeriesSample& s : r.series) {
            // Shortest round-trip formatting ({}) keeps the file exact and compact.
            row = fmt::format("{},{}", r.seed, s.tick);
            for (std::size_t c = 0; c <= channels; ++c)
                fmt::format_to(std::back_inserter(row), ",{}", s.values[c]);
            out_ << row << '\n';
        }
    }
    out_.close();
    if (!out_) throw std::runtime_error(fmt::format("cannot write CSV '{}': write failed", file_.string()));
    std::error_code ec;
    fs::rename(tmp_, file_, ec);
    if (ec) throw std::runtime_error(fmt::format("cannot write CSV '{}': {}", file_.string(), ec.message()));
    committed_ = true;
}

} // namespace phasor
