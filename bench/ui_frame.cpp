// The UI's cost, measured without a window: every panel drawn by the real Shell from a real Trainer running
// at full speed, the UI thread's CPU time per frame (p50/p99), the engine's ticks/s with and without the UI
// attached, and drawing a million-point history. Figures go to docs/BENCHMARKS.md. (GL rendering of the
// draw lists is the GPU's, or Mesa's threads', work, and is not on the UI thread's clock here.)
#include "engine/preset/preset.hpp"
#include "engine/trainer/trainer.hpp"
#include "ui/frame_timing.hpp"
#include "ui/plot/render.hpp"
#include "ui/run_history.hpp"
#include "ui/settings.hpp"
#include "ui/shell.hpp"
#include "ui/theme.hpp"

#include <algorithm>
#include <benchmark/benchmark.h>
#include <chrono>
#include <cmath>
#include <ctime>
#include <fmt/format.h>
#include <thread>

namespace phasor {
namespace {

using Clock = std::chrono::steady_clock;

class DropCommands : public ui::CommandSink {
  public:
    void post(Command) override {}
};

// A headless ImGui with the app's fonts and theme, 1600×1000 like the app's default window.
struct HeadlessImGui {
    HeadlessImGui() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1600, 1000);
        // As the app's OpenGL 3 backend does: heatmaps drawn cell by cell (no GL here) pass 65,536 vertices.
        io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
        std::string problem;
        ui::build_fonts(1.f, problem);
        ui::apply_theme(1.f);
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(1));
    }
    ~HeadlessImGui() { ImGui::DestroyContext(); }
};

// At full speed whatever pace the preset opens the app at: the engine's cost is what is measured.
ParamSet preset(const char* name) {
    const std::string full_speed[] = {"speed=0"};
    return load_preset(std::string(PHASOR_SOURCE_DIR) + "/assets/presets/" + name + ".toml", full_speed);
}

// Runs the engine for `seconds` with (or without) the UI drawing every panel at 60 frames/s on this thread.
// Returns the engine's ticks/s; fills the per-frame UI CPU times.
double run(const ParamSet& params, bool with_ui, double seconds, std::vector<double>& frame_ms) {
    HeadlessImGui imgui;
    ui::Settings settings;
    ui::Shell shell(settings, {});
    ui::RunHistory history;
    DropCommands sink;
    std::vector<SeriesSample> drained;
    Trainer trainer(params);
    trainer.start();
    const ui::RunOrigin origin{"bench", {}};
    const auto start = Clock::now();
    const auto frame_period = std::chrono::microseconds(16'667);
    for (auto next = start; Clock::now() - start < std::chrono::duration<double>(seconds);
         next += frame_period) {
        if (with_ui) {
            const double cpu = ui::thread_cpu_ms();
            ImGui::GetIO().DeltaTime = 1.f / 60.f;
            trainer.refresh_snapshot();
            history.observe(trainer.snapshot());
            drained.clear();
            trainer.drain_series(drained);
            history.append(drained);
            ImGui::NewFrame();
            shell.frame({trainer.snapshot(), history, sink, 0.f, 0.f, origin});
            ImGui::Render();
            frame_ms.push_back(ui::thread_cpu_ms() - cpu);
        }
        std::this_thread::sleep_until(next + frame_period);
    }
    const std::uint64_t ticks = trainer.tick();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    trainer.stop();
    return static_cast<double>(ticks) / elapsed;
}

// Arg 0: no UI, or every panel drawn at 60 frames/s. Arg 1: the lowhighmix preset (the document's 4→32→16→3
// network), or spirals, a 2-D task, so that the decision-map panel has something to draw.
void BM_EngineWithUi(benchmark::State& state) {
    const bool with_ui = state.range(0) != 0;
    const char* name = state.range(1) == 0 ? "lowhighmix" : "spirals";
    const ParamSet params = preset(name);
    std::vector<double> frame_ms;
    double rate = 0;
    for (auto _ : state) rate = run(params, with_ui, 5.0, frame_ms);
    state.counters["ticks_per_s"] = rate;
    if (with_ui) {
        state.counters["ui_ms_p50"] = ui::percentile(frame_ms, 0.5);
        state.counters["ui_ms_p99"] = ui::percentile(frame_ms, 0.99);
        state.counters["frames"] = static_cast<double>(frame_ms.size());
    }
    state.SetLabel(fmt::format("{} {}", name, with_ui ? "with UI" : "no UI"));
}
BENCHMARK(BM_EngineWithUi)
    ->ArgsProduct({{0, 1}, {0, 1}})
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

// Drawing a line plot whose history holds a million points, at 1000 pixels wide.
void BM_DrawMillionPointLine(benchmark::State& state) {
    HeadlessImGui imgui;
    plot::SeriesHistory history(std::size_t{1} << 21);
    for (int i = 0; i < 1'000'000; ++i)
        history.push(i, std::sin(i * 1e-3f) + 1e-3f * static_cast<float>(i % 7));
    plot::Plot p;
    p.id = "million";
    p.title = "a million points";
    p.lines.push_back({"y", plot::series_color(0), &history});
    plot::PlotView view;
    plot::fit(p, view);
    ImDrawList list(ImGui::GetDrawListSharedData());
    for (auto _ : state) {
        list._ResetForNewFrame();
        list.PushTextureID(ImGui::GetIO().Fonts->TexID);
        list.PushClipRect(ImVec2(0, 0), ImVec2(1000, 400));
        plot::fit(p, view);
        plot::render(p, view, list, ImVec2(0, 0), ImVec2(1000, 400));
        benchmark::DoNotOptimize(list.VtxBuffer.Size);
    }
    state.counters["vertices"] = list.VtxBuffer.Size;
}
BENCHMARK(BM_DrawMillionPointLine)->Unit(benchmark::kMicrosecond);

} // namespace
} // namespace phasor

BENCHMARK_MAIN();
