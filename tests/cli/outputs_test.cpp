// Where `phasor run --csv` writes, run as the real binary: stdout ("-", /dev/stdout), through a symlink, into
// a FIFO, never leaving a temporary behind (not on SIGTERM, not with two runs on one path), and refusing a
// folder.
#include "cli_support.hpp"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using phasor::testing::contains;
using phasor::testing::read_file;
using phasor::testing::Result;
using Cli = phasor::testing::Cli;

constexpr const char* kHeader = "seed,tick,loss,";

// The scratch folder's entries, to check that nothing (no temporary) was left beside the outputs.
std::vector<std::string> names_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

TEST_F(Cli, CsvDashGoesToStdoutAndTheReportToStderr) {
    const Result r = phasor("run --preset xor --ticks 1000 --set train.series_every=100 --csv -");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out.rfind(kHeader, 0), 0u) << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 11) << r.out; // the header and 10 rows
    EXPECT_TRUE(contains(r.err, "seed 1: held-out accuracy"));
    EXPECT_FALSE(fs::exists(dir_ / "-"));

    // --json keeps its one object whole, on stderr.
    const Result j = phasor("run --preset xor --ticks 1000 --set train.series_every=100 --csv - --json");
    ASSERT_EQ(j.status, 0) << j.err;
    EXPECT_EQ(j.out.rfind(kHeader, 0), 0u);
    nlohmann::json report;
    EXPECT_NO_THROW(report = nlohmann::json::parse(j.err)) << j.err;
    EXPECT_TRUE(report.contains("seeds"));
}

TEST_F(Cli, CsvToDevStdoutIsStdoutNotAFileReplacingIt) {
    const Result r = phasor("run --preset xor --ticks 1000 --set train.series_every=100 --csv /dev/stdout");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out.rfind(kHeader, 0), 0u) << r.out;
    EXPECT_TRUE(contains(r.err, "seed 1: held-out accuracy"));
    struct stat st {};
    ASSERT_EQ(::lstat("/dev/stdout", &st), 0);
    EXPECT_TRUE(S_ISLNK(st.st_mode)) << "/dev/stdout must stay a link";
}

// stderr redirected to a file (here err.txt): the CSV is appended through our own descriptor, and the file
// is not replaced behind the shell's back.
TEST_F(Cli, CsvToDevStderrWritesIntoTheRedirectedFile) {
    const Result r = phasor("run --preset xor --ticks 1000 --set train.series_every=100 --csv /dev/stderr");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err.rfind(kHeader, 0), 0u) << r.err;
    EXPECT_TRUE(contains(r.out, "seed 1: held-out accuracy"));
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 11) << r.err;
}

TEST_F(Cli, CsvThroughASymlinkUpdatesTheTargetAndKeepsTheLink) {
    fs::create_directory(dir_ / "data");
    std::ofstream(dir_ / "data" / "series.csv") << "old\n";
    fs::create_symlink("data/series.csv", dir_ / "link.csv");
    fs::create_symlink("data/new.csv", dir_ / "dangling.csv");
    for (const char* name : {"link.csv", "dangling.csv"}) {
        const Result r = phasor(std::string("run --preset xor --ticks 500 --csv ") + name);
        ASSERT_EQ(r.status, 0) << r.err;
        EXPECT_TRUE(fs::is_symlink(dir_ / name)) << name;
    }
    EXPECT_EQ(read_file(dir_ / "data" / "series.csv").rfind(kHeader, 0), 0u);
    EXPECT_EQ(read_file(dir_ / "data" / "new.csv").rfind(kHeader, 0), 0u);
    EXPECT_EQ(names_in(dir_ / "data"), (std::vector<std::string>{"new.csv", "series.csv"}));
}

TEST_F(Cli, CsvIntoAFifoStreamsToItsReader) {
    const fs::path fifo = dir_ / "series.fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    // Both ends held here: the reader sees EOF only when we close our writer, after the run, so a binary that
    // replaced the FIFO by a file fails the test instead of hanging it.
    const int in = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    const int keep = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
    ASSERT_GE(in, 0);
    ASSERT_GE(keep, 0);
    ::fcntl(in, F_SETFL, 0);
    std::string received;
    std::thread reader([&] {
        char buffer[4096];
        for (ssize_t n; (n = ::read(in, buffer, sizeof buffer)) > 0;)
            received.append(buffer, static_cast<std::size_t>(n));
    });
    const Result r = phasor("run --preset xor --ticks 1000 --set train.series_every=100 --csv series.fifo");
    ::close(keep);
    reader.join();
    ::close(in);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(received.rfind(kHeader, 0), 0u) << received;
    EXPECT_EQ(std::count(received.begin(), received.end(), '\n'), 11);
    struct stat st {};
    ASSERT_EQ(::lstat(fifo.c_str(), &st), 0);
    EXPECT_TRUE(S_ISFIFO(st.st_mode)) << "the FIFO must not be replaced by a file";
}

TEST_F(Cli, CsvThatIsAFolderSaysSoBeforeTraining) {
    fs::create_directory(dir_ / "out");
    const Result r = phasor("run --preset xor --ticks 500 --csv out");
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(contains(r.err, "phasor: cannot write CSV 'out': is a directory"));
    EXPECT_TRUE(r.out.empty()) << r.out;
}

TEST_F(Cli, SigtermMidRunOfTheLongestRunLeavesNoTemporaryAndNoCsv) {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        if (::chdir(dir_.c_str()) != 0) ::_exit(127);
        ::unsetenv("PHASOR_PRESET_DIR");
        const int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, STDOUT_FILENO);
        ::dup2(null, STDERR_FILENO);
        // The longest run allowed: one seed streams its series, so this must neither reserve it up front
        // (std::bad_alloc) nor be refused.
        ::execl(PHASOR_BINARY, "phasor", "run", "--preset", "xor", "--ticks", "1000000000000", "--csv",
                "s.csv", static_cast<char*>(nullptr));
        ::_exit(127);
    }
    // Started: its temporary is there (it is opened before training).
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (names_in(dir_).empty() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_FALSE(names_in(dir_).empty()) << "the run never opened its CSV";
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ::kill(pid, SIGTERM);
    int raw = 0;
    ASSERT_EQ(::waitpid(pid, &raw, 0), pid);
    ASSERT_TRUE(WIFEXITED(raw)) << "killed instead of stopping cleanly";
    EXPECT_EQ(WEXITSTATUS(raw), 128 + SIGTERM);
    EXPECT_TRUE(names_in(dir_).empty()) << names_in(dir_).front();
}

TEST_F(Cli, TwoRunsOnOnePathEachLeaveAWholeFile) {
    const std::string run = "env -u PHASOR_PRESET_DIR '" + std::string(PHASOR_BINARY) +
                            "' run --preset xor --ticks 2000 --set train.series_every=100 --csv s.csv";
    const Result r = phasor::testing::run_in(dir_, run + " & " + run + " & wait");
    ASSERT_EQ(r.status, 0) << r.err;
    const std::string csv = read_file(dir_ / "s.csv");
    EXPECT_EQ(csv.rfind(kHeader, 0), 0u);
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 21) << csv;
    EXPECT_EQ(names_in(dir_), (std::vector<std::string>{"err.txt", "out.txt", "s.csv"}));
}

// Numbers out of range are refused, naming the option and its range: never wrapped, never std::bad_alloc.
TEST_F(Cli, NumbersOutOfRangeNameTheOptionAndExitTwo) {
    const struct {
        const char* args;
        const char* says;
    } cases[] = {
        {"run --preset xor --seed -1", "--seed -1: must be a whole number from 0 to 9223372036854775807"},
        {"run --preset xor --seed 9223372036854775808", "--seed 9223372036854775808: must be a whole number"},
        {"run --preset xor --seeds 0..18446744073709551615", "--seeds 0..18446744073709551615: both ends"},
        {"run --preset xor --ticks -1", "--ticks -1: must be a whole number from 1 to 1000000000000"},
        {"run --preset xor --ticks 1000000000001", "--ticks 1000000000001: must be a whole number"},
        {"run --preset xor --ticks 1000000000000 --seeds 1..2 --csv big.csv",
         "--ticks 1000000000000 with --csv: the series"},
        {"run --preset xor --set 'network.layers=[2,100000,2]'", "network.layers"},
        {"run --preset xor --set 'network.layers=[2,8192,8192,8192,2]'", "GiB"},
    };
    for (const auto& c : cases) {
        const Result r = phasor(c.args);
        EXPECT_EQ(r.status, 2) << c.args << "\n" << r.err;
        EXPECT_EQ(r.err.rfind("phasor: ", 0), 0u) << c.args << "\n" << r.err;
        EXPECT_TRUE(contains(r.err.substr(0, r.err.find('\n')), c.says)) << c.args;
        EXPECT_TRUE(r.out.empty()) << c.args << "\n" << r.out;
    }
    EXPECT_FALSE(fs::exists(dir_ / "big.csv"));
}

// A preset path that is not a readable file says what it is instead, and a FIFO never hangs the loader.
TEST_F(Cli, PresetThatIsNoFileSaysWhatItIs) {
    fs::create_directory(dir_ / "folder.toml");
    ASSERT_EQ(::mkfifo((dir_ / "pipe.toml").c_str(), 0600), 0);
    std::ofstream(dir_ / "locked.toml") << "name = \"locked\"\n";
    fs::permissions(dir_ / "locked.toml", fs::perms::none);
    struct Case {
        const char* preset;
        const char* says;
    };
    std::vector<Case> cases{{"folder.toml", "is a directory"},
                            {"./folder.toml", "is a directory"},
                            {"pipe.toml", "is a FIFO, not a preset file"},
                            {"missing.toml", "does not exist"}};
    if (::geteuid() != 0) cases.push_back({"locked.toml", "Permission denied"}); // root reads anything
    for (const Case& c : cases) {
        for (const char* command : {"run --ticks 10 --preset ", "params --preset "}) {
            // `timeout`: a loader that waits on the FIFO fails the test instead of hanging it.
            const Result r =
                phasor::testing::run_in(dir_, "timeout 20 env -u PHASOR_PRESET_DIR '" +
                                                  std::string(PHASOR_BINARY) + "' " + command + c.preset);
            EXPECT_EQ(r.status, 2) << command << c.preset << "\n" << r.err;
            EXPECT_TRUE(contains(r.err, c.says)) << command << c.preset;
            EXPECT_FALSE(contains(r.err, ":0:0")) << r.err;
        }
    }
}

} // namespace
