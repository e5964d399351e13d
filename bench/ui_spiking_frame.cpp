// The spiking panels' cost on the UI thread, measured without a window: one frame (ImGui's NewFrame, the
// panels drawn, Render) from a hand-filled SpikingView at its largest (a 1024 × 1024 raster at a given
// density of set bits, 20,000 points in 3D, 4,096 phase points, six followed neurons, a full history),
// CPU time per frame p50/p99. Heatmaps go through a painter that does on the CPU what the app's GL painter
// does (a draw callback per heatmap; its texture upload is the driver's copy of the cells, W × H floats),
// so the raster is measured as the app draws it; arg 1 = 1 draws the raster cell by cell instead (the
// fallback with no GL, the tests' and the SVG export's path) for comparison. Figures go to the report.
#include "engine/spiking/spiking_view.hpp"
#include "ui/frame_timing.hpp"
#include "ui/panels/panel.hpp"
#include "ui/panels/spiking/neurons_panel.hpp"
#include "ui/panels/spiking/raster_panel.hpp"
#include "ui/panels/spiking/spiking_ui.hpp"
#include "ui/settings.hpp"
#include "ui/theme.hpp"

#include <benchmark/benchmark.h>
#include <cmath>
#include <numbers>
#include <random>

namespace phasor {
namespace {

class DropCommands : public ui::CommandSink {
  public:
    void post(Command) override {}
};

// As the app's GL painter on the CPU side: one callback per heatmap (the quad), nothing per cell.
class CallbackPainter final : public plot::HeatmapPainter {
  public:
    void paint(ImDrawList& draw, ImVec2, ImVec2, const plot::Heatmap& map, float, float) override {
        cells += static_cast<std::size_t>(map.rows) * static_cast<std::size_t>(map.cols);
        draw.AddCallback([](const ImDrawList*, const ImDrawCmd*) {}, nullptr);
        draw.AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    }
    std::size_t cells = 0;
};

struct HeadlessImGui {
    HeadlessImGui() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1600, 1000);
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

// 100,000 neurons (80 % excitatory, 20 % inhibitory) on 1,024 raster rows, `density` of the bits set.
SpikingView largest_view(double density) {
    SpikingView v;
    v.time = 10.0;
    v.neurons = 100'000;
    v.populations.resize(2);
    v.populations[0] = {.name = "excitatory", .first = 0, .size = 80'000};
    v.populations[1] = {.name = "inhibitory", .first = 80'000, .size = 20'000, .excitatory = false};
    std::mt19937_64 random(1);
    std::bernoulli_distribution bit(density);
    SpikeRasterView& r = v.raster;
    r.rows = SpikeRasterView::kMaxRows;
    r.words_per_column = r.rows / 64;
    r.column_seconds = 1.0 / SpikeRasterView::kColumns;
    r.newest = 10 * SpikeRasterView::kColumns;
    r.bits.assign(static_cast<std::size_t>(SpikeRasterView::kColumns) * r.words_per_column, 0);
    for (std::uint64_t& word : r.bits)
        for (int b = 0; b < 64; ++b)
            if (bit(random)) word |= std::uint64_t{1} << b;
    v.rhythmic = true;
    v.theta_hz = 8.f;
    v.gamma_per_theta = 6;
    for (int i = 0; i < SpikingView::kTrace; ++i) {
        const float t = 9.f + static_cast<float>(i) / SpikingView::kTrace;
        v.rhythm_time.push_back(t);
        v.theta.push_back(std::cos(2.f * std::numbers::pi_v<float> * 8.f * t));
        v.gamma.push_back(std::cos(2.f * std::numbers::pi_v<float> * 48.f * t));
    }
    std::uniform_real_distribution<float> unit(0.f, 1.f);
    for (int i = 0; i < SpikingView::kPhasePoints; ++i)
        v.phase_points.push_back(
            {9.f + unit(random), 6.28f * unit(random), static_cast<std::uint16_t>(i % 2)});
    for (int n = 0; n < 6; ++n) {
        FollowedNeuron f;
        f.neuron = static_cast<std::uint32_t>(n * 15'000);
        for (int i = 0; i < SpikingView::kTrace; ++i) {
            f.time.push_back(9.f + static_cast<float>(i) / SpikingView::kTrace);
            f.v.push_back(-0.065f + 0.01f * unit(random));
        }
        for (int s = 0; s < 20; ++s) f.spikes.push_back(9.f + 0.05f * static_cast<float>(s));
        v.followed.push_back(f);
    }
    v.placed = true;
    v.stride = 5;
    v.hi = {1e-3f, 1e-3f, 1e-3f};
    for (int i = 0; i < SpikingView::kPoints; ++i) {
        v.points.push_back({1e-3f * unit(random), 1e-3f * unit(random), 1e-3f * unit(random)});
        v.since_spike.push_back(unit(random) < 0.05f ? 0.01f : INFINITY);
    }
    v.picked = 0;
    for (int t = 0; t < 100; ++t) {
        v.picked_targets.push_back(static_cast<std::uint32_t>(t * 5));
        v.picked_target_points.push_back(v.points[static_cast<std::size_t>(t)]);
    }
    v.plastic = true;
    v.weight_max = 0.01f;
    for (int p = 0; p < SpikingView::kHistory; ++p) {
        v.history_time.push_back(0.02f * static_cast<float>(p));
        v.weight_history.emplace_back().fill(100);
    }
    v.history_rate.assign(2, std::vector<float>(SpikingView::kHistory, 10.f));
    return v;
}

// Frames of the given panels, each in its own 800 × 500 window; returns the CPU ms of each.
void frames(benchmark::State& state, std::vector<std::unique_ptr<ui::Panel>> panels, double density) {
    HeadlessImGui imgui;
    CallbackPainter gl_like;
    if (state.range(1) == 0) plot::set_heatmap_painter(&gl_like);
    Snapshot snapshot;
    snapshot.run = 1;
    snapshot.payload = std::make_unique<SpikingView>(largest_view(density));
    ui::RunHistory history;
    DropCommands sink;
    plot::PlotShelf shelf;
    std::vector<double> ms;
    const auto frame = [&] {
        ImGui::GetIO().DeltaTime = 1.f / 60.f;
        ImGui::NewFrame();
        shelf.begin_frame();
        ui::PanelContext context{.snapshot = snapshot,
                                 .history = history,
                                 .commands = sink,
                                 .plots = shelf,
                                 .preset_dirs = {},
                                 .preset = "bench"};
        float x = 0;
        for (auto& panel : panels) {
            ImGui::SetNextWindowPos(ImVec2(x, 0));
            ImGui::SetNextWindowSize(ImVec2(800, 500));
            x = x > 700 ? 0 : x + 800;
            ImGui::Begin(panel->title());
            panel->draw(context);
            ImGui::End();
        }
        ImGui::Render();
    };
    for (int i = 0; i < 3; ++i) frame();
    for (auto _ : state) {
        const double cpu = ui::thread_cpu_ms();
        frame();
        ms.push_back(ui::thread_cpu_ms() - cpu);
    }
    plot::set_heatmap_painter(nullptr);
    state.counters["ms_p50"] = ui::percentile(ms, 0.5);
    state.counters["ms_p99"] = ui::percentile(ms, 0.99);
    int vertices = 0;
    for (int l = 0; l < ImGui::GetDrawData()->CmdListsCount; ++l)
        vertices += ImGui::GetDrawData()->CmdLists[l]->VtxBuffer.Size;
    state.counters["vertices"] = vertices;
}

// Arg 0: density of set bits in percent (1, 10, 60: about what a million spikes a second of 100,000
// neurons sets). Arg 1: 0 the app's painter, 1 cell by cell.
void BM_RasterFrame(benchmark::State& state) {
    std::vector<std::unique_ptr<ui::Panel>> panels;
    panels.push_back(std::make_unique<ui::RasterPanel>());
    frames(state, std::move(panels), static_cast<double>(state.range(0)) / 100.0);
}
BENCHMARK(BM_RasterFrame)->ArgsProduct({{1, 10, 60}, {0, 1}})->Unit(benchmark::kMillisecond);

void BM_NeuronsFrame(benchmark::State& state) {
    std::vector<std::unique_ptr<ui::Panel>> panels;
    panels.push_back(std::make_unique<ui::NeuronsPanel>());
    frames(state, std::move(panels), 0.1);
}
BENCHMARK(BM_NeuronsFrame)->Args({0, 0})->Unit(benchmark::kMillisecond);

// Every spiking panel at once, as the rhythm arrangement and more would open them.
void BM_AllSpikingPanelsFrame(benchmark::State& state) {
    frames(state, ui::spiking_ui().make_panels(), static_cast<double>(state.range(0)) / 100.0);
}
BENCHMARK(BM_AllSpikingPanelsFrame)->Args({60, 0})->Unit(benchmark::kMillisecond);

} // namespace
} // namespace phasor

BENCHMARK_MAIN();
