// A fresh folder per test under the system's temporary folder, removed with everything in it afterwards; and
// a path that no one can write to, even root.
#pragma once
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <stdexcept>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace phasor::testing {

class TempFolder {
  public:
    TempFolder() {
        std::string pattern = (std::filesystem::temp_directory_path() / "phasor-export-test-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempFolder() {
        std::error_code ignored;
        std::filesystem::permissions(path_, std::filesystem::perms::owner_all, ignored);
        for (const auto& entry : std::filesystem::recursive_directory_iterator(path_, ignored))
            if (entry.is_directory(ignored))
                std::filesystem::permissions(entry.path(), std::filesystem::perms::owner_all, ignored);
        std::filesystem::remove_all(path_, ignored);
    }
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // Every name in the folder tree, relative to it.
    std::set<std::string> names() const {
        std::set<std::string> out;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(path_))
            out.insert(std::filesystem::relative(entry.path(), path_).string());
        return out;
    }

    // A folder in which creating a file fails. A read-only folder stops everyone but root (tests may run as
    // root in containers), so root gets a folder "inside" a regular file, which fails with ENOTDIR for
    // anyone.
    std::filesystem::path unwritable_folder() const {
        if (::geteuid() != 0) {
            const auto dir = path_ / "read-only";
            std::filesystem::create_directory(dir);
            ::chmod(dir.c_str(), 0555);
            return dir;
        }
        const auto file = path_ / "regular-file";
        std::ofstream(file) << "x";
        return file / "sub";
    }

  private:
    std::filesystem::path path_;
};

} // namespace phasor::testing
