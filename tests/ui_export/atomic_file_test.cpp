// Atomic export writes: exact bytes, no temporary left behind, clear errors that leave nothing behind, and
// PNGs that decode to the pixels written.
#include "temp_folder.hpp"
#include "ui/export/atomic_file.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <iterator>

#define STB_IMAGE_STATIC // Debian's libstb, linked in with ImGui, exports the same symbols
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

namespace phasor::ui {
namespace {

using phasor::testing::TempFolder;

std::string read_all(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(AtomicFile, WritesExactBytesAndLeavesNoTemporary) {
    TempFolder folder;
    const std::string bytes("a\0b\nc\xff", 6);
    write_file_atomic(folder.path() / "out.bin", bytes);
    EXPECT_EQ(read_all(folder.path() / "out.bin"), bytes);
    EXPECT_EQ(folder.names(), std::set<std::string>{"out.bin"});
}

TEST(AtomicFile, ReplacesAnExistingFileWhole) {
    TempFolder folder;
    write_file_atomic(folder.path() / "out.txt", std::string(10000, 'x'));
    write_file_atomic(folder.path() / "out.txt", std::string_view("short"));
    EXPECT_EQ(read_all(folder.path() / "out.txt"), "short");
    EXPECT_EQ(folder.names(), std::set<std::string>{"out.txt"});
}

TEST(AtomicFile, CreatesMissingFolders) {
    TempFolder folder;
    write_file_atomic(folder.path() / "a" / "b" / "out.csv", std::string_view("x,y\n"));
    EXPECT_EQ(read_all(folder.path() / "a" / "b" / "out.csv"), "x,y\n");
}

TEST(AtomicFile, UnwritableFolderThrowsWithThePathAndLeavesNothing) {
    TempFolder folder;
    const auto dir = folder.unwritable_folder();
    const auto before = folder.names();
    const auto target = dir / "x.png";
    try {
        write_file_atomic(target, std::string_view("data"));
        FAIL() << "no ExportError";
    } catch (const ExportError& e) {
        EXPECT_NE(std::string(e.what()).find(target.string()), std::string::npos) << e.what();
        EXPECT_FALSE(e.reason().empty());
        EXPECT_EQ(e.path(), target);
    }
    EXPECT_EQ(folder.names(), before);
}

TEST(AtomicFile, PngDecodesToTheSamePixels) {
    TempFolder folder;
    Image image{5, 3, {}};
    for (int i = 0; i < 5 * 3; ++i) {
        image.rgba.push_back(static_cast<std::uint8_t>(i * 17));
        image.rgba.push_back(static_cast<std::uint8_t>(255 - i));
        image.rgba.push_back(static_cast<std::uint8_t>(i % 2 ? 0 : 200));
        image.rgba.push_back(static_cast<std::uint8_t>(i == 7 ? 0 : 255 - i * 3));
    }
    const auto path = folder.path() / "image.png";
    write_png(path, image);
    int width = 0, height = 0, channels = 0;
    stbi_uc* decoded = stbi_load(path.c_str(), &width, &height, &channels, 4);
    ASSERT_NE(decoded, nullptr) << stbi_failure_reason();
    EXPECT_EQ(width, 5);
    EXPECT_EQ(height, 3);
    EXPECT_EQ(std::vector<std::uint8_t>(decoded, decoded + width * height * 4), image.rgba);
    stbi_image_free(decoded);
    EXPECT_EQ(folder.names(), std::set<std::string>{"image.png"});
}

TEST(AtomicFile, MalformedImageIsRefusedWithoutAFile) {
    TempFolder folder;
    EXPECT_THROW(write_png(folder.path() / "empty.png", Image{}), ExportError);
    EXPECT_THROW(write_png(folder.path() / "short.png", Image{2, 2, std::vector<std::uint8_t>(15)}),
                 ExportError);
    EXPECT_TRUE(folder.names().empty());
}

} // namespace
} // namespace phasor::ui
