// The app's settings file: every field survives a save and a load, a missing file gives the defaults, a bad
// value is reported with the file, the line and the key while the rest of the file is used, and a file that
// is not a readable regular file is reported and never written over.
#include "ui/settings.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <sys/stat.h>
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
    s.preset_file = "/home/me/experiment.toml";
    save_settings(file, s);
    const LoadedSettings loaded = load_settings(file);
    const Settings& back = loaded.settings;
    EXPECT_EQ(loaded.problem, "");
    EXPECT_FALSE(loaded.keep_file);
    EXPECT_EQ(back.preset_file, "/home/me/experiment.toml");
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
    for (const auto& entry : fs::directory_iterator(file.parent_path()))
        EXPECT_EQ(entry.path(), file) << "left behind: " << entry.path();
}

TEST_F(SettingsFile, AMissingFileGivesTheDefaults) {
    const LoadedSettings loaded = load_settings(dir / "none.toml");
    const Settings& s = loaded.settings;
    EXPECT_EQ(loaded.problem, "");
    EXPECT_FALSE(loaded.keep_file);
    EXPECT_EQ(s.ui_scale, 1.f);
    EXPECT_EQ(s.arrangement, "");
    EXPECT_EQ(s.layout_width, 0);
}

TEST_F(SettingsFile, OneBadValueCostsOnlyThatKey) {
    // Before: a typo in one key lost every customised value.
    write("ui_scale = 1.5\narrangement = 3\npresenter = true\nexport_dir = \"/tmp/figs\"\n"
          "window_width = \"wide\"\nwindow_height = 700\n");
    const LoadedSettings loaded = load_settings(file);
    const Settings& s = loaded.settings;
    EXPECT_EQ(s.ui_scale, 1.5f) << "the rest of the file is used";
    EXPECT_TRUE(s.presenter);
    EXPECT_EQ(s.export_dir, "/tmp/figs");
    EXPECT_EQ(s.window_height, 700);
    EXPECT_EQ(s.arrangement, "") << "the bad key keeps its default";
    EXPECT_EQ(s.window_width, 1600);
    EXPECT_FALSE(loaded.keep_file);
    EXPECT_NE(loaded.problem.find(file.string() + ":2: 'arrangement'"), std::string::npos) << loaded.problem;
    EXPECT_NE(loaded.problem.find(file.string() + ":5: 'window_width'"), std::string::npos) << loaded.problem;
}

TEST_F(SettingsFile, AnOutOfRangeScaleIsReportedAndTheRestKept) {
    write("ui_scale = 9\npresenter = true\n");
    const LoadedSettings loaded = load_settings(file);
    EXPECT_EQ(loaded.settings.ui_scale, 1.f);
    EXPECT_TRUE(loaded.settings.presenter);
    EXPECT_NE(loaded.problem.find(":1: 'ui_scale' must be between"), std::string::npos) << loaded.problem;
}

TEST_F(SettingsFile, ATomlSyntaxErrorSaysWhereAndGivesTheDefaults) {
    write("ui_scale = [\n");
    const LoadedSettings loaded = load_settings(file);
    EXPECT_NE(loaded.problem.find(file.string() + ":"), std::string::npos) << loaded.problem;
    EXPECT_EQ(loaded.settings.ui_scale, 1.f);
    EXPECT_FALSE(loaded.keep_file) << "the app keeps a copy aside and then saves";
}

TEST_F(SettingsFile, AWrongTypeInPanelsIsReportedNotIgnored) {
    write("[panels]\nNetwork = false\nMetrics = \"yes\"\n");
    const LoadedSettings loaded = load_settings(file);
    EXPECT_EQ(loaded.settings.panels_open.at("Network"), false);
    EXPECT_EQ(loaded.settings.panels_open.count("Metrics"), 0u);
    EXPECT_NE(loaded.problem.find(file.string() + ":3: 'panels.Metrics' must be true or false"),
              std::string::npos)
        << loaded.problem;

    write("panels = 3\n");
    EXPECT_NE(load_settings(file).problem.find("'panels' must be a table"), std::string::npos);
}

TEST_F(SettingsFile, ABadFileIsKeptAsideBeforeItIsSavedOver) {
    write("ui_scale = 1.5\narrangement = 3\n");
    const fs::path copy = keep_bad_settings(file);
    EXPECT_EQ(copy.parent_path(), dir);
    EXPECT_EQ(copy.filename().string().rfind("settings.toml.bad-", 0), 0u) << copy;
    std::ifstream in(copy);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(text, "ui_scale = 1.5\narrangement = 3\n");
    EXPECT_NE(keep_bad_settings(file), copy) << "a second copy never replaces the first";
}

TEST_F(SettingsFile, AFolderOrFifoIsReportedNotReadAndNotSavedOver) {
    fs::create_directory(file);
    LoadedSettings loaded = load_settings(file);
    EXPECT_TRUE(loaded.keep_file);
    EXPECT_NE(loaded.problem.find(file.string() + ": is a directory"), std::string::npos) << loaded.problem;
    fs::remove(file);

    // Before: start-up hung reading it.
    ASSERT_EQ(::mkfifo(file.c_str(), 0600), 0);
    loaded = load_settings(file);
    EXPECT_TRUE(loaded.keep_file);
    EXPECT_NE(loaded.problem.find(file.string() + ": is a FIFO"), std::string::npos) << loaded.problem;
}

TEST_F(SettingsFile, AFailedSaveSaysTheRealReason) {
    // Before: "cannot replace ...: Success". A folder where the file goes cannot be renamed over.
    fs::create_directories(file / "inside");
    try {
        save_settings(file, Settings{});
        FAIL() << "saved over a folder";
    } catch (const std::runtime_error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("cannot save " + file.string() + ": is a directory"), std::string::npos)
            << message;
        EXPECT_EQ(message.find("Success"), std::string::npos) << message;
    }
    for (const auto& entry : fs::directory_iterator(file.parent_path()))
        EXPECT_EQ(entry.path(), file) << "left behind: " << entry.path();
}

} // namespace
} // namespace phasor::ui
