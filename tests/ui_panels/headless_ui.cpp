// Headless ImGui and run fixtures for the panel tests (headless_ui.hpp).
#include "headless_ui.hpp"

#include "engine/runtime/run.hpp"
#include "engine/stepnet/stepnet_family.hpp"

#include <algorithm>

namespace phasor::ui::testing {

HeadlessImGui::HeadlessImGui() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(1600.f, 1000.f);
    io.DeltaTime = 1.f / 60.f;
    // As the app's OpenGL 3 backend does: a window's draw list may pass 65,536 vertices (many heatmaps drawn
    // cell by cell, as they are without GL).
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
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

void draw_panel(Panel& panel, PanelContext& context, std::string* text, float width, float height) {
    ImGui::SetNextWindowPos(ImVec2(0.f, 0.f));
    ImGui::SetNextWindowSize(ImVec2(width, height));
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

// Keeps the samples as the trainer's ring would pass them on, with the measured rate filled in.
struct Collect final : SeriesWriter {
    const Run& run;
    std::vector<SeriesSample>& out;
    Collect(const Run& r, std::vector<SeriesSample>& o) : run(r), out(o) {}
    void write(SeriesSample& sample) override {
        sample.run = run.id();
        sample.values[run.family().channels.size()] = 12345.f;
        out.push_back(sample);
    }
};

} // namespace

ParamSet stepnet_params(const char* name) {
    ParamSet params(stepnet_family());
    params.set("name", std::string(name));
    params.set("train.series_every", std::int64_t{10});
    params.set("network.activations", std::vector<std::string>{"relu", "tanh", "softmax"});
    return params;
}

RunFixture run_of(ParamSet params, int ticks) {
    return paced_run(std::move(params), {{0.0, ticks}});
}

RunFixture paced_run(ParamSet params, std::initializer_list<Paced> phases) {
    RunFixture fixture;
    Run run(std::move(params));
    Collect collect(run, fixture.samples);
    for (const Paced& phase : phases) {
        run.set_pace(phase.pace);
        run.advance(static_cast<std::uint64_t>(phase.ticks), collect);
    }
    run.fill(fixture.snapshot);
    fixture.snapshot.state = RunState::Running;
    fixture.snapshot.ticks_per_second = 12345.f;
    return fixture;
}

RunFixture network_run(int ticks) {
    return run_of(stepnet_params("lowhighmix"), ticks); // lowhighmix on 4-32-16-3
}

RunFixture plane_run(int ticks) {
    ParamSet params = stepnet_params("spirals");
    params.set("task.name", std::string("spirals"));
    params.set("task.hold_ticks", std::int64_t{5});
    params.set("task.points", std::int64_t{60});
    params.set("network.layers", std::vector<std::int64_t>{2, 16, 2});
    params.set("network.activations", std::vector<std::string>{"tanh", "softmax"});
    return run_of(std::move(params), ticks); // the engine fills the decision map for a 2-D task
}

RunFixture empty_run() {
    return {};
}

} // namespace phasor::ui::testing
