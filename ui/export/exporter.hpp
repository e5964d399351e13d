// The app's export service: screenshots of the window and exports of plots (PNG offscreen at any size, SVG,
// CSV, in any theme), written atomically under dated names, and export bundles (every plot and the run's
// files in one dated folder, all or nothing), with a short notice for each result that the app shows for a
// few seconds. Requests are collected during the frame and served in after_render(), the one moment when the
// frame is in the back buffer and the GL context is free to draw offscreen.
#pragma once
#include "ui/export/bundle.hpp"
#include "ui/notices.hpp"
#include "ui/plot/plot_shelf.hpp"

#include <chrono>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace phasor::ui {

class GlHeatmapPainter;

// An export bundle to write (Exporter::queue_bundle).
struct BundleRequest {
    std::vector<BundleFile> files; // written beside the plots: the app passes preset.toml and changes.json
    plot::ExportLook look;         // the plots' theme and size (PlotShelf::look(), usually)
    bool png = true, svg = true, csv = true;
    std::filesystem::path folder; // where the bundle's folder goes; empty: Exporter::folder()
};

class Exporter {
  public:
    // Every result is posted to `notices` ("Saved phasor-20261124-101500-metrics_loss.svg", "Could not save
    // /path/x.png: Permission denied"), which must outlive the exporter.
    Exporter(std::filesystem::path folder, Notices& notices);

    // Where exports go; created when the first file is written into it.
    void set_folder(std::filesystem::path folder) { folder_ = std::move(folder); }
    const std::filesystem::path& folder() const { return folder_; }

    // Declares a current GL context with ImGui's OpenGL3 backend running, so PNGs can be made. `painter` (may
    // be null: per-cell heatmaps) and `export_font` (null: the UI font) are used for offscreen plots. Without
    // this call, screenshots and PNG exports fail with a notice; SVG and CSV always work.
    void enable_gl(GlHeatmapPainter* painter, ImFont* export_font);
    bool has_gl() const { return gl_; }

    // Requests are served by the next after_render(), which must come in the same frame: plots refer to
    // series histories that the caller owns.

    // The whole window as PNG: to `path` exactly when given (--screenshot), else a dated name in folder().
    void request_screenshot(std::filesystem::path path = {});
    void queue(const plot::PlotShelf::Request& request);
    // "Export every plot": each as a PNG, an SVG and a CSV in `look` (by default dark, 1200 × 800 pixels)
    // under dated names into `folder` (default: folder()), with one notice for all of them.
    void queue_all(std::span<const plot::PlotShelf::Entry> entries);
    void queue_all(std::span<const plot::PlotShelf::Entry> entries, const std::filesystem::path& folder,
                   const plot::ExportLook& look = {});
    // An export bundle: <folder>/phasor-YYYYMMDD-HHMMSS/ with <plot id>.png, .svg and .csv for every entry
    // in request.look, and request.files, written all or nothing (a PNG without GL fails it: leave it out
    // with png = false). One notice says where it went, or why there is none.
    void queue_bundle(std::span<const plot::PlotShelf::Entry> entries, BundleRequest request);
    bool pending() const { return screenshot_requested_ || !jobs_.empty() || !bundles_.empty(); }

    // Call after ImGui_ImplOpenGL3_RenderDrawData and before swapping buffers (the screenshot reads the back
    // buffer). Writes every pending file; never throws for a file that cannot be written.
    void after_render(int framebuffer_width, int framebuffer_height);

    // The files written by the last after_render() that had work, and how many of its exports failed: for
    // scripts and tests that wait for the files.
    // A bundle counts as one failure, and its files as written.
    const std::vector<std::filesystem::path>& last_written() const { return last_written_; }
    int last_failures() const { return last_failures_; }
    // The folder of the last bundle written by the last after_render() that had work; empty if none was.
    const std::filesystem::path& last_bundle() const { return last_bundle_; }

  private:
    struct Job {
        plot::PlotShelf::Entry entry;
        plot::ExportRequest request;
        std::filesystem::path folder;
        int batch = 0; // 0: a single request with its own notice; else the queue_all() call it came from
    };
    struct Bundle {
        std::vector<plot::PlotShelf::Entry> entries;
        BundleRequest request;
    };

    void run(const Job& job);
    void run(const Bundle& bundle);
    // The bytes of one export of `entry`. Throws ExportError (naming `path`) or OffscreenError.
    std::string render(const plot::PlotShelf::Entry& entry, const plot::ExportRequest& request,
                       const std::filesystem::path& path);
    void capture_screenshot(int width, int height);
    void saved(const std::filesystem::path& path, bool announce);
    void failed(const std::filesystem::path& path, const std::string& reason, bool announce);
    void notify(std::string text, bool error);

    std::filesystem::path folder_;
    bool gl_ = false;
    GlHeatmapPainter* painter_ = nullptr;
    ImFont* export_font_ = nullptr;

    bool screenshot_requested_ = false;
    std::filesystem::path screenshot_path_;
    std::vector<Job> jobs_;
    std::vector<Bundle> bundles_;
    int batches_ = 0;

    Notices& notices_;
    std::vector<std::filesystem::path> last_written_;
    int last_failures_ = 0;
    int batch_failures_shown_ = 0;
    std::filesystem::path last_bundle_;
};

} // namespace phasor::ui
