// OutputFile, the one decision every output goes through: regular files replaced whole under a unique
// temporary (through symlinks), FIFOs written directly, folders and sockets refused, nothing left on failure;
// and read_text_file's reasons for a path that is no readable file.
#include "engine/core/error.hpp"
#include "engine/io/input_file.hpp"
#include "engine/io/output_file.hpp"
#include "support/process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

namespace phasor {
namespace {

namespace fs = std::filesystem;
using testing::read_file;

class OutputFileTest : public ::testing::Test {
  protected:
    OutputFileTest() : dir_(testing::scratch_folder("phasor-io-")) {}
    ~OutputFileTest() override {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    std::size_t entries() const {
        return static_cast<std::size_t>(
            std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
    }
    fs::path dir_;
};

TEST_F(OutputFileTest, ReplacesARegularFileWholeAndKeepsItsMode) {
    const fs::path file = dir_ / "a.txt";
    std::ofstream(file) << "old";
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write);
    {
        OutputFile out(file);
        EXPECT_EQ(out.kind(), OutputFile::Kind::Replace);
        out.write("new");
        EXPECT_EQ(read_file(file), "old") << "nothing is visible before commit";
        EXPECT_EQ(out.temporary().parent_path(), dir_);
        out.commit();
    }
    EXPECT_EQ(read_file(file), "new");
    EXPECT_EQ(fs::status(file).permissions(), fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(entries(), 1u);
}

TEST_F(OutputFileTest, UncommittedLeavesNothingBehind) {
    {
        OutputFile out(dir_ / "b.txt");
        out.write("half");
    }
    EXPECT_EQ(entries(), 0u);
}

TEST_F(OutputFileTest, TwoWritersOfOnePathUseTheirOwnTemporaries) {
    OutputFile first(dir_ / "c.txt"), second(dir_ / "c.txt");
    EXPECT_NE(first.temporary(), second.temporary());
    first.write("first");
    second.write("second");
    first.commit();
    second.commit();
    EXPECT_EQ(read_file(dir_ / "c.txt"), "second");
    EXPECT_EQ(entries(), 1u);
}

TEST_F(OutputFileTest, WritesThroughSymlinksAndKeepsThem) {
    fs::create_directory(dir_ / "real");
    fs::create_symlink("real/target.txt", dir_ / "link.txt");
    fs::create_symlink("link.txt", dir_ / "link2.txt"); // a link to a link, dangling at first
    write_output(dir_ / "link2.txt", std::string_view("one"), false);
    EXPECT_TRUE(fs::is_symlink(dir_ / "link.txt"));
    EXPECT_TRUE(fs::is_symlink(dir_ / "link2.txt"));
    EXPECT_EQ(read_file(dir_ / "real" / "target.txt"), "one");
    write_output(dir_ / "link.txt", std::string_view("two"), false);
    EXPECT_EQ(read_file(dir_ / "real" / "target.txt"), "two");
    EXPECT_TRUE(fs::is_symlink(dir_ / "link.txt"));
}

TEST_F(OutputFileTest, FifoIsWrittenDirectly) {
    const fs::path fifo = dir_ / "f";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    std::string got;
    std::thread reader([&] { got = read_file(fifo); });
    write_output(fifo, std::string_view("streamed"), false);
    reader.join();
    EXPECT_EQ(got, "streamed");
    struct stat st {};
    ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
    EXPECT_TRUE(S_ISFIFO(st.st_mode));
}

TEST_F(OutputFileTest, DevNullIsWrittenDirectlyAndStaysADevice) {
    OutputFile out("/dev/null");
    EXPECT_EQ(out.kind(), OutputFile::Kind::Direct);
    out.write("gone");
    out.commit();
    struct stat st {};
    ASSERT_EQ(::lstat("/dev/null", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST_F(OutputFileTest, FoldersAndSocketsAreRefusedWithTheReason) {
    fs::create_directory(dir_ / "d");
    try {
        OutputFile out(dir_ / "d");
        FAIL() << "a folder was accepted";
    } catch (const OutputError& e) {
        EXPECT_EQ(e.reason(), "is a directory");
    }
    const fs::path sock = dir_ / "s";
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock.c_str());
    if (sock.string().size() < sizeof addr.sun_path &&
        ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
        try {
            OutputFile out(sock);
            FAIL() << "a socket was accepted";
        } catch (const OutputError& e) {
            EXPECT_EQ(e.reason(), "is a socket, not a file");
        }
    }
    ::close(fd);
}

TEST_F(OutputFileTest, FolderProblemSaysWhichPartIsAFile) {
    std::ofstream(dir_ / "plain") << "x";
    EXPECT_EQ(folder_problem(dir_ / "plain"), "is a file, not a folder");
    EXPECT_EQ(folder_problem(dir_ / "plain" / "sub"), (dir_ / "plain").string() + " is a file, not a folder");
    EXPECT_EQ(folder_problem(dir_ / "new" / "sub"), std::nullopt);
    EXPECT_EQ(folder_problem(dir_), std::nullopt);
}

TEST_F(OutputFileTest, ReadTextFileSaysWhatIsWrong) {
    fs::create_directory(dir_ / "d");
    ASSERT_EQ(::mkfifo((dir_ / "f").c_str(), 0600), 0);
    const auto message = [](const fs::path& p) {
        try {
            (void)read_text_file(p, "preset file");
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("read");
    };
    EXPECT_EQ(message(dir_ / "d"), (dir_ / "d").string() + ": cannot read preset file: is a directory");
    EXPECT_EQ(message(dir_ / "f"),
              (dir_ / "f").string() + ": cannot read preset file: is a FIFO, not a preset file");
    EXPECT_EQ(message(dir_ / "none"), (dir_ / "none").string() + ": cannot read preset file: no such file");
    std::ofstream(dir_ / "big") << std::string(100, 'x');
    EXPECT_EQ(read_text_file(dir_ / "big", "preset file").size(), 100u);
    try {
        (void)read_text_file(dir_ / "big", "preset file", 10);
        FAIL();
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("100 bytes, more than the 10"), std::string::npos) << e.what();
    }
}

} // namespace
} // namespace phasor
