// The last preset is remembered by where it came from: a shipped name by name, a file (opened from anywhere
// or saved to the user's preset folder) by its absolute path, so it is reopened from there and a file named
// like a shipped preset never reopens the shipped one.
#include "ui/remembered_preset.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <unistd.h>
#include <vector>

namespace phasor::ui {
namespace {

namespace fs = std::filesystem;

class RememberedPreset : public ::testing::Test {
  protected:
    fs::path dir = fs::temp_directory_path() / ("phasor-remembered-" + std::to_string(::getpid()));
    fs::path user = dir / "presets";
    std::vector<fs::path> dirs{user, fs::path(PHASOR_SOURCE_DIR) / "assets" / "presets"};
    void SetUp() override { fs::create_directories(user); }
    void TearDown() override { fs::remove_all(dir); }
};

TEST_F(RememberedPreset, AShippedPresetByName) {
    Settings s;
    remember_preset(s, "spirals", dirs, user);
    EXPECT_EQ(s.preset, "spirals");
    EXPECT_EQ(s.preset_file, "");
    EXPECT_EQ(preset_to_reopen(s), "spirals");
}

TEST_F(RememberedPreset, AFileNamedLikeAShippedPresetByItsPath) {
    std::ofstream(dir / "lowhighmix.toml") << "name = \"lowhighmix\"\n";
    Settings s;
    s.preset = "stale";
    remember_preset(s, (dir / "lowhighmix.toml").string(), dirs, user);
    EXPECT_EQ(s.preset, "");
    EXPECT_EQ(fs::path(s.preset_file), fs::weakly_canonical(dir / "lowhighmix.toml"));
    EXPECT_EQ(fs::path(preset_to_reopen(s)), fs::weakly_canonical(dir / "lowhighmix.toml"));
}

TEST_F(RememberedPreset, ARelativeFileByItsAbsolutePath) {
    const fs::path here = fs::current_path();
    fs::current_path(dir);
    std::ofstream("mine.toml") << "name = \"mine\"\n";
    Settings s;
    remember_preset(s, "mine.toml", dirs, user);
    fs::current_path(here);
    EXPECT_EQ(fs::path(s.preset_file), fs::weakly_canonical(dir / "mine.toml"));
}

TEST_F(RememberedPreset, AUserFolderEntryByItsPath) {
    std::ofstream(user / "myrun.toml") << "name = \"myrun\"\n";
    Settings s;
    remember_preset(s, "myrun", dirs, user);
    EXPECT_EQ(s.preset, "");
    EXPECT_EQ(fs::path(s.preset_file), fs::weakly_canonical(user / "myrun.toml"));
}

TEST_F(RememberedPreset, TheChangeLogsQuotedLabelIsUnquoted) {
    EXPECT_EQ(unquote_toml("\"spirals\""), "spirals");
    EXPECT_EQ(unquote_toml("\"/a/b \\\"c\\\".toml\""), "/a/b \"c\".toml");
}

} // namespace
} // namespace phasor::ui
