// The component graph exports to a PNG that decodes, at the size asked for, with the picture on it: rendered
// by the app's offscreen renderer on a headless GL context (Mesa's surfaceless EGL), as in tests/ui_export.
#include "mach_fixture.hpp"
#include "ui/export/atomic_file.hpp"
#include "ui/gl/offscreen_plot.hpp"
#include "ui/panels/mach/components_panel.hpp"
#include "ui_export/gl_context.hpp"

#include <gtest/gtest.h>

#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

namespace phasor::ui {
namespace {

TEST(ComponentsPng, ExportsAPngThatDecodes) {
    phasor::testing::HeadlessGl gl;
    ASSERT_TRUE(gl.ready()) << "no headless OpenGL (Mesa's EGL): " << gl.problem();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = {1000, 800};
    io.IniFilename = nullptr;
    ASSERT_TRUE(ImGui_ImplOpenGL3_Init("#version 330 core"));

    Snapshot snapshot;
    snapshot.payload = std::make_unique<MachView>(testing::chain_view(4));
    snapshot.payload_as<MachView>()->nodes[1].state = ComponentState::Kill;
    RunHistory history;
    testing::RecordingSink sink;
    plot::PlotShelf shelf;
    ComponentsPanel panel;
    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    shelf.begin_frame();
    PanelContext context = testing::test_context(snapshot, history, sink, shelf);
    ImGui::SetNextWindowSize({600, 700});
    ImGui::Begin(panel.title());
    panel.draw(context);
    ImGui::End();
    ImGui::Render(); // exports are served after the frame, as in the app
    ASSERT_EQ(shelf.drawn().size(), 1u);
    const plot::PlotShelf::Entry& entry = shelf.drawn()[0];

    const plot::ExportRequest request(plot::ExportRequest::Format::Png, 1, false, plot::ThemeKind::Light,
                                      plot::FigureSize::pixels(900, 700));
    const Image image = render_plot_image(entry.plot, entry.view,
                                          plot::resolve_figure(request, entry.size, 13), nullptr, nullptr);
    const std::vector<std::byte> png = encode_png("mach_components.png", image);
    int width = 0, height = 0, channels = 0;
    unsigned char* pixels =
        stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(png.data()), static_cast<int>(png.size()),
                              &width, &height, &channels, 4);
    ASSERT_NE(pixels, nullptr) << stbi_failure_reason();
    EXPECT_EQ(width, 900);
    EXPECT_EQ(height, 700);
    // On white: dark ink for the boxes and text, and the killed component's red.
    int dark = 0, red = 0;
    for (int i = 0; i < width * height; ++i) {
        const unsigned char* p = pixels + 4 * i;
        if (p[0] < 90 && p[1] < 90 && p[2] < 90) ++dark;
        if (p[0] > 150 && p[1] < 80 && p[2] < 80) ++red;
    }
    stbi_image_free(pixels);
    EXPECT_GT(dark, 500);
    EXPECT_GT(red, 50);

    ImGui_ImplOpenGL3_Shutdown();
    ImGui::DestroyContext();
}

} // namespace
} // namespace phasor::ui
