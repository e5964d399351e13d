// The export service (see exporter.hpp).
#include "ui/export/exporter.hpp"

#include "engine/io/output_file.hpp"
#include "ui/export/atomic_file.hpp"
#include "ui/export/export_names.hpp"
#include "ui/gl/framebuffer_capture.hpp"
#include "ui/gl/offscreen_plot.hpp"
#include "ui/plot/text_export.hpp"

#include <cstdio>
#include <fmt/format.h>

namespace phasor::ui {

namespace fs = std::filesystem;

namespace {

constexpr int failures_shown_per_batch = 3; // the rest go to stderr only, not over the whole window
const ImVec2 default_size{640, 400};        // a plot that was never laid out on screen

// The screen's plot font: what on-screen-sized PNGs scale their text from.
float screen_font_size() {
    if (ImGui::GetCurrentContext() == nullptr) return 13.f;
    const ImGuiIO& io = ImGui::GetIO();
    const ImFont* font = io.FontDefault            ? io.FontDefault
                         : io.Fonts->Fonts.empty() ? nullptr
                                                   : io.Fonts->Fonts[0];
    return font ? font->FontSize * io.FontGlobalScale : 13.f;
}

plot::ExportRequest request_in(plot::ExportRequest::Format format, const plot::ExportLook& look) {
    return {format, look.png_scale, false, look.theme, look.size};
}

const char* extension(plot::ExportRequest::Format format) {
    switch (format) {
    case plot::ExportRequest::Format::Png:
        return "png";
    case plot::ExportRequest::Format::Svg:
        return "svg";
    case plot::ExportRequest::Format::Csv:
        return "csv";
    }
    return "bin";
}

} // namespace

Exporter::Exporter(fs::path folder, Notices& notices) : folder_(std::move(folder)), notices_(notices) {}

void Exporter::enable_gl(GlHeatmapPainter* painter, ImFont* export_font) {
    gl_ = true;
    painter_ = painter;
    export_font_ = export_font;
}

void Exporter::request_screenshot(fs::path path) {
    screenshot_requested_ = true;
    screenshot_path_ = std::move(path);
}

void Exporter::queue(const plot::PlotShelf::Request& request) {
    jobs_.push_back(Job{request.entry, request.request, folder_, 0});
}

void Exporter::queue_all(std::span<const plot::PlotShelf::Entry> entries) {
    queue_all(entries, folder_);
}

void Exporter::queue_all(std::span<const plot::PlotShelf::Entry> entries, const fs::path& folder,
                         const plot::ExportLook& look) {
    if (entries.empty()) {
        notify("No plots to export", false);
        return;
    }
    const int batch = ++batches_;
    using Format = plot::ExportRequest::Format;
    for (const plot::PlotShelf::Entry& entry : entries)
        for (Format format : {Format::Png, Format::Svg, Format::Csv})
            jobs_.push_back(Job{entry, request_in(format, look), folder, batch});
}

void Exporter::queue_bundle(std::span<const plot::PlotShelf::Entry> entries, BundleRequest request) {
    if (request.folder.empty()) request.folder = folder_;
    bundles_.push_back(Bundle{{entries.begin(), entries.end()}, std::move(request)});
}

void Exporter::after_render(int framebuffer_width, int framebuffer_height) {
    if (!pending()) return;
    last_written_.clear();
    last_failures_ = 0;
    last_bundle_.clear();
    if (screenshot_requested_) {
        screenshot_requested_ = false;
        capture_screenshot(framebuffer_width, framebuffer_height);
    }
    // Taken out first: writing a file must not see (or invalidate) requests queued while it runs.
    std::vector<Job> jobs;
    jobs.swap(jobs_);
    for (std::size_t begin = 0; begin < jobs.size();) {
        const int batch = jobs[begin].batch;
        std::size_t end = begin + 1;
        while (batch != 0 && end < jobs.size() && jobs[end].batch == batch) ++end;
        const std::size_t written_before = last_written_.size();
        const int failures_before = last_failures_;
        batch_failures_shown_ = 0;
        // A batch's folder that cannot be one (a file of that name is in the way) fails every export of it
        // for the same reason: say it once, not once per plot.
        if (const auto why = batch != 0 ? folder_problem(jobs[begin].folder) : std::nullopt) {
            failed(jobs[begin].folder, fmt::format("{} ({} exports not saved)", *why, end - begin), true);
            last_failures_ += static_cast<int>(end - begin) - 1;
            begin = end;
            continue;
        }
        for (std::size_t i = begin; i < end; ++i) run(jobs[i]);
        if (batch != 0) {
            const std::size_t saved = last_written_.size() - written_before;
            const int failed = last_failures_ - failures_before;
            if (saved > 0)
                notify(fmt::format("Saved {} files to {}", saved, jobs[begin].folder.string()), false);
            if (failed > batch_failures_shown_)
                notify(
                    fmt::format("{} more exports failed (see the terminal)", failed - batch_failures_shown_),
                    true);
        }
        begin = end;
    }
    std::vector<Bundle> bundles;
    bundles.swap(bundles_);
    for (const Bundle& bundle : bundles) run(bundle);
}

void Exporter::capture_screenshot(int width, int height) {
    const fs::path path = screenshot_path_.empty()
                              ? export_path(folder_, "screenshot", "png", std::chrono::system_clock::now())
                              : screenshot_path_;
    try {
        if (!gl_) throw ExportError(path, "screenshots need the OpenGL renderer, which is not running");
        write_png(path, capture_framebuffer(width, height));
        saved(path, true);
    } catch (const ExportError& e) {
        failed(path, e.reason(), true);
    } catch (const std::exception& e) {
        failed(path, e.what(), true);
    }
}

std::string Exporter::render(const plot::PlotShelf::Entry& entry, const plot::ExportRequest& request,
                             const fs::path& path) {
    using Format = plot::ExportRequest::Format;
    const ImVec2 size = entry.size.x > 0 && entry.size.y > 0 ? entry.size : default_size;
    const plot::Figure figure = plot::resolve_figure(request, size, screen_font_size());
    switch (request.format) {
    case Format::Png: {
        if (!gl_) throw ExportError(path, "PNG export needs the OpenGL renderer, which is not running");
        const std::vector<std::byte> png =
            encode_png(path, render_plot_image(entry.plot, entry.view, figure, export_font_, painter_));
        return {reinterpret_cast<const char*>(png.data()), png.size()};
    }
    case Format::Svg:
        return plot::to_svg(entry.plot, entry.view, figure);
    case Format::Csv:
        return plot::to_csv(entry.plot, entry.view);
    }
    return {};
}

void Exporter::run(const Job& job) {
    const plot::PlotShelf::Entry& entry = job.entry;
    const fs::path path = export_path(job.folder, entry.plot.id, extension(job.request.format),
                                      std::chrono::system_clock::now());
    const bool announce = job.batch == 0;
    try {
        write_file_atomic(path, render(entry, job.request, path));
        saved(path, announce);
    } catch (const ExportError& e) {
        failed(path, e.reason(), announce || batch_failures_shown_ < failures_shown_per_batch);
    } catch (const std::exception& e) {
        failed(path, e.what(), announce || batch_failures_shown_ < failures_shown_per_batch);
    }
}

void Exporter::run(const Bundle& bundle) {
    using Format = plot::ExportRequest::Format;
    const BundleRequest& request = bundle.request;
    fs::path where = request.folder / bundle_name(std::chrono::system_clock::now());
    try {
        BundleWriter writer(request.folder, std::chrono::system_clock::now());
        for (const plot::PlotShelf::Entry& entry : bundle.entries)
            for (Format format : {Format::Png, Format::Svg, Format::Csv}) {
                if (!(format == Format::Png   ? request.png
                      : format == Format::Svg ? request.svg
                                              : request.csv))
                    continue;
                const std::string name = sanitize_stem(entry.plot.id) + "." + extension(format);
                where = request.folder / bundle_name(std::chrono::system_clock::now()) / name;
                writer.add(name, render(entry, request_in(format, request.look), where));
            }
        for (const BundleFile& file : request.files) writer.add(file.name, file.text);
        const fs::path folder = writer.commit();
        for (const std::string& name : writer.names()) last_written_.push_back(folder / name);
        last_bundle_ = folder;
        notify(fmt::format("Saved {} files to {}", writer.names().size(), folder.string()), false);
    } catch (const ExportError& e) {
        failed(e.path(), fmt::format("{} (nothing of the export bundle was saved)", e.reason()), true);
    } catch (const std::exception& e) {
        failed(where, fmt::format("{} (nothing of the export bundle was saved)", e.what()), true);
    }
}

void Exporter::saved(const fs::path& path, bool announce) {
    last_written_.push_back(path);
    if (announce) notify(fmt::format("Saved {}", path.filename().string()), false);
}

void Exporter::failed(const fs::path& path, const std::string& reason, bool announce) {
    ++last_failures_;
    // The full path: "which folder" is usually the answer to "why". The app echoes notices to the terminal,
    // so only the failures not shown on screen are printed here.
    const std::string text = fmt::format("Could not save {}: {}", path.string(), reason);
    if (announce) {
        ++batch_failures_shown_;
        notify(text, true);
    } else {
        fmt::print(stderr, "phasor: {}\n", text);
    }
}

void Exporter::notify(std::string text, bool error) {
    notices_.post(std::move(text), error);
}

} // namespace phasor::ui
