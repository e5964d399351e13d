// The --csv file: the time series of every seed, one column per channel of the family (and the runtime's),
// written to FILE.tmp and renamed at the end, so a failed run leaves no partial file behind.
#pragma once
#include "app/seed_runner.hpp"
#include "engine/runtime/family.hpp"

#include <filesystem>
#include <fstream>

namespace phasor {

class CsvOutput {
  public:
    // Opens FILE.tmp right away, so that an unwritable path fails before any training is done.
    // Throws std::runtime_error with the reason.
    explicit CsvOutput(std::filesystem::path file);
    // Removes the temporary file unless commit() succeeded.
    ~CsvOutput();
    CsvOutput(const CsvOutput&) = delete;
    CsvOutput& operator=(const CsvOutput&) = delete;

    // Writes the header (seed, tick, then the channels) and every seed's rows, then renames FILE.tmp to
    // FILE. Throws std::runtime_error.
    void commit(const std::vector<SeedResult>& results, const Family& family);

  private:
    std::filesystem::path file_, tmp_;
    std::ofstream out_;
    bool committed_ = false;
};

} // namespace phasor
