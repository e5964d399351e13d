// The --csv file, written atomically.
#include "app/csv_output.hpp"

#include "engine/telemetry/series.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <stdexcept>

namespace phasor {

namespace fs = std::filesystem;

static_assert(kSeriesColumns.size() == 9, "the row format below writes nine series columns");

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

void CsvOutput::commit(const std::vector<SeedResult>& results) {
    out_ << "seed";
    for (std::string_view column : kSeriesColumns) out_ << ',' << column;
    out_ << '\n';
    for (const SeedResult& r : results) {
        for (const SeriesSample& s : r.series) {
            // Shortest round-trip formatting ({}) keeps the file exact and compact.
            out_ << fmt::format("{},{},{},{},{},{},{},{},{},{}\n", r.seed, s.tick, s.loss, s.rolling_accuracy,
                                s.lr, s.ticks_per_second, s.queue_occupancy, s.attention_min, s.attention_max,
                                s.attention_entropy);
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
