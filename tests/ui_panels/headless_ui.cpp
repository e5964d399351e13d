// Headless ImGui and run fixtures for the panel tests (headless_ui.hpp).
#include "headless_ui.hpp"

#include <algorithm>

namespace phasor::ui::testing {

HeadlessImGui::HeadlessImGui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(1600.f, 1000.f);
    io.DeltaTime = 1.f / 60.f;
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(1)));
    // Any distinct indices into KeysDown will do; these are the keys text fields listen to.
    for (int key = 0; key < ImGuiKey_COUNT; ++key) io.KeyMap[key] = 256 + key;
    io.MousePos = ImVec2(-1.f, -1.f);
}

HeadlessImGui::~HeadlessImGui() {
    ImGui::DestroyContext();
}

ImGuiID HeadlessImGui::id_of(const char* window, const char* label) {
    const ImGuiWindow* w = ImGui::FindWindowByName(window);
    return w == nullptr ? 0 : ImHashStr(label, 0, w->ID);
}

void draw_panel(Panel& panel, PanelContext& context, std::string* text) {
    ImGui::SetNextWindowPos(ImVec2(0.f, 0.f));
    ImGui::SetNextWindowSize(ImVec2(900.f, 1000.f));
    ImGui::Begin(panel.title());
    if (text != nullptr) ImGui::LogToBuffer();
    panel.draw(context);
    if (text != nullptr) {
        *text = ImGui::GetCurrentContext()->LogBuffer.c_str();
        ImGui::LogFinish();
    }
    ImGui::End();
}

namespace {

RunFixture run(StepNetConfig config, int ticks) {
    RunFixture fixture{std::move(config), {}, {}};
    StepNet net(fixture.config);
    for (int t = 0; t < ticks; ++t) {
        net.tick();
        if (net.series_due()) net.sample(fixture.samples.emplace_back());
    }
    net.fill(fixture.snapshot);
    fixture.snapshot.state = RunState::Running;
    fixture.snapshot.ticks_per_second = 12345.f;
    return fixture;
}

} // namespace

RunFixture network_run(int ticks) {
    StepNetConfig config;
    config.name = "lowhighmix";
    config.series_every = 10;
    return run(config, ticks);
}

RunFixture plane_run(int ticks) {
    StepNetConfig config;
    config.name = "spirals";
    config.task = {.name = "spirals", .hold_ticks = 5, .noise = 0.f, .points = 60};
    config.layers = {2, 16, 2};
    config.activations = {Activation::Tanh, Activation::Softmax};
    config.series_every = 10;
    return run(config, ticks); // the engine fills the decision map for a 2-D task
}

RunFixture empty_run() {
    return {};
}

} // namespace phasor::ui::testing
