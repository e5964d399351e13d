// The app's settings file: every field survives a save and a load, a missing file gives the defaults, and a
// malformed one gives the defaults with a problem naming the file, the line and the key.
#include "ui/settings.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>

namespace phasor::ui {
namespace {

namespace fs = std::filesystem;

class SettingsFile : public ::testing::Test {
  protected:
    fs::path dir = fs::temp_directory_path() / ("phasor-settings-" + std::to_string(::getpid()));
    fs::path file = dir / "settings.toml";
    void SetUp() override { fs::create_directories(dir); }
    void TearDown() override { fs::remove_all(dir); }
    void write(const std::string& text) { std::ofstream(file) << text; }
};

TEST_F(SettingsFile, EveryFieldSurvivesASaveAndALoad) {
    Settings s;
    s.ui_scale = 1.5f;
    s.presenter = true;
    s.preset = "spirals";
    s.export_dir = "/tmp/figures";
    s.window_width = 1280;
    s.window_height = 720;
    s.panels_open = {{"Neurons", false}, {"Metrics", true}};
    s.arrangement = "stepnet/plane";
    s.layout_width = 1280;
    s.layout_height = 662;
    save_settings(file, s);
    std::string problem;
    const Settings back = load_settings(file, problem);
    EXPECT_EQ(problem, "");
    EXPECT_EQ(back.ui_scale, 1.5f);
    EXPECT_TRUE(back.presenter);
    EXPECT_EQ(back.preset, "spirals");
    EXPECT_EQ(back.export_dir, "/tmp/figures");
    EXPECT_EQ(back.window_width, 1280);
    EXPECT_EQ(back.window_height, 720);
    EXPECT_EQ(back.panels_open, s.panels_open);
    EXPECT_EQ(back.arrangement, "stepnet/plane");
    EXPECT_EQ(back.layout_width, 1280);
    EXPECT_EQ(back.layout_height, 662);
    EXPECT_FALSE(fs::exists(file.string() + ".tmp"));
}

TEST_F(SettingsFile, AMissingFileGivesTheDefaults) {
    std::string problem = "stale";
    const Settings s = load_settings(dir / "none.toml", problem);
    EXPECT_EQ(problem, "");
    EXPECT_EQ(s.ui_scale, 1.f);
    EXPECT_EQ(s.arrangement, "");
    EXPECT_EQ(s.layout_width, 0);
}

TEST_F(SettingsFile, AMalformedFileGivesTheDefaultsAndSaysWhereAndWhich) {
    write("ui_scale = 1.5\narrangement = 3\n");
    std::string problem;
    const Settings s = load_settings(file, problem);
    EXPECT_EQ(s.ui_scale, 1.f) << "nothing of a bad file is taken";
    EXPECT_NE(problem.find(file.string() + ":2"), std::string::npos) << problem;
    EXPECT_NE(problem.find("'arrangement'"), std::string::npos) << problem;

    write("ui_scale = 9\n");
    load_settings(file, problem);
    EXPECT_NE(problem.find("ui_scale must be between"), std::string::npos) << problem;

    write("ui_scale = [\n");
    load_settings(file, problem);
    EXPECT_NE(problem.find(file.string() + ":"), std::string::npos) << problem;
}

} // namespace
} // namespace phasor::ui
