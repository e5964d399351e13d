// The IDX reader: plain and gzipped files read to the same array, and every way a file can be wrong gives an
// error naming the file and the fault.
#include "engine/data/dataset.hpp"
#include "engine/data/idx_file.hpp"
#include "idx_writer.hpp"
#include "support/process.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>

namespace phasor {
namespace {

namespace fs = std::filesystem;
using testing::contains;
using testing::idx_bytes;
using testing::write_bytes;

class IdxFile : public ::testing::Test {
  protected:
    IdxFile() : dir(testing::scratch_folder("phasor-idx-")) {}
    ~IdxFile() override { fs::remove_all(dir); }

    // The message read_idx throws for `bytes` written to `name`.
    std::string error_for(const std::string& name, const std::string& bytes) {
        write_bytes(dir / name, bytes);
        try {
            read_idx(dir / name);
        } catch (const DataError& e) {
            return e.what();
        }
        ADD_FAILURE() << name << " was read";
        return {};
    }
    fs::path dir;
};

TEST_F(IdxFile, PlainAndGzippedFilesReadTheSameDimsAndValues) {
    const std::vector<std::uint8_t> values{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    for (const char* name : {"a.idx", "a.idx.gz"}) {
        write_bytes(dir / name, idx_bytes({3, 2, 2}, values));
        const IdxArray a = read_idx(dir / name);
        EXPECT_EQ(a.dims, (std::vector<std::uint32_t>{3, 2, 2})) << name;
        EXPECT_EQ(a.values, values) << name;
    }
}

TEST_F(IdxFile, EachFaultIsNamedWithTheFile) {
    const std::string good = idx_bytes({4}, {1, 2, 3, 4});
    EXPECT_TRUE(contains(error_for("magic", "PK\x03\x04 zip"), "magic: bad magic 50 4b 03 04"));
    EXPECT_TRUE(contains(error_for("type", idx_bytes({4}, {1, 2, 3, 4}, 0x0d)), "element type 0x0d"));
    EXPECT_TRUE(contains(error_for("short", good.substr(0, good.size() - 1)),
                         "short: truncated: the values ends after 3 of 4 bytes"));
    EXPECT_TRUE(contains(error_for("short.gz", good.substr(0, 6)), "truncated: the dimensions"));
    EXPECT_TRUE(contains(error_for("long", good + "x"), "wrong count: more bytes than the 4 values"));
    EXPECT_TRUE(contains(error_for("empty", ""), "truncated: the header ends after 0 of 4 bytes"));
    EXPECT_TRUE(contains(error_for("huge", idx_bytes({65536, 65536}, {})), "more than"));
    // A gzip stream damaged in the middle.
    write_bytes(dir / "ok.gz", idx_bytes({2000}, std::vector<std::uint8_t>(2000, 7)));
    std::string gz = testing::read_file(dir / "ok.gz");
    gz[gz.size() / 2] ^= 0x55;
    gz[gz.size() / 2 + 1] ^= 0x55;
    std::ofstream(dir / "damaged.gz", std::ios::binary) << gz;
    try {
        read_idx(dir / "damaged.gz");
        ADD_FAILURE() << "a damaged gzip stream was read";
    } catch (const DataError& e) {
        EXPECT_TRUE(contains(e.what(), "damaged.gz")) << e.what();
    }
}

TEST_F(IdxFile, AFolderAFifoAndAMissingFileAreRefusedWithoutReading) {
    fs::create_directories(dir / "folder");
    ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
    for (const auto& [name, why] : {std::pair<const char*, const char*>{"folder", "is a directory"},
                                    {"fifo", "is a FIFO"},
                                    {"missing", "no such file"}}) {
        try {
            read_idx(dir / name);
            ADD_FAILURE() << name;
        } catch (const DataError& e) {
            EXPECT_TRUE(contains(e.what(), (dir / name).string() + ": " + why)) << e.what();
        }
    }
}

} // namespace
} // namespace phasor
