// The bad-input catalogue's machinery: one row is a setup, a command line of the real binary, the exit status
// it must end with, the start of the first line it prints on stderr, and the files it may leave. Running a
// row checks all of that, and that nothing else appeared in the scratch folder (no temporary, no partial
// file) and nothing that was there changed kind (a FIFO, a link or a folder is never saved over).
#pragma once
#include "support/process.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <ostream>
#include <sstream>
#include <string>
#include <sys/stat.h>

namespace phasor::testing {

struct BadInput {
    const char* name;    // the test's name
    const char* setup;   // shell commands run first in the scratch folder
    const char* command; // the shell line under test; $PHASOR is the binary, $AS_USER runs what follows as
                         // `nobody` when the tests run as root (whom permissions do not stop)
    int status;          // the exit status it must end with
    const char* first;   // the start of stderr's first line ("" = stderr must be empty)
    const char* also;    // a part the rest of stderr must contain, or ""
    const char* leaves;  // paths it may create, separated by spaces ("name*": any path starting so)
};

inline void PrintTo(const BadInput& row, std::ostream* os) {
    *os << row.command;
}

// Every path under `dir` (relative) with the kind of thing it is, links not followed.
inline std::map<std::string, std::string> entries_of(const std::filesystem::path& dir) {
    std::map<std::string, std::string> out;
    for (auto it = std::filesystem::recursive_directory_iterator(dir); it != decltype(it){}; ++it) {
        struct stat st {};
        ::lstat(it->path().c_str(), &st);
        const char* kind = S_ISLNK(st.st_mode)    ? "link"
                           : S_ISDIR(st.st_mode)  ? "folder"
                           : S_ISFIFO(st.st_mode) ? "fifo"
                           : S_ISREG(st.st_mode)  ? "file"
                                                  : "other";
        out[std::filesystem::relative(it->path(), dir).string()] = kind;
    }
    return out;
}

// Runs `row` in `dir`; `wrap` turns the command into what is actually run (a virtual display for the app).
// `ignored` are paths the harness itself writes.
template <class Wrap>
void check_bad_input(const BadInput& row, const std::filesystem::path& dir, Wrap wrap,
                     const std::string& ignored) {
    ASSERT_EQ(run_in(dir, *row.setup ? row.setup : "true").status, 0) << "setup: " << row.setup;
    auto before = entries_of(dir);
    const Result r = run_in(dir, wrap(std::string("PHASOR='") + PHASOR_BINARY +
                                      "'; AS_USER=; [ \"$(id -u)\" = 0 ] && "
                                      "AS_USER='setpriv --reuid=65534 --regid=65534 --clear-groups'; " +
                                      row.command));

    EXPECT_EQ(r.status, row.status) << r.err;
    const std::string first_line = r.err.substr(0, r.err.find('\n'));
    if (*row.first) {
        std::string first = row.first; // "{dir}" stands for the scratch folder
        if (const auto at = first.find("{dir}"); at != std::string::npos) first.replace(at, 5, dir.string());
        EXPECT_EQ(first_line.rfind(first, 0), 0u) << "first line: " << first_line;
    } else {
        EXPECT_EQ(r.err, "");
    }
    if (*row.also) {
        EXPECT_TRUE(contains(r.err, row.also));
    }

    // The same error printed again and again (an export folder that is a file once did, for each of 54
    // plots) says nothing more.
    std::istringstream lines(r.err);
    std::map<std::string, int> seen;
    for (std::string line; std::getline(lines, line);)
        if (++seen[line] == 2) ADD_FAILURE() << "printed more than once: " << line;

    auto after = entries_of(dir);
    std::istringstream allowed(std::string(row.leaves) + " " + ignored + " out.txt err.txt");
    for (std::string path; allowed >> path;) {
        // Allowed paths may appear, but one that was there must still be the same kind of thing.
        // "name*" allows every path that starts with name.
        const bool prefix = path.back() == '*';
        if (prefix) path.pop_back();
        std::erase_if(after, [&](const auto& e) {
            return (prefix ? e.first.rfind(path, 0) == 0 : e.first == path) && !before.count(e.first);
        });
    }
    for (const auto& [path, kind] : after) {
        const auto was = before.find(path);
        if (was == before.end())
            ADD_FAILURE() << "left behind: " << path << " (" << kind << ")";
        else if (was->second != kind)
            ADD_FAILURE() << path << " was a " << was->second << ", is now a " << kind;
    }
    for (const auto& [path, kind] : before)
        if (!after.count(path)) ADD_FAILURE() << "removed: " << path << " (" << kind << ")";
}

} // namespace phasor::testing
