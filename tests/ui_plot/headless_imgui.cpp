// The headless ImGui context of the plot tests (see headless_imgui.hpp).
#include "ui_plot/headless_imgui.hpp"

namespace phasor::testing {

HeadlessImGui::HeadlessImGui(ImVec2 display) : context_(ImGui::CreateContext()) {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = display;
    io.IniFilename = nullptr; // tests must not read or write imgui.ini
    io.LogFilename = nullptr;
    io.DeltaTime = 1.f / 60.f;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
}

HeadlessImGui::~HeadlessImGui() {
    ImGui::DestroyContext(context_);
}

void HeadlessImGui::begin_frame() {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.f / 60.f;
    ImGui::NewFrame();
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("plot test", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
}

void HeadlessImGui::end_frame() {
    ImGui::End();
    ImGui::Render();
    ImGui::GetIO().MouseWheel = 0;
}

void HeadlessImGui::reset(ImDrawList& draw) {
    draw._ResetForNewFrame();
    // Larger than the display, as an offscreen export is: text is clipped on the CPU to the current
    // rectangle.
    draw.PushClipRect({-1e5f, -1e5f}, {1e5f, 1e5f});
    draw.PushTextureID(ImGui::GetIO().Fonts->TexID);
}

} // namespace phasor::testing
