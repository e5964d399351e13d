// The checked read of the app's own files: a regular file is read; a FIFO, a folder, a device, an over-size
// file and a missing one are refused at once with the reason in words (before: a FIFO hung the start and a
// shader at /dev/zero was read until memory ran out).
#include "ui/gl/shader_program.hpp"
#include "ui/readable_file.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace phasor::ui {
namespace {

namespace fs = std::filesystem;

class OwnFile : public ::testing::Test {
  protected:
    fs::path dir = fs::temp_directory_path() / ("phasor-own-file-" + std::to_string(::getpid()));
    void SetUp() override { fs::create_directories(dir); }
    void TearDown() override { fs::remove_all(dir); }
};

TEST_F(OwnFile, ARegularFileIsReadWhole) {
    std::ofstream(dir / "a.txt") << "hello\n";
    std::string reason = "stale";
    EXPECT_EQ(read_own_file(dir / "a.txt", reason), "hello\n");
    EXPECT_EQ(reason, "");
    EXPECT_EQ(unreadable_reason(dir / "a.txt"), "");
}

TEST_F(OwnFile, EachOddKindSaysWhatItIs) {
    ASSERT_EQ(::mkfifo((dir / "fifo").c_str(), 0600), 0);
    std::string reason;
    EXPECT_FALSE(read_own_file(dir / "fifo", reason));
    EXPECT_EQ(reason, (dir / "fifo").string() + ": is a FIFO");
    EXPECT_FALSE(read_own_file(dir, reason));
    EXPECT_EQ(reason, dir.string() + ": is a directory");
    EXPECT_FALSE(read_own_file("/dev/zero", reason));
    EXPECT_EQ(reason, "/dev/zero: is a device");
    bool missing = false;
    EXPECT_EQ(unreadable_reason(dir / "none", kMaxOwnFileBytes, &missing), "does not exist");
    EXPECT_TRUE(missing);
}

TEST_F(OwnFile, AFileOverTheLimitIsRefused) {
    std::ofstream(dir / "big") << std::string(3u << 20, 'x');
    std::string reason;
    EXPECT_FALSE(read_own_file(dir / "big", reason, 2u << 20));
    EXPECT_EQ(reason, (dir / "big").string() + ": is larger than 2 MB");
}

TEST_F(OwnFile, AnUnreadableFileSaysPermissionDenied) {
    std::ofstream(dir / "secret") << "x";
    fs::permissions(dir / "secret", fs::perms::none);
    if (::geteuid() != 0) {
        EXPECT_EQ(unreadable_reason(dir / "secret"), "permission denied");
        return;
    }
    // Root reads any file: ask as `nobody`, in a child process that has given root up.
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        const bool dropped = ::setgid(65534) == 0 && ::setuid(65534) == 0;
        ::_exit(!dropped ? 2 : unreadable_reason(dir / "secret") == "permission denied" ? 0 : 1);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0)
        << "1: another reason than \"permission denied\"; 2: could not become nobody";
}

TEST_F(OwnFile, AShaderAtAFifoOrDevZeroFailsAtOnce) {
    ASSERT_EQ(::mkfifo((dir / "heatmap.frag").c_str(), 0600), 0);
    EXPECT_THROW(read_shader(dir / "heatmap.frag"), ShaderError);
    try {
        read_shader("/dev/zero");
    } catch (const ShaderError& e) {
        EXPECT_EQ(std::string(e.what()), "cannot read /dev/zero: is a device");
    }
}

} // namespace
} // namespace phasor::ui
