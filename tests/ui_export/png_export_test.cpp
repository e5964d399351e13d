// PNG exports rendered by the app's offscreen renderer on a headless GL context (Mesa, surfaceless EGL) and
// checked as pixels: the size asked for, a light background with dark text in the light theme, nothing but
// the drawing in the transparent one, custom drawings like plots, and the exporter's files and bundles
// decoding to the same. scripts/dev.sh installs Mesa's EGL, so no GL here is a failure that says why.
#include "gl_context.hpp"
#include "temp_folder.hpp"
#include "ui/export/exporter.hpp"
#include "ui/gl/offscreen_plot.hpp"
#include "ui/plot/drawing.hpp"

#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>

#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

namespace phasor::ui {
namespace {

namespace fs = std::filesystem;
using plot::ExportRequest;
using plot::FigureSize;
using plot::ThemeKind;
using Format = ExportRequest::Format;

struct Pixel {
    int r, g, b, a;
    double luminance() const { return 0.2126 * r + 0.7152 * g + 0.0722 * b; }
    // Dark grey to black: the light themes' text, not the coloured lines or the lighter frame and grid.
    bool text_ink() const { return luminance() < 90 && std::max({r, g, b}) - std::min({r, g, b}) < 20; }
};
Pixel at(const Image& image, int x, int y) {
    const auto* p = &image.rgba[(static_cast<std::size_t>(y) * image.width + x) * 4];
    return {p[0], p[1], p[2], p[3]};
}

Image decode(const fs::path& file) {
    Image image;
    int channels = 0;
    unsigned char* data = stbi_load(file.c_str(), &image.width, &image.height, &channels, 4);
    if (data == nullptr) return image;
    image.rgba.assign(data, data + static_cast<std::size_t>(image.width) * image.height * 4);
    stbi_image_free(data);
    return image;
}

// The pixels within `ring` of the image's edge.
template <class Visit> void border(const Image& image, int ring, Visit visit) {
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            if (x < ring || y < ring || x >= image.width - ring || y >= image.height - ring)
                visit(at(image, x, y));
}

class Dial final : public plot::Drawing {
  public:
    void draw(plot::Canvas& canvas, ImVec2 a, ImVec2 b, const plot::DrawStyle& style) const override {
        const plot::Theme& theme = style.colors();
        canvas.disc({(a.x + b.x) / 2, (a.y + b.y) / 2}, (b.y - a.y) / 4, theme.series(0, 0), theme.frame,
                    style.scale);
        canvas.text({(a.x + b.x) / 2, b.y - 2 * style.font_size}, "value 0.70", style.font_size, theme.text,
                    0.5f);
    }
};

class PngExport : public ::testing::Test {
  protected:
    static testing::HeadlessGl* gl_;
    static void SetUpTestSuite() { gl_ = new testing::HeadlessGl; }
    static void TearDownTestSuite() {
        delete gl_;
        gl_ = nullptr;
    }

    void SetUp() override {
        ASSERT_TRUE(gl_->ready()) << "no headless OpenGL (Mesa's EGL, libegl1 and libegl-mesa0): "
                                  << gl_->problem();
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = {800, 600};
        io.IniFilename = nullptr;
        ASSERT_TRUE(ImGui_ImplOpenGL3_Init("#version 330 core"));
        ImGui_ImplOpenGL3_NewFrame(); // uploads the font atlas
        ImGui::NewFrame();
        ImGui::Render(); // exports are served after the frame, as in the app
        started_ = true;

        for (int i = 0; i <= 400; ++i) {
            a_.push(i * 100.0, 2.f / (1.f + static_cast<float>(i) * 0.02f));
            b_.push(i * 100.0, 2.4f / (1.f + static_cast<float>(i) * 0.015f));
        }
        lines_.plot.id = "metrics_loss";
        lines_.plot.title = "Loss";
        lines_.plot.x.label = "tick";
        lines_.plot.y.label = "loss";
        lines_.plot.lines = {{"train", plot::series_color(0), &a_}, {"val", 0, &b_}};
        lines_.plot.markers = &events_;
        plot::fit(lines_.plot, lines_.view);
        lines_.size = {187, 165};
        drawing_.plot.id = "network";
        drawing_.plot.title = "Network";
        drawing_.plot.drawing = &dial_;
        drawing_.size = {300, 200};
    }
    void TearDown() override {
        if (!started_) return;
        ImGui_ImplOpenGL3_Shutdown();
        ImGui::DestroyContext();
    }

    Image render(const plot::PlotShelf::Entry& entry, ThemeKind theme, FigureSize size) {
        ExportRequest request(Format::Png, 1, false, theme, size);
        Image image = render_plot_image(entry.plot, entry.view, plot::resolve_figure(request, entry.size, 13),
                                        nullptr, nullptr);
        return image;
    }

    bool started_ = false;
    plot::SeriesHistory a_, b_;
    std::vector<plot::Marker> events_{{20000, "train.lr = 0.05", 0}};
    plot::PlotShelf::Entry lines_, drawing_;
    Dial dial_;
    Notices notices_;
};
testing::HeadlessGl* PngExport::gl_ = nullptr;

TEST_F(PngExport, IsTheSizeAskedForNotTheSizeOnScreen) {
    Image px = render(lines_, ThemeKind::Dark, FigureSize::pixels(1200, 800));
    EXPECT_EQ(px.width, 1200);
    EXPECT_EQ(px.height, 800);
    Image paper = render(lines_, ThemeKind::Light, FigureSize::millimetres(85, 0, 300));
    EXPECT_EQ(paper.width, 1004);
    EXPECT_EQ(paper.height, 669);
    Image on_screen = render_plot_image(lines_.plot, lines_.view, lines_.size, 2, false, nullptr, nullptr);
    EXPECT_EQ(on_screen.width, 374);
    EXPECT_EQ(on_screen.height, 330);
}

TEST_F(PngExport, LightHasALightBackgroundAndDarkText) {
    Image light = render(lines_, ThemeKind::Light, FigureSize::pixels(1200, 800));
    double sum = 0;
    long n = 0, transparent = 0;
    border(light, 40, [&](Pixel p) {
        sum += p.luminance();
        ++n;
        transparent += p.a != 255;
    });
    EXPECT_GT(sum / static_cast<double>(n), 235) << "the border should be white but for a few labels";
    EXPECT_EQ(transparent, 0);
    long dark_text = 0;
    for (int y = 0; y < light.height; ++y)
        for (int x = 0; x < light.width; ++x) dark_text += at(light, x, y).text_ink();
    EXPECT_GT(dark_text, 1000) << "title, labels and ticks in near-black";

    Image dark = render(lines_, ThemeKind::Dark, FigureSize::pixels(1200, 800));
    sum = 0, n = 0;
    border(dark, 40, [&](Pixel p) { sum += p.luminance(), ++n; });
    EXPECT_LT(sum / static_cast<double>(n), 40);
}

TEST_F(PngExport, TransparentIsClearOutsideTheDrawing) {
    Image image = render(lines_, ThemeKind::LightTransparent, FigureSize::pixels(1200, 800));
    // Where the data area is, as the same layout puts it.
    ImDrawList scratch(ImGui::GetDrawListSharedData());
    scratch._ResetForNewFrame();
    scratch.PushClipRect({0, 0}, {1200, 800});
    scratch.PushTextureID(ImGui::GetIO().Fonts->TexID);
    plot::RenderStyle style;
    style.scale = 1.6f, style.font_size = 24, style.theme = &plot::theme_of(ThemeKind::LightTransparent);
    plot::PlotLayout layout = plot::render(lines_.plot, lines_.view, scratch, {0, 0}, {1200, 800}, style);
    long outside = 0, clear = 0, opaque_dark = 0, inside_drawn = 0;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            Pixel p = at(image, x, y);
            const bool in_data = x > layout.data_min.x + 2 && x < layout.data_max.x - 2 &&
                                 y > layout.data_min.y + 2 && y < layout.data_max.y - 2;
            if (in_data) {
                inside_drawn += p.a > 0;
            } else {
                ++outside;
                clear += p.a == 0;
                opaque_dark += p.a > 200 && p.text_ink();
            }
        }
    EXPECT_GT(static_cast<double>(clear) / static_cast<double>(outside), 0.85)
        << "outside the data only text and ticks are drawn";
    EXPECT_GT(opaque_dark, 300) << "dark, opaque text for a light slide";
    EXPECT_GT(inside_drawn, 1000) << "the lines and the grid";
    border(image, 8, [&](Pixel p) { EXPECT_EQ(p.a, 0); });
}

TEST_F(PngExport, CustomDrawingsRenderLikePlots) {
    Image image = render(drawing_, ThemeKind::Light, FigureSize::pixels(900, 600));
    EXPECT_EQ(image.width, 900);
    const plot::Rgba disc = plot::theme_of(ThemeKind::Light).series(0, 0);
    Pixel centre = at(image, 450, 300 + 12);
    EXPECT_EQ(centre.r, static_cast<int>(disc & 0xFF));
    EXPECT_EQ(centre.g, static_cast<int>(disc >> 8 & 0xFF));
    EXPECT_EQ(centre.b, static_cast<int>(disc >> 16 & 0xFF));
    Pixel corner = at(image, 5, 5);
    EXPECT_EQ(corner.r + corner.g + corner.b, 3 * 255);
}

TEST_F(PngExport, ExportEveryPlotWritesTheDefaultSize) {
    testing::TempFolder folder;
    Exporter exporter(folder.path(), notices_);
    exporter.enable_gl(nullptr, nullptr);
    exporter.queue_all(std::vector<plot::PlotShelf::Entry>{lines_, drawing_}, folder.path() / "all");
    exporter.after_render(800, 600);
    EXPECT_EQ(exporter.last_failures(), 0);
    int pngs = 0;
    for (const fs::path& file : exporter.last_written()) {
        if (file.extension() != ".png") continue;
        ++pngs;
        Image image = decode(file);
        EXPECT_EQ(image.width, 1200) << file;
        EXPECT_EQ(image.height, 800) << file;
    }
    EXPECT_EQ(pngs, 2);
}

TEST_F(PngExport, BundlesHoldEveryPngSvgAndCsvInTheirLook) {
    testing::TempFolder folder;
    Exporter exporter(folder.path(), notices_);
    exporter.enable_gl(nullptr, nullptr);
    BundleRequest request;
    request.files = {{"preset.toml", "name = \"xor\"\n"}, {"changes.json", "[]\n"}};
    request.look.theme = ThemeKind::Light;
    request.look.size = FigureSize::millimetres(85, 0, 300);
    exporter.queue_bundle(std::vector<plot::PlotShelf::Entry>{lines_, drawing_}, request);
    exporter.after_render(800, 600);
    ASSERT_EQ(exporter.last_failures(), 0);
    const fs::path bundle = exporter.last_bundle();
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(bundle)) names.insert(entry.path().filename().string());
    EXPECT_EQ(names, (std::set<std::string>{"metrics_loss.png", "metrics_loss.svg", "metrics_loss.csv",
                                            "network.png", "network.svg", "network.csv", "preset.toml",
                                            "changes.json"}));
    Image png = decode(bundle / "metrics_loss.png");
    EXPECT_EQ(png.width, 1004);
    EXPECT_EQ(png.height, 669);
    EXPECT_GT(at(png, 2, 2).luminance(), 250);
}

} // namespace
} // namespace phasor::ui
