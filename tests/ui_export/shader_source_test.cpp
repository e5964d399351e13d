// Shader loading without a GL context: files are read before any GL call, so a missing or unreadable file is
// a ShaderError naming it (with a context, a GL call without one would crash instead). Compiling needs GL and
// is checked by the app tests under xvfb.
#include "temp_folder.hpp"
#include "ui/gl/shader_program.hpp"

#include <fstream>
#include <gtest/gtest.h>

namespace phasor::ui {
namespace {

using phasor::testing::TempFolder;

std::string message_of(const auto& call) {
    try {
        call();
    } catch (const ShaderError& e) {
        return e.what();
    }
    return "(no ShaderError)";
}

TEST(ShaderSource, MissingFileNamesItAndTheReason) {
    TempFolder folder;
    const auto path = folder.path() / "heatmap.frag";
    EXPECT_EQ(message_of([&] { read_shader(path); }), "cannot read " + path.string() + ": does not exist");
}

TEST(ShaderSource, ProgramWithAMissingStageFailsBeforeAnyGlCall) {
    TempFolder folder;
    std::ofstream(folder.path() / "heatmap.vert") << "#version 330 core\nvoid main() {}\n";
    const std::string message = message_of([&] { ShaderProgram::load(folder.path(), "heatmap"); });
    EXPECT_NE(message.find("cannot read"), std::string::npos) << message;
    EXPECT_NE(message.find("heatmap.frag"), std::string::npos) << message;
}

TEST(ShaderSource, FolderOrEmptyFileIsAnError) {
    TempFolder folder;
    std::filesystem::create_directory(folder.path() / "dir.vert");
    EXPECT_NE(message_of([&] { read_shader(folder.path() / "dir.vert"); }).find("dir.vert: is a directory"),
              std::string::npos);
    std::ofstream(folder.path() / "empty.frag").flush();
    EXPECT_NE(
        message_of([&] { read_shader(folder.path() / "empty.frag"); }).find("empty.frag: the file is empty"),
        std::string::npos);
}

TEST(ShaderSource, ShippedHeatmapShadersAreGlsl330) {
    for (const char* name : {"heatmap.vert", "heatmap.frag"}) {
        const ShaderSource source = read_shader(std::filesystem::path(PHASOR_SHADER_DIR) / name);
        EXPECT_NE(source.text.find("#version 330 core"), std::string::npos) << name;
    }
    const std::string frag = read_shader(std::filesystem::path(PHASOR_SHADER_DIR) / "heatmap.frag").text;
    for (const char* uniform : {"u_values", "u_colormap", "u_lo", "u_hi", "u_classes"})
        EXPECT_NE(frag.find(uniform), std::string::npos) << uniform;
}

} // namespace
} // namespace phasor::ui
