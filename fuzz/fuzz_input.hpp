// The fuzz targets' shared step: the parsers under test read files, so each input is written to a file of its
// own in /dev/shm (memory, not disk) and the path is handed to them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace phasor::fuzz {

inline std::filesystem::path input_file(const std::uint8_t* data, std::size_t size, const char* suffix) {
    static const std::filesystem::path path =
        std::filesystem::path("/dev/shm") / ("phasor-fuzz-" + std::to_string(::getpid()) + suffix);
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path;
}

} // namespace phasor::fuzz
