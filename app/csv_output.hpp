// The --csv file: the time series of every seed, one column per channel of the family (and the runtime's).
// Written as engine/io/output_file decides: a regular file (through a symlink to its target) under a unique
// temporary renamed over it at the end, so a failed or interrupted run leaves neither a partial file nor the
// temporary; a FIFO or character device directly; "-" (or /dev/stdout) to standard output.
#pragma once
#include "app/seed_runner.hpp"
#include "engine/io/output_file.hpp"
#include "engine/runtime/family.hpp"

#include <filesystem>
#include <memory>
#include <span>
#include <string>

namespace phasor {

class CsvOutput {
  public:
    // Opens the output right away, so that an unwritable path fails before any training is done.
    // Throws std::runtime_error with the reason.
    explicit CsvOutput(const std::filesystem::path& file);

    // True when the CSV goes to standard output, so the report must go elsewhere.
    bool on_stdout() const { return out_->kind() == OutputFile::Kind::Stdout; }

    // Writes the header: seed, tick, then the family's channels and the runtime's.
    void begin(const Family& family);
    // Writes one block of a seed's rows (from any one thread at a time). Throws std::runtime_error.
    void write_rows(std::uint64_t seed, std::span<const SeriesSample> samples);
    // Writes every seed's rows kept in `results` (none when they were streamed), then commits the file.
    // Throws std::runtime_error.
    void commit(const std::vector<SeedResult>& results);

  private:
    std::string file_;
    std::unique_ptr<OutputFile> out_;
    std::size_t columns_ = 0; // values per sample: the family's channels and the runtime's
    std::string block_;       // formatted rows not yet written
};

} // namespace phasor
