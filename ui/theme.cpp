// Fonts and the dark theme (see theme.hpp).
#include "ui/theme.hpp"

#include <filesystem>
#include <fmt/format.h>

namespace phasor::ui {

namespace {

constexpr const char* kFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

ImFont* add_font(ImFontAtlas& atlas, float pixels, bool have_file) {
    ImFontConfig config;
    config.OversampleH = 2;
    config.OversampleV = 1;
    // Greek letters and a few symbols appear in labels (τ, α, ×, →, ±).
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2190, 0x21FF, 0x2200, 0x22FF, 0};
    if (have_file) return atlas.AddFontFromFileTTF(kFontFile, pixels, &config, ranges);
    config.SizePixels = pixels;
    return atlas.AddFontDefault(&config);
}

} // namespace

Fonts build_fonts(float scale, std::string& problem) {
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    const bool have_file = std::filesystem::exists(kFontFile);
    problem = have_file
                  ? ""
                  : fmt::format("font {} not found (install fonts-dejavu-core); using ImGui's built-in font",
                                kFontFile);
    Fonts fonts;
    fonts.ui = add_font(atlas, kBaseFontPixels * scale, have_file);
    fonts.export_font = add_font(atlas, kExportFontPixels, have_file);
    ImGui::GetIO().FontDefault = fonts.ui;
    atlas.Build();
    return fonts;
}

void apply_theme(float scale) {
    ImGuiStyle style;
    ImGui::StyleColorsDark(&style);
    style.WindowRounding = 4.f;
    style.FrameRounding = 3.f;
    style.GrabRounding = 3.f;
    style.WindowPadding = ImVec2(10, 8);
    style.FramePadding = ImVec2(6, 4);
    style.ItemSpacing = ImVec2(8, 6);
    style.WindowBorderSize = 1.f;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.10f, 0.12f, 1.f);
    c[ImGuiCol_ChildBg] = ImVec4(0.09f, 0.10f, 0.12f, 0.f);
    c[ImGuiCol_TitleBg] = ImVec4(0.12f, 0.14f, 0.17f, 1.f);
    c[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.22f, 0.32f, 1.f);
    c[ImGuiCol_MenuBarBg] = ImVec4(0.12f, 0.14f, 0.17f, 1.f);
    c[ImGuiCol_FrameBg] = ImVec4(0.16f, 0.18f, 0.22f, 1.f);
    c[ImGuiCol_Button] = ImVec4(0.20f, 0.32f, 0.48f, 1.f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.42f, 0.62f, 1.f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.30f, 0.50f, 0.74f, 1.f);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

} // namespace phasor::ui
