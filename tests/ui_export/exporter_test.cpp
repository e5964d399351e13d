// The export service without GL (as in the tests and the CLI): SVG and CSV files with their notices, clear
// failures for PNG and screenshots, and for a folder that cannot be written.
#include "temp_folder.hpp"
#include "ui/export/exporter.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <imgui.h>
#include <sstream>

namespace phasor::ui {
namespace {

using phasor::testing::TempFolder;
using Format = plot::ExportRequest::Format;

// Text measurement in the plot code may need a font, which needs a context inside a frame.
class ExporterTest : public ::testing::Test {
  protected:
    Notices notices_;
    void SetUp() override {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = {800, 600};
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
        ImGui::NewFrame();

        for (int i = 0; i < 5; ++i) loss_.push(i, 1.f / static_cast<float>(i + 1));
        lines_.plot.id = "metrics_loss";
        lines_.plot.title = "Loss";
        lines_.plot.lines.push_back({"loss", plot::series_color(0), &loss_});
        lines_.view.x_hi = 4;
        lines_.size = {320, 200};

        heat_.plot.id = "activations";
        plot::Heatmap map;
        map.rows = 2;
        map.cols = 3;
        map.values = {0.f, 0.5f, 1.f, -1.f, 0.25f, 2.f};
        heat_.plot.heatmaps.push_back(map);
        heat_.size = {200, 200};
    }
    void TearDown() override {
        ImGui::EndFrame();
        ImGui::DestroyContext();
    }

    static plot::PlotShelf::Request request(const plot::PlotShelf::Entry& entry, Format format) {
        return {entry, {format, 1, false}};
    }

    plot::SeriesHistory loss_;
    plot::PlotShelf::Entry lines_, heat_;
};

std::vector<std::string> lines_of(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

TEST_F(ExporterTest, WritesSvgAndCsvWithNotices) {
    TempFolder folder;
    Exporter exporter(folder.path() / "exports", notices_);
    exporter.queue(request(lines_, Format::Svg));
    exporter.queue(request(lines_, Format::Csv));
    exporter.queue(request(heat_, Format::Csv));
    EXPECT_TRUE(exporter.pending());
    exporter.after_render(0, 0);
    EXPECT_FALSE(exporter.pending());

    ASSERT_EQ(exporter.last_written().size(), 3u);
    EXPECT_EQ(exporter.last_failures(), 0);
    const auto& written = exporter.last_written();
    EXPECT_EQ(written[0].extension(), ".svg");
    EXPECT_NE(written[0].filename().string().find("-metrics_loss.svg"), std::string::npos);
    std::ifstream svg(written[0]);
    std::stringstream svg_text;
    svg_text << svg.rdbuf();
    EXPECT_NE(svg_text.str().find("<svg"), std::string::npos);

    const auto loss_csv = lines_of(written[1]);
    ASSERT_EQ(loss_csv.size(), 1u + 5u);
    EXPECT_EQ(loss_csv[0], "series,x,y");
    EXPECT_EQ(loss_csv[1].rfind("loss,", 0), 0u) << loss_csv[1];

    const auto heat_csv = lines_of(written[2]);
    ASSERT_EQ(heat_csv.size(), 1u + 6u);
    EXPECT_EQ(heat_csv[0], "row,col,x,y,value");

    const auto& notices = notices_.live();
    ASSERT_EQ(notices.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_FALSE(notices[i].error);
        EXPECT_EQ(notices[i].text, "Saved " + written[i].filename().string());
    }
}

TEST_F(ExporterTest, PngAndScreenshotWithoutGlFailClearly) {
    TempFolder folder;
    Exporter exporter(folder.path(), notices_);
    exporter.request_screenshot();
    exporter.queue({lines_, {Format::Png, 2, true}});
    exporter.after_render(800, 600);
    EXPECT_TRUE(exporter.last_written().empty());
    EXPECT_EQ(exporter.last_failures(), 2);
    ASSERT_EQ(notices_.live().size(), 2u);
    for (const Notices::Notice& notice : notices_.live()) {
        EXPECT_TRUE(notice.error);
        EXPECT_EQ(notice.text.rfind("Could not save " + (folder.path() / "phasor-").string(), 0), 0u)
            << notice.text;
        EXPECT_NE(notice.text.find("OpenGL"), std::string::npos) << notice.text;
    }
    EXPECT_TRUE(folder.names().empty());
}

TEST_F(ExporterTest, UnwritableFolderReportsErrorsAndWritesNothing) {
    TempFolder folder;
    const auto before = folder.names();
    Exporter exporter(folder.unwritable_folder(), notices_);
    exporter.queue(request(lines_, Format::Svg));
    exporter.queue(request(lines_, Format::Csv));
    exporter.after_render(0, 0);
    EXPECT_TRUE(exporter.last_written().empty());
    EXPECT_EQ(exporter.last_failures(), 2);
    ASSERT_EQ(notices_.live().size(), 2u);
    for (const Notices::Notice& notice : notices_.live()) {
        EXPECT_TRUE(notice.error);
        EXPECT_EQ(notice.text.rfind("Could not save " + (folder.unwritable_folder() / "phasor-").string(), 0),
                  0u)
            << notice.text;
        const bool says_why = notice.text.find("Permission denied") != std::string::npos ||
                              notice.text.find("Not a directory") != std::string::npos;
        EXPECT_TRUE(says_why) << notice.text;
    }
    EXPECT_GE(folder.names().size(), before.size()); // unwritable_folder() made its own entries
    for (const auto& name : folder.names()) EXPECT_EQ(name.find("phasor-"), std::string::npos) << name;
}

TEST_F(ExporterTest, ExportEveryPlotSummarisesAndNamesTheFolder) {
    TempFolder folder;
    Exporter exporter(folder.path() / "unused", notices_);
    const std::vector<plot::PlotShelf::Entry> entries{lines_, heat_};
    exporter.queue_all(entries, folder.path() / "all");
    exporter.after_render(0, 0);
    // Without GL the two PNGs fail; the SVGs and CSVs are written.
    EXPECT_EQ(exporter.last_written().size(), 4u);
    EXPECT_EQ(exporter.last_failures(), 2);
    for (const auto& path : exporter.last_written()) EXPECT_EQ(path.parent_path(), folder.path() / "all");
    const auto& notices = notices_.live();
    ASSERT_EQ(notices.size(), 3u); // two failures, then the summary
    EXPECT_TRUE(notices[0].error);
    EXPECT_TRUE(notices[1].error);
    EXPECT_FALSE(notices[2].error);
    EXPECT_EQ(notices[2].text, "Saved 4 files to " + (folder.path() / "all").string());
    EXPECT_FALSE(std::filesystem::exists(folder.path() / "unused"));
}

// Every plot of a batch would fail for the same reason: one notice, not one per plot.
TEST_F(ExporterTest, ExportEveryPlotIntoAFileSaysSoOnce) {
    TempFolder folder;
    std::ofstream(folder.path() / "taken") << "a file, not a folder";
    Exporter exporter(folder.path(), notices_);
    const std::vector<plot::PlotShelf::Entry> entries{lines_, heat_, lines_};
    exporter.queue_all(entries, folder.path() / "taken");
    exporter.after_render(0, 0);
    EXPECT_TRUE(exporter.last_written().empty());
    EXPECT_EQ(exporter.last_failures(), 9);
    ASSERT_EQ(notices_.live().size(), 1u);
    EXPECT_TRUE(notices_.live()[0].error);
    EXPECT_EQ(notices_.live()[0].text, "Could not save " + (folder.path() / "taken").string() +
                                           ": is a file, not a folder (9 exports not saved)");
}

TEST_F(ExporterTest, ExportEveryPlotHasAFixedSizeAndTheLookAsked) {
    TempFolder folder;
    Exporter exporter(folder.path(), notices_);
    const std::vector<plot::PlotShelf::Entry> entries{lines_};
    exporter.queue_all(entries, folder.path() / "default");
    plot::ExportLook light;
    light.theme = plot::ThemeKind::Light;
    light.size = plot::FigureSize::millimetres(85, 0, 300);
    exporter.queue_all(entries, folder.path() / "paper", light);
    exporter.after_render(0, 0);
    std::string svg[2];
    for (const auto& path : exporter.last_written()) {
        if (path.extension() != ".svg") continue;
        std::ifstream in(path);
        std::stringstream text;
        text << in.rdbuf();
        svg[path.parent_path().filename() == "paper"] = text.str();
    }
    // Not the 320 × 200 the plot had on screen.
    EXPECT_NE(svg[0].find("width=\"1200\" height=\"800\""), std::string::npos) << svg[0].substr(0, 300);
    EXPECT_NE(svg[0].find("fill=\"#141518\"/>"), std::string::npos); // dark
    EXPECT_NE(svg[1].find("width=\"85.01mm\""), std::string::npos) << svg[1].substr(0, 300);
    EXPECT_NE(svg[1].find("fill=\"#ffffff\"/>"), std::string::npos); // light
}

TEST_F(ExporterTest, CsvCarriesTheSmoothingOfTheView) {
    TempFolder folder;
    Exporter exporter(folder.path(), notices_);
    plot::PlotShelf::Entry smoothed = lines_;
    smoothed.view.smoothing = 0.9;
    exporter.queue(request(smoothed, Format::Csv));
    exporter.after_render(0, 0);
    ASSERT_EQ(exporter.last_written().size(), 1u);
    const auto rows = lines_of(exporter.last_written()[0]);
    ASSERT_EQ(rows.size(), 6u);
    EXPECT_EQ(rows[0], "series,x,y,y_smoothed");
    EXPECT_EQ(rows[1], "loss,0,1,1");
}

TEST_F(ExporterTest, NoticesStayBounded) {
    TempFolder folder;
    Exporter exporter(folder.path(), notices_);
    for (int i = 0; i < 100; ++i) exporter.queue({lines_, {Format::Png, 1, false}});
    exporter.after_render(0, 0);
    EXPECT_EQ(exporter.last_failures(), 100);
    EXPECT_LE(notices_.live().size(), 6u); // a few on screen; the rest went to stderr
}

} // namespace
} // namespace phasor::ui
