// An export bundle: one folder phasor-YYYYMMDD-HHMMSS/ holding every plot of a frame (PNG, SVG and CSV in one
// theme and size) and the files that say how they were made (the preset, the change log), so a figure can
// be traced back to its run. Written all or nothing: the files go into a hidden temporary folder beside it,
// which is renamed into place only when every one of them was written, and removed with everything in it
// otherwise.
#pragma once
#include "ui/export/atomic_file.hpp"

#include <chrono>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace phasor::ui {

// A text file the caller adds to a bundle ("preset.toml", "changes.json").
struct BundleFile {
    std::string name; // a file name: anything outside [A-Za-z0-9._-] becomes '_', and no leading '.'
    std::string text;
};

// The name a bundle's folder gets: phasor-YYYYMMDD-HHMMSS in local time.
std::string bundle_name(std::chrono::system_clock::time_point when);

// `name` made a safe file name inside a bundle (see BundleFile::name); "file" when nothing is left.
std::string bundle_file_name(std::string_view name);

class BundleWriter {
  public:
    // Creates `parent` if needed and a temporary folder in it. Throws ExportError.
    BundleWriter(std::filesystem::path parent, std::chrono::system_clock::time_point when);
    // Removes the temporary folder and everything in it unless commit() succeeded, and `parent` too when
    // this writer created it and it is empty again.
    ~BundleWriter();
    BundleWriter(const BundleWriter&) = delete;
    BundleWriter& operator=(const BundleWriter&) = delete;

    // Writes a file into the bundle under bundle_file_name(name), with -2, -3 ... before the extension when
    // that name is taken; returns the name used. Throws ExportError naming the file as it would be in the
    // final folder.
    std::string add(std::string_view name, std::span<const std::byte> bytes);
    std::string add(std::string_view name, std::string_view text);

    // Renames the temporary folder to <parent>/phasor-YYYYMMDD-HHMMSS (-2, -3 ... when that exists) and
    // returns it; the bundle then stays. Throws ExportError, leaving nothing.
    std::filesystem::path commit();

    const std::filesystem::path& temporary() const { return temporary_; }
    const std::vector<std::string>& names() const { return names_; }

  private:
    std::filesystem::path parent_, temporary_;
    std::string base_; // phasor-YYYYMMDD-HHMMSS
    std::vector<std::string> names_;
    std::vector<std::filesystem::path> created_; // folders made for `parent`, innermost last
    bool committed_ = false;
};

} // namespace phasor::ui
