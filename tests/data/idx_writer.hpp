// Writing small IDX files, plain or gzipped, for the data tests (a handful of 2×2 images and their labels).
#pragma once
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>
#include <zlib.h>

namespace phasor::testing {

inline std::string idx_bytes(const std::vector<std::uint32_t>& dims, const std::vector<std::uint8_t>& values,
                             std::uint8_t type = 0x08) {
    std::string out{'\0', '\0', static_cast<char>(type), static_cast<char>(dims.size())};
    for (std::uint32_t d : dims)
        for (int shift : {24, 16, 8, 0}) out.push_back(static_cast<char>((d >> shift) & 0xff));
    out.append(values.begin(), values.end());
    return out;
}

inline void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
    if (file.extension() == ".gz") {
        gzFile gz = gzopen(file.c_str(), "wb");
        gzwrite(gz, bytes.data(), static_cast<unsigned>(bytes.size()));
        gzclose(gz);
    } else {
        std::ofstream(file, std::ios::binary) << bytes;
    }
}

// A folder of the four files: `train` and `test` images of 2×2 pixels whose pixel values are 0, 85, 170,
// 255 shifted by the index, labels i % 10.
inline void write_image_folder(const std::filesystem::path& dir, std::uint32_t train, std::uint32_t test,
                               const std::string& ending = ".gz") {
    std::filesystem::create_directories(dir);
    for (const auto& [prefix, n] : {std::pair<std::string, std::uint32_t>{"train", train}, {"t10k", test}}) {
        std::vector<std::uint8_t> pixels, labels;
        for (std::uint32_t i = 0; i < n; ++i) {
            for (std::uint8_t p : {0, 85, 170, 255}) pixels.push_back(static_cast<std::uint8_t>(p ^ (i & 1)));
            labels.push_back(static_cast<std::uint8_t>(i % 10));
        }
        write_bytes(dir / (prefix + "-images-idx3-ubyte" + ending), idx_bytes({n, 2, 2}, pixels));
        write_bytes(dir / (prefix + "-labels-idx1-ubyte" + ending), idx_bytes({n}, labels));
    }
}

} // namespace phasor::testing
