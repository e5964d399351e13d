// For tests that run the real phasor binary: run a shell command in a scratch folder and collect its exit
// status, stdout and stderr; read a file whole; check that a text contains a part, with the text in the
// message.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace phasor::testing {

struct Result {
    int status = -1;
    std::string out, err;
};

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs `command` with `dir` as the working directory; stdout and stderr go through files in `dir`.
inline Result run_in(const std::filesystem::path& dir, const std::string& command) {
    const std::string line = "cd '" + dir.string() + "' && (" + command + ") >out.txt 2>err.txt";
    const int raw = std::system(line.c_str());
    Result r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read_file(dir / "out.txt");
    r.err = read_file(dir / "err.txt");
    return r;
}

// `command` run on a virtual X display of `screen` ("1600x1000"), started for it and stopped after. Xvfb
// picks a free display itself (-displayfd), and no xvfb-run is involved: its temporary authority folder made
// parallel runs fail now and then while cleaning up.
inline std::string on_virtual_display(const std::string& screen, const std::string& command) {
    return "{ rm -f display.txt; Xvfb -displayfd 3 -screen 0 " + screen +
           "x24 -nolisten tcp 3>display.txt 2>xvfb.log & xvfb=$!; "
           "for i in $(seq 200); do [ -s display.txt ] && break; sleep 0.05; done; "
           "DISPLAY=:$(cat display.txt) " +
           command +
           "; status=$?; kill $xvfb; wait $xvfb 2>/dev/null; "
           "exit $status; }";
}

inline std::filesystem::path scratch_folder(const char* prefix) {
    std::random_device rd;
    auto dir =
        std::filesystem::temp_directory_path() / (prefix + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    return dir;
}

inline ::testing::AssertionResult contains(const std::string& text, std::string_view part) {
    if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "missing \"" << part << "\" in:\n" << text;
}

} // namespace phasor::testing
