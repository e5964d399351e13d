// Finding presets by name: the search path, the "not found" message, and the list for `phasor presets`.
#include "engine/core/error.hpp"
#include "engine/preset/preset.hpp"
#include "test_support.hpp"

#include <algorithm>
#include <cstdlib>
#include <gtest/gtest.h>

namespace phasor {
namespace {

using test::contains;
namespace fs = std::filesystem;

const fs::path kPresetDir = fs::path(PHASOR_SOURCE_DIR) / "assets" / "presets";

// Each test runs with a known working directory and no $PHASOR_PRESET_DIR, whatever the caller's shell has.
class ResolvePreset : public ::testing::Test {
  protected:
    void SetUp() override {
        saved_cwd_ = fs::current_path();
        fs::current_path(scratch_.path());
        unsetenv("PHASOR_PRESET_DIR");
    }
    void TearDown() override { fs::current_path(saved_cwd_); }

    test::TempDir scratch_;
    fs::path saved_cwd_;
};

TEST_F(ResolvePreset, FindsANameInTheGivenDirectories) {
    const std::vector<fs::path> dirs{kPresetDir};
    EXPECT_EQ(resolve_preset("xor", dirs), kPresetDir / "xor.toml");
}

TEST_F(ResolvePreset, AnExistingFileIsUsedAsItIs) {
    const auto file = scratch_.write("mine.toml", "name = \"mine\"\n");
    EXPECT_EQ(resolve_preset(file.string()), file);
    EXPECT_EQ(resolve_preset("mine.toml"), fs::path("mine.toml"));
}

TEST_F(ResolvePreset, AMissingTomlFileIsNotLookedUpAsAName) {
    try {
        resolve_preset("nothere.toml");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_TRUE(contains(std::string(e.what()), "preset file 'nothere.toml' does not exist"));
    }
}

TEST_F(ResolvePreset, EnvironmentDirectoryComesFirst) {
    test::TempDir env_dir;
    env_dir.write("xor.toml", "name = \"xor\"\n");
    setenv("PHASOR_PRESET_DIR", env_dir.path().c_str(), 1);
    const std::vector<fs::path> dirs{kPresetDir};
    EXPECT_EQ(resolve_preset("xor", dirs), env_dir.path() / "xor.toml");
    unsetenv("PHASOR_PRESET_DIR");
}

TEST_F(ResolvePreset, LocalAssetsDirectoryIsSearched) {
    fs::create_directories("assets/presets");
    scratch_.write("assets/presets/local.toml", "name = \"local\"\n");
    EXPECT_EQ(resolve_preset("local"), fs::path("assets/presets") / "local.toml");
}

TEST_F(ResolvePreset, NotFoundSaysWhereItLookedAndWhatExists) {
    const std::vector<fs::path> dirs{kPresetDir};
    try {
        resolve_preset("nope", dirs);
        FAIL() << "no error";
    } catch (const InputError& e) {
        const std::string m = e.what();
        EXPECT_TRUE(contains(m, "no preset named 'nope'"));
        EXPECT_TRUE(contains(m, "$PHASOR_PRESET_DIR (not set)"));
        EXPECT_TRUE(contains(m, "assets/presets"));
        EXPECT_TRUE(contains(m, "no such directory")); // the scratch working directory has none
        EXPECT_TRUE(contains(m, kPresetDir.string()));
        // Every shipped preset, by name in order.
        std::vector<std::string> names;
        for (const auto& entry : std::filesystem::directory_iterator(kPresetDir))
            if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
        std::sort(names.begin(), names.end());
        std::string listed = "available presets: ";
        for (std::size_t i = 0; i < names.size(); ++i) listed += (i ? ", " : "") + names[i];
        EXPECT_TRUE(contains(m, listed)) << m;
        EXPECT_TRUE(contains(m, "lowhighmix, lowhighmix_noisy, mach_async_kgraph")) << m;
    }
}

TEST_F(ResolvePreset, ListShowsEveryShippedPresetWithItsDescription) {
    const std::vector<fs::path> dirs{kPresetDir};
    const auto presets = list_presets(dirs);
    ASSERT_GE(presets.size(), 5u);
    for (const auto& p : presets) {
        EXPECT_FALSE(p.description.empty()) << p.name;
        EXPECT_EQ(p.file.stem().string(), p.name);
    }
    EXPECT_TRUE(std::is_sorted(presets.begin(), presets.end(),
                               [](const PresetInfo& a, const PresetInfo& b) { return a.name < b.name; }));
}

} // namespace
} // namespace phasor
