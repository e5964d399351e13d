// Export bundles without GL: one dated folder with every plot's SVG and CSV and the caller's files, written
// all or nothing; names made safe and kept apart; a failure (a PNG without GL, a folder that cannot be
// written) leaves nothing behind and says why.
#include "temp_folder.hpp"
#include "ui/export/bundle.hpp"
#include "ui/export/exporter.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <imgui.h>
#include <regex>
#include <sstream>

namespace phasor::ui {
namespace {

namespace fs = std::filesystem;
using phasor::testing::TempFolder;

std::string read(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST(BundleWriter, CommitsOneDatedFolderWithEveryFile) {
    TempFolder folder;
    const auto when = std::chrono::system_clock::now();
    fs::path committed;
    {
        BundleWriter writer(folder.path() / "exports", when);
        EXPECT_EQ(writer.add("metrics_loss.svg", std::string_view("<svg/>")), "metrics_loss.svg");
        EXPECT_EQ(writer.add("metrics_loss.svg", std::string_view("<svg/>")), "metrics_loss-2.svg");
        EXPECT_EQ(writer.add("../preset.toml", std::string_view("name = 'x'\n")), "_._preset.toml");
        EXPECT_EQ(writer.add("", std::string_view("?")), "file");
        // Nothing shows under the final name until the commit.
        EXPECT_EQ(folder.names().count("exports/" + bundle_name(when)), 0u);
        committed = writer.commit();
    }
    EXPECT_EQ(committed, folder.path() / "exports" / bundle_name(when));
    EXPECT_TRUE(std::regex_match(bundle_name(when), std::regex("phasor-[0-9]{8}-[0-9]{6}")));
    EXPECT_EQ(read(committed / "_._preset.toml"), "name = 'x'\n");
    std::set<std::string> expected{"exports",
                                   "exports/" + bundle_name(when),
                                   "exports/" + bundle_name(when) + "/metrics_loss.svg",
                                   "exports/" + bundle_name(when) + "/metrics_loss-2.svg",
                                   "exports/" + bundle_name(when) + "/_._preset.toml",
                                   "exports/" + bundle_name(when) + "/file"};
    EXPECT_EQ(folder.names(), expected); // no temporaries left
    // A second bundle in the same second does not replace the first.
    BundleWriter again(folder.path() / "exports", when);
    again.add("a.csv", std::string_view("x\n"));
    EXPECT_EQ(again.commit(), folder.path() / "exports" / (bundle_name(when) + "-2"));
    EXPECT_TRUE(fs::exists(committed / "metrics_loss.svg"));
}

TEST(BundleWriter, WithoutACommitLeavesNothing) {
    TempFolder folder;
    {
        BundleWriter writer(folder.path() / "new" / "exports", std::chrono::system_clock::now());
        writer.add("a.csv", std::string_view("x\n"));
        EXPECT_TRUE(fs::exists(writer.temporary() / "a.csv"));
    }
    EXPECT_TRUE(folder.names().empty()) << "the folders it made for itself go too";
}

TEST(BundleWriter, AnUnwritableFolderFailsClearly) {
    TempFolder folder;
    try {
        BundleWriter writer(folder.unwritable_folder(), std::chrono::system_clock::now());
        FAIL() << "expected an ExportError";
    } catch (const ExportError& e) {
        EXPECT_NE(e.path().string().find("phasor-"), std::string::npos) << e.path();
        EXPECT_FALSE(e.reason().empty());
    }
}

// A file where the bundle's folder (or a folder above it) should be: the reason names it, not "File exists".
TEST(BundleWriter, AFileInTheWaySaysWhichPathIsAFile) {
    TempFolder folder;
    std::ofstream(folder.path() / "taken") << "a file";
    for (const auto& parent : {folder.path() / "taken", folder.path() / "taken" / "below"}) {
        try {
            BundleWriter writer(parent, std::chrono::system_clock::now());
            FAIL() << "expected an ExportError for " << parent;
        } catch (const ExportError& e) {
            EXPECT_EQ(e.reason(), (folder.path() / "taken").string() + " is a file, not a folder");
        }
    }
}

class BundleExport : public ::testing::Test {
  protected:
    Notices notices_;
    plot::SeriesHistory loss_;
    std::vector<plot::PlotShelf::Entry> entries_{2};
    void SetUp() override {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = {800, 600};
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
        ImGui::NewFrame();
        for (int i = 0; i < 5; ++i) loss_.push(i * 100, 1.f / static_cast<float>(i + 1));
        entries_[0].plot.id = "metrics_loss";
        entries_[0].plot.lines.push_back({"loss", 0, &loss_});
        plot::fit(entries_[0].plot, entries_[0].view);
        entries_[0].size = {187, 165};
        entries_[1].plot.id = "metrics_eval_per_class";
        entries_[1].plot.bars.push_back({{"a", "b"}, {0.5, 1.0}, 0});
        plot::fit(entries_[1].plot, entries_[1].view);
    }
    void TearDown() override {
        ImGui::EndFrame();
        ImGui::DestroyContext();
    }
    BundleRequest request(const fs::path& folder, bool png) {
        BundleRequest r;
        r.files = {{"preset.toml", "name = \"xor\"\n"}, {"changes.json", "{\"changes\": []}\n"}};
        r.look.theme = plot::ThemeKind::Light;
        r.png = png;
        r.folder = folder;
        return r;
    }
};

TEST_F(BundleExport, WritesEveryPlotAndTheCallersFilesIntoOneFolder) {
    TempFolder folder;
    Exporter exporter(folder.path() / "unused", notices_);
    exporter.queue_bundle(entries_, request(folder.path(), false));
    EXPECT_TRUE(exporter.pending());
    exporter.after_render(0, 0);
    EXPECT_EQ(exporter.last_failures(), 0);
    const fs::path bundle = exporter.last_bundle();
    ASSERT_FALSE(bundle.empty());
    EXPECT_EQ(bundle.parent_path(), folder.path());
    EXPECT_TRUE(std::regex_match(bundle.filename().string(), std::regex("phasor-[0-9]{8}-[0-9]{6}")));
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(bundle)) names.insert(entry.path().filename().string());
    EXPECT_EQ(names,
              (std::set<std::string>{"metrics_loss.svg", "metrics_loss.csv", "metrics_eval_per_class.svg",
                                     "metrics_eval_per_class.csv", "preset.toml", "changes.json"}));
    EXPECT_EQ(exporter.last_written().size(), 6u);
    EXPECT_EQ(read(bundle / "preset.toml"), "name = \"xor\"\n");
    // In the bundle's look: light, 1200 × 800, whatever the size on screen.
    const std::string svg = read(bundle / "metrics_loss.svg");
    EXPECT_NE(svg.find("width=\"1200\" height=\"800\""), std::string::npos);
    EXPECT_NE(svg.find("fill=\"#ffffff\"/>"), std::string::npos);
    EXPECT_EQ(read(bundle / "metrics_loss.csv").substr(0, 11), "series,x,y\n");
    ASSERT_EQ(notices_.live().size(), 1u);
    EXPECT_FALSE(notices_.live()[0].error);
    EXPECT_EQ(notices_.live()[0].text, "Saved 6 files to " + bundle.string());
    EXPECT_FALSE(fs::exists(folder.path() / "unused"));
}

TEST_F(BundleExport, APngWithoutGlFailsTheWholeBundleAndLeavesNothing) {
    TempFolder folder;
    Exporter exporter(folder.path(), notices_);
    exporter.queue_bundle(entries_, request(folder.path() / "bundles", true));
    exporter.after_render(0, 0);
    EXPECT_EQ(exporter.last_failures(), 1);
    EXPECT_TRUE(exporter.last_written().empty());
    EXPECT_TRUE(exporter.last_bundle().empty());
    EXPECT_TRUE(folder.names().empty()) << "no bundle, no temporary, no folder made for it";
    ASSERT_EQ(notices_.live().size(), 1u);
    const auto& notice = notices_.live()[0];
    EXPECT_TRUE(notice.error);
    EXPECT_NE(notice.text.find("OpenGL"), std::string::npos) << notice.text;
    EXPECT_NE(notice.text.find("metrics_loss.png"), std::string::npos) << notice.text;
    EXPECT_NE(notice.text.find("nothing of the export bundle was saved"), std::string::npos) << notice.text;
}

TEST_F(BundleExport, AnUnwritableFolderFailsAndSaysWhy) {
    TempFolder folder;
    const auto before = folder.names();
    Exporter exporter(folder.path(), notices_);
    exporter.queue_bundle(entries_, request(folder.unwritable_folder(), false));
    exporter.after_render(0, 0);
    EXPECT_EQ(exporter.last_failures(), 1);
    ASSERT_EQ(notices_.live().size(), 1u);
    EXPECT_TRUE(notices_.live()[0].error);
    EXPECT_NE(notices_.live()[0].text.find(folder.unwritable_folder().string()), std::string::npos)
        << notices_.live()[0].text;
    for (const auto& name : folder.names()) EXPECT_EQ(name.find("phasor-"), std::string::npos) << name;
}

} // namespace
} // namespace phasor::ui
