// `phasor app`: wires a Trainer to the UI shell in a window and runs the frame loop. No logic of its own
// beyond the loop: pacing, draining telemetry, rendering, and handing screenshots and exports to the
// Exporter.
#include "app/app_command.hpp"

#include "app/app_window.hpp"
#include "app/soak_input.hpp"
#include "app/stop_signals.hpp"
#include "engine/core/error.hpp"
#include "engine/io/output_file.hpp"
#include "engine/preset/preset.hpp"
#include "engine/record/recording.hpp"
#include "engine/trainer/trainer.hpp"
#include "ui/export/atomic_file.hpp"
#include "ui/export/export_names.hpp"
#include "ui/export/exporter.hpp"
#include "ui/frame_pacing.hpp"
#include "ui/frame_timing.hpp"
#include "ui/gl/gl_heatmap_painter.hpp"
#include "ui/panels/timeline_panel.hpp"
#include "ui/readable_file.hpp"
#include "ui/remembered_preset.hpp"
#include "ui/run_history.hpp"
#include "ui/settings.hpp"
#include "ui/shell.hpp"
#include "ui/theme.hpp"

#include <GLFW/glfw3.h>
#include <algorithm>
#include <cfloat>
#include <chrono>
#include <csignal>
#include <ctime>
#include <deque>
#include <fmt/format.h>
#include <glad/gl.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <malloc.h>
#include <thread>

namespace phasor {

namespace {

using Clock = std::chrono::steady_clock;

// Panel commands go to the trainer. The presets loaded are kept in order for the recorder, which starts
// again from one when the change log says it was loaded (the log names it only).
class TrainerSink : public ui::CommandSink {
  public:
    explicit TrainerSink(Trainer& trainer) : trainer_(trainer) {}
    void post(Command command) override {
        if (const auto* load = std::get_if<LoadPreset>(&command); load && load->params)
            loaded.push_back(load->params);
        trainer_.post(std::move(command));
    }
    std::deque<std::shared_ptr<const ParamSet>> loaded;

  private:
    Trainer& trainer_;
};

// Writes the recording, saying where or why not.
bool save_recording(const Recorder& recorder, std::uint64_t tick, const std::filesystem::path& file,
                    ui::Notices& notices) {
    try {
        write_recording(recorder.recording(tick), file);
        notices.post(fmt::format("Saved the recording {}", file.string()), false);
        return true;
    } catch (const std::exception& e) {
        notices.post(fmt::format("Could not save the recording: {}", e.what()), true);
        return false;
    }
}

std::filesystem::path shader_dir() {
    if (const char* dir = std::getenv("PHASOR_SHADER_DIR"); dir && *dir) return dir;
    return PHASOR_SHADER_DIR;
}

// Fonts at the new scale need a new GL texture; the style is rebuilt from scratch so scaling never compounds.
ui::Fonts rescale(float scale, ui::Notices& notices) {
    std::string problem;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ui::Fonts fonts = ui::build_fonts(scale, problem);
    ImGui_ImplOpenGL3_CreateFontsTexture();
    ui::apply_theme(scale);
    if (!problem.empty()) notices.post(problem, true);
    return fonts;
}

// The UI thread's CPU time per frame: building and submitting the frame, and the same plus the buffer swap
// (where a software GL renderer may rasterise on this thread).
struct FrameStats {
    std::vector<double> cpu_ms, with_swap_ms;
    void print(std::uint64_t ticks, double seconds) const {
        if (cpu_ms.empty()) return;
        fmt::print(
            "frames {}  UI thread CPU ms/frame: p50 {:.2f}  p99 {:.2f}  (with the swap: p50 {:.2f}  p99 "
            "{:.2f})  engine {:.0f} ticks/s\n",
            cpu_ms.size(), ui::percentile(cpu_ms, 0.5), ui::percentile(cpu_ms, 0.99),
            ui::percentile(with_swap_ms, 0.5), ui::percentile(with_swap_ms, 0.99),
            static_cast<double>(ticks) / seconds);
    }
};

} // namespace

int app_command(const AppOptions& options, std::span<const std::filesystem::path> preset_dirs) {
    // Large buffers (a font atlas rebuilt at every UI scale change is 16 MiB) always get their own mapping,
    // returned to the system when freed. glibc otherwise raises its mmap threshold after the first such free
    // and serves the next ones from the heap, which then fragments: a soak grew by 16 MiB steps to +60 %
    // while the memory in use stayed at 39 MiB.
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    const std::filesystem::path settings_file = ui::config_dir() / "settings.toml";
    // Problems with the app's own files: posted as notices (on screen and on stderr) once the shell exists;
    // none stops the app from starting.
    std::vector<std::string> problems;
    ui::LoadedSettings loaded = ui::load_settings(settings_file);
    ui::Settings settings = std::move(loaded.settings);
    if (!loaded.problem.empty()) {
        if (!loaded.keep_file) {
            // The file is saved over at exit: keep what the user wrote, the keys that were not read included.
            try {
                loaded.problem += fmt::format("; the file as it was is kept as {}",
                                              ui::keep_bad_settings(settings_file).string());
            } catch (const std::exception& e) {
                loaded.problem += fmt::format("; it will not be saved over ({})", e.what());
                loaded.keep_file = true;
            }
        }
        problems.push_back(std::move(loaded.problem));
    }
    if (options.scale) {
        if (!(*options.scale >= ui::kMinUiScale && *options.scale <= ui::kMaxUiScale))
            throw InputError(
                fmt::format("--scale must be between {} and {}", ui::kMinUiScale, ui::kMaxUiScale));
        settings.ui_scale = *options.scale;
    }
    if (options.presenter) settings.presenter = true;

    // The preset is read before any window opens, so a bad one is reported without a flash of a window.
    const std::string remembered = ui::preset_to_reopen(settings);
    std::string preset = options.preset;
    if (preset.empty()) preset = remembered.empty() ? "lowhighmix" : remembered;
    // The user's own presets (saved from the app) are found after the shipped ones.
    const std::filesystem::path user_presets = ui::config_dir() / "presets";
    std::vector<std::filesystem::path> dirs{user_presets};
    dirs.insert(dirs.end(), preset_dirs.begin(), preset_dirs.end());
    // The preset file is checked before the engine reads it: a FIFO there would hang the start.
    auto load_checked = [&](const std::string& name) {
        const std::filesystem::path file = resolve_preset(name, dirs);
        if (const std::string why = ui::unreadable_reason(file); !why.empty())
            throw InputError(fmt::format("preset {}: {}", file.string(), why));
        return load_preset(file, options.sets);
    };
    std::optional<ParamSet> params;
    // A replay trains the recording's own preset with its changes as a script.
    std::shared_ptr<ui::Replay> replay;
    if (!options.replay.empty()) {
        replay = std::make_shared<ui::Replay>(read_recording(options.replay), options.replay);
        params = replay->params();
        preset = params->text("name");
    }
    try {
        if (!params) params = load_checked(preset);
    } catch (const InputError& e) {
        if (!options.preset.empty() || remembered.empty()) throw;
        // The preset remembered from last time is gone: fall back to the default rather than refuse to start.
        const std::string why = e.what();
        problems.push_back(fmt::format("the last preset '{}' could not be loaded ({}); opened lowhighmix",
                                       preset, why.substr(0, why.find('\n'))));
        preset = "lowhighmix";
        params = load_checked(preset);
    }
    // ImGui reads imgui.ini itself, with no limit and no check: a FIFO there would hang the start.
    std::filesystem::path ini_file = ui::config_dir() / "imgui.ini";
    bool ini_missing = false;
    if (const std::string why = ui::unreadable_reason(ini_file, ui::kMaxOwnFileBytes, &ini_missing);
        !why.empty() && !ini_missing) {
        problems.push_back(fmt::format("{}: {}; window positions are neither read nor saved this session",
                                       ini_file.string(), why));
        ini_file.clear();
    }
    TrainerOptions trainer_options;
    trainer_options.script = parse_script(options.at, params->table());
    if (replay) {
        trainer_options.script = replay->script();
        trainer_options.pause_at = replay->end(); // played through, it stops where the recording did
    }
    // Recording is appending what this thread drains anyway: nothing runs on the engine's thread for it.
    std::optional<Recorder> recorder;
    if (!options.record.empty()) {
        // Opened now, so a bad path is said before the session rather than lost at its end.
        OutputFile(options.record).write(std::string_view{});
        recorder.emplace(*params);
        recorder->paced = true;
    }

    AppWindow window(settings.window_width, settings.window_height, "Phasor", ini_file.string());
    std::error_code ec;
    std::filesystem::create_directories(ui::config_dir(), ec);

    ui::Shell shell(settings, dirs);
    if (replay) shell.add_common_panel(std::make_unique<ui::TimelinePanel>(replay));
    if (recorder) shell.enable_recording();
    if (options.export_theme) shell.plots().look().theme = *options.export_theme;
    if (options.export_size) shell.plots().look().size = *options.export_size;
    for (const std::string& problem : problems) shell.notices().post(problem, true);
    float applied_scale = settings.ui_scale * window.content_scale();
    ui::Fonts fonts = rescale(applied_scale, shell.notices());

    std::unique_ptr<ui::GlHeatmapPainter> painter;
    try {
        painter = std::make_unique<ui::GlHeatmapPainter>(shader_dir());
        plot::set_heatmap_painter(painter.get());
    } catch (const std::exception& e) {
        // Heatmaps still draw (one rectangle per cell, slower): a broken shader must not cost the user the
        // app.
        shell.notices().post(fmt::format("{}; heatmaps are drawn without the shader", e.what()), true);
    }
    ui::Exporter exporter(settings.export_dir, shell.notices());
    exporter.enable_gl(painter.get(), fonts.export_font);

    Trainer trainer(std::move(*params), std::move(trainer_options));
    trainer.start();
    TrainerSink sink(trainer);
    if (options.soak_seconds) sink.post(Pause{}); // see app/soak_input.hpp
    ui::RunOrigin origin{preset, options.sets};
    ui::RunHistory history;
    std::vector<SeriesSample> drained;
    FrameStats stats;
    float frame_ms = 0.f, frames_per_second = 0.f;
    auto last_frame = Clock::now();
    int failures = 0;
    long frame = 0;
    ui::FramePacing pacing;
    std::optional<SoakInput> soak;
    if (options.soak_seconds) soak.emplace(12345u);
    int soak_shots = 0, soak_reports = 0;
    const auto started = Clock::now();
    const auto min_frame = std::chrono::microseconds(1'000'000 / 60);

    // Ctrl-C or SIGTERM closes the app as its window's close button does, between frames: an export in
    // progress is finished (they are written within a frame), the settings are saved, nothing is left half
    // written.
    while (!window.should_close() && !shell.quit_requested() && !stop_signal().load()) {
        const auto frame_start = Clock::now();
        if (const double wait = pacing.wait_seconds(shell.notices().animating(), frame_start);
            wait > 0 && !options.frames && !window.keys_waiting())
            glfwWaitEventsTimeout(wait);
        else
            glfwPollEvents();
        if (soak) soak->keys(window);
        window.deliver_keys();
        const double cpu_start = ui::thread_cpu_ms();

        if (auto scale = shell.take_scale_change()) {
            settings.ui_scale = *scale;
            applied_scale = settings.ui_scale * window.content_scale();
            fonts = rescale(applied_scale, shell.notices());
            exporter.enable_gl(painter.get(), fonts.export_font);
        } else if (const float monitor = settings.ui_scale * window.content_scale();
                   monitor != applied_scale) {
            applied_scale = monitor; // moved to a monitor with another content scale
            fonts = rescale(applied_scale, shell.notices());
            exporter.enable_gl(painter.get(), fonts.export_font);
        }

        trainer.refresh_snapshot();
        history.observe(trainer.snapshot());
        drained.clear();
        trainer.drain_series(drained);
        history.append(drained);
        // Changes before samples: a rebuild among them numbers the runs of the samples drained with it.
        for (Change change; trainer.poll_change(change);) {
            if (change.key == "load") origin = {ui::unquote_toml(change.value), {}};
            if (replay) replay->observe(change);
            if (recorder && change.key == "load" && !sink.loaded.empty()) {
                recorder->restart(*sink.loaded.front());
                sink.loaded.pop_front();
            } else if (recorder) {
                recorder->add(change);
            }
            history.record(change);
        }
        if (replay) replay->observe(drained);
        if (recorder) recorder->add(drained);
        const ImGuiIO& io = ImGui::GetIO();
        const bool input =
            io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || ImGui::IsAnyMouseDown() ||
            io.InputQueueCharacters.Size > 0 || io.KeyCtrl || io.KeyShift ||
            std::find(std::begin(io.KeysDown), std::end(io.KeysDown), true) != std::end(io.KeysDown);
        pacing.observe(trainer.snapshot().sequence, input, frame_start);
        // The snapshot carries the message while it stands; the ring's copies are for scripts: print them.
        for (EngineMessage m; trainer.poll_message(m);)
            if (options.frames) fmt::print(stderr, "phasor: {}\n", m.text);

        if (painter) painter->begin_frame();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        // A scripted run (--frames) takes no input: wherever the pointer happens to rest must not open
        // tooltips or hover highlights in the screenshot.
        if (options.frames) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        if (soak) soak->mouse(ImGui::GetIO());
        ImGui::NewFrame();
        const ui::FrameState state{trainer.snapshot(), history, sink, frame_ms, frames_per_second, origin};
        shell.frame(state);
        ImGui::Render();

        ++frame;
        const bool last = options.frames && frame >= *options.frames;
        if (shell.take_screenshot_request()) exporter.request_screenshot();
        // A soak leaves a picture every five minutes (soak-MM.png in the working folder), to see which states
        // the random input reached and whether it got stuck in one.
        if (soak && Clock::now() - started >= std::chrono::minutes(5 * (soak_shots + 1)))
            exporter.request_screenshot(fmt::format("soak-{:02}.png", 5 * ++soak_shots));
        // ... and says every half minute how much of its memory is the heap (ours, ImGui's) and how much is
        // mapped in large blocks (textures and buffers the GL driver keeps, big vectors), to tell a leak of
        // ours from the driver's caches.
        if (soak && Clock::now() - started >= std::chrono::seconds(30 * (soak_reports + 1))) {
            const struct mallinfo2 heap = mallinfo2();
            fmt::print(stderr, "soak: {} s heap_in_use_kib {} heap_held_kib {} mmapped_kib {} frame {}\n",
                       30 * ++soak_reports, heap.uordblks / 1024, heap.arena / 1024, heap.hblkhd / 1024,
                       frame);
        }
        if (last && !options.screenshot.empty()) exporter.request_screenshot(options.screenshot);
        for (const auto& request : shell.plots().take_requests()) exporter.queue(request);
        // Export every plot: one bundle with the preset and the change log, in the look the plots' menus
        // chose.
        auto bundle = [&](std::filesystem::path folder) {
            exporter.queue_bundle(shell.plots().drawn(), ui::BundleRequest{.files = shell.bundle_files(state),
                                                                           .look = shell.plots().look(),
                                                                           .png = true,
                                                                           .svg = true,
                                                                           .csv = true,
                                                                           .folder = std::move(folder)});
        };
        if (shell.take_export_all_request()) bundle({});
        if (shell.take_save_recording_request() && recorder)
            save_recording(*recorder, trainer.tick(),
                           ui::export_path(settings.export_dir, "recording", "phasor-recording.gz",
                                           std::chrono::system_clock::now()),
                           shell.notices());
        if (last && !options.export_plots.empty()) bundle(options.export_plots);
        if (last && !options.save_changes.empty() && !shell.save_change_log(state, options.save_changes))
            ++failures;
        if (last && !options.layout_report.empty()) {
            try {
                ui::write_file_atomic(options.layout_report, shell.layout_report());
            } catch (const ui::ExportError& e) {
                shell.notices().post(fmt::format("Could not save {}: {}", e.path().string(), e.reason()),
                                     true);
                ++failures;
            }
        }
        if (last && !options.save_preset.empty() &&
            !shell.save_preset(trainer.snapshot(), options.save_preset))
            ++failures;

        int fb_w = 0, fb_h = 0;
        window.framebuffer_size(fb_w, fb_h);
        glViewport(0, 0, fb_w, fb_h);
        glClearColor(0.06f, 0.07f, 0.08f, 1.f);
        glClear(GL_COLOR_BUFFER_BIT);
        if (painter) painter->begin_render(*ImGui::GetDrawData());
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        // After rendering and before the swap, the back buffer holds exactly this frame.
        const bool exporting = exporter.pending();
        exporter.after_render(fb_w, fb_h);
        if (exporting) failures += exporter.last_failures();
        frame_ms = static_cast<float>(ui::thread_cpu_ms() - cpu_start);
        glfwSwapBuffers(window.handle());
        // Frames shown per second, smoothed over about a second: what a viewer sees, the swap included.
        const auto shown = Clock::now();
        const double interval = std::chrono::duration<double>(shown - last_frame).count();
        last_frame = shown;
        if (interval > 0)
            frames_per_second =
                frames_per_second == 0.f
                    ? static_cast<float>(1.0 / interval)
                    : frames_per_second + 0.05f * (static_cast<float>(1.0 / interval) - frames_per_second);
        // The first second builds fonts, compiles shaders and sizes every buffer: warm-up, not steady state.
        if (options.frame_stats && frame > 60) {
            stats.cpu_ms.push_back(frame_ms);
            stats.with_swap_ms.push_back(ui::thread_cpu_ms() - cpu_start);
        }
        if (last) break;
        if (soak && Clock::now() - started > std::chrono::duration<double>(*options.soak_seconds)) break;
        // vsync may be off (virtual displays, some drivers): never draw more than 60 frames a second.
        std::this_thread::sleep_until(frame_start + min_frame);
    }

    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    trainer.stop();
    if (options.frame_stats) stats.print(trainer.tick(), seconds);
    if (recorder) {
        // What the engine sent after the last frame belongs to the recording too.
        drained.clear();
        trainer.drain_series(drained);
        for (Change change; trainer.poll_change(change);)
            if (change.key != "load") recorder->add(change);
        recorder->add(drained);
        if (!save_recording(*recorder, trainer.tick(), options.record, shell.notices())) {
            fmt::print(stderr, "phasor: the recording {} was not saved\n", options.record);
            ++failures;
        }
    }
    // Saved in unscaled units: the window is created with GLFW_SCALE_TO_MONITOR, which applies the monitor's
    // scale again, so saving the scaled size would grow the window at every start on a HiDPI screen.
    int width = 0, height = 0;
    window.window_size(width, height);
    settings.window_width = static_cast<int>(static_cast<float>(width) / window.content_scale());
    settings.window_height = static_cast<int>(static_cast<float>(height) / window.content_scale());
    // A replay's preset lives in its recording, not among the presets to open next time.
    if (!replay) ui::remember_preset(settings, origin.preset, dirs, user_presets);
    if (loaded.keep_file) {
        fmt::print(stderr, "phasor: settings not saved: {} could not be read at start\n",
                   settings_file.string());
    } else {
        try {
            ui::save_settings(settings_file, settings);
        } catch (const std::exception& e) {
            fmt::print(stderr, "phasor: settings not saved: {}\n", e.what());
        }
    }
    if (const int signal = stop_signal().load()) {
        fmt::print(stderr, "phasor: closed by {}\n", signal == SIGINT ? "Ctrl-C (SIGINT)" : "SIGTERM");
        return 128 + signal;
    }
    return failures ? 1 : 0;
}

} // namespace phasor
