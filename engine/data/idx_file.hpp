// The IDX format of MNIST and Fashion-MNIST (a magic number giving the element type and the number of
// dimensions, the dimensions as big-endian 32-bit counts, then the elements), read plain or gzip-compressed
// (zlib reads both). Only unsigned bytes (type 0x08), the type every MNIST-like file uses.
#pragma once
#include <cstdint>
#include <filesystem>
#include <vector>

namespace phasor {

struct IdxArray {
    std::vector<std::uint32_t> dims;
    std::vector<std::uint8_t> values; // the product of dims, in order
};

// Throws DataError naming `file` and what is wrong: not a regular file, not gzip or IDX ("bad magic"), an
// element type other than unsigned bytes, more than `max_values` elements, truncated, or bytes after the end.
IdxArray read_idx(const std::filesystem::path& file, std::uint64_t max_values = std::uint64_t{1} << 30);

} // namespace phasor
