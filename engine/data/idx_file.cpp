// Reading IDX files through zlib (see idx_file.hpp).
#include "engine/data/idx_file.hpp"

#include "engine/data/dataset.hpp"
#include "engine/io/input_file.hpp"

#include <fmt/format.h>
#include <zlib.h>

namespace phasor {

namespace {

struct GzFile {
    gzFile handle;
    ~GzFile() {
        if (handle) gzclose(handle);
    }
};

} // namespace

IdxArray read_idx(const std::filesystem::path& file, std::uint64_t max_values) {
    const auto fail = [&](const std::string& why) {
        return DataError(fmt::format("{}: {}", file.string(), why));
    };
    // A FIFO or device would be read without end: only regular files.
    if (const auto problem = not_a_file(file, "data file")) throw fail(*problem);
    GzFile in{gzopen(file.c_str(), "rb")};
    if (!in.handle) throw fail(fmt::format("cannot open: {}", std::generic_category().message(errno)));
    gzbuffer(in.handle, 1 << 17);

    // Reads exactly n bytes, or says why not: a zlib error (a damaged .gz) or the end of the data.
    const auto read = [&](void* into, std::size_t n, const char* what) {
        auto* out = static_cast<unsigned char*>(into);
        std::size_t done = 0;
        while (done < n) {
            const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(n - done, 1u << 30));
            const int got = gzread(in.handle, out + done, chunk);
            if (got < 0) {
                int code = 0;
                const char* message = gzerror(in.handle, &code);
                throw fail(fmt::format("corrupt compressed data while reading {} ({})", what, message));
            }
            if (got == 0) throw fail(fmt::format("truncated: {} ends after {} of {} bytes", what, done, n));
            done += static_cast<std::size_t>(got);
        }
    };

    unsigned char magic[4];
    read(magic, 4, "the header");
    if (magic[0] != 0 || magic[1] != 0)
        throw fail(fmt::format("bad magic {:02x} {:02x} {:02x} {:02x}: not an IDX file (nor a gzipped one)",
                               magic[0], magic[1], magic[2], magic[3]));
    if (magic[2] != 0x08)
        throw fail(fmt::format("element type 0x{:02x}: only unsigned bytes (0x08) are read", magic[2]));
    const int rank = magic[3];
    if (rank < 1 || rank > 4) throw fail(fmt::format("bad magic: {} dimensions", rank));

    IdxArray array;
    std::uint64_t count = 1;
    for (int d = 0; d < rank; ++d) {
        unsigned char b[4];
        read(b, 4, "the dimensions");
        const std::uint32_t n =
            std::uint32_t{b[0]} << 24 | std::uint32_t{b[1]} << 16 | std::uint32_t{b[2]} << 8 | b[3];
        array.dims.push_back(n);
        count *= n;
        if (count > max_values) throw fail(fmt::format("dimensions claim more than {} values", max_values));
    }
    array.values.resize(count);
    read(array.values.data(), array.values.size(), "the values");
    unsigned char extra;
    if (gzread(in.handle, &extra, 1) > 0)
        throw fail(fmt::format("wrong count: more bytes than the {} values its dimensions give", count));
    return array;
}

} // namespace phasor
