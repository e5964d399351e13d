// Export writes (see atomic_file.hpp): engine/io/output_file decides how each path is written.
#include "ui/export/atomic_file.hpp"

#include "engine/io/output_file.hpp"

#include <fmt/format.h>

// A private (static) copy of the encoder: Debian's libstb, which the ImGui package links in, exports the same
// symbols.
#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace phasor::ui {

namespace fs = std::filesystem;

ExportError::ExportError(fs::path path, std::string reason)
    : std::runtime_error(fmt::format("cannot write {}: {}", path.string(), reason)), path_(std::move(path)),
      reason_(std::move(reason)) {}

void write_file_atomic(const fs::path& path, std::span<const std::byte> bytes) {
    try {
        write_output(path, bytes, /*create_parent=*/true);
    } catch (const OutputError& e) {
        throw ExportError(path, e.reason());
    }
}

void write_file_atomic(const fs::path& path, std::string_view text) {
    write_file_atomic(path, std::as_bytes(std::span<const char>(text.data(), text.size())));
}

void write_png(const fs::path& path, const Image& image) {
    write_file_atomic(path, encode_png(path, image));
}

std::vector<std::byte> encode_png(const fs::path& path, const Image& image) {
    const auto expected = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4;
    if (image.width <= 0 || image.height <= 0 || image.rgba.size() != expected)
        throw ExportError(path, fmt::format("the image is empty or malformed ({}×{}, {} bytes)", image.width,
                                            image.height, image.rgba.size()));
    std::vector<std::byte> png;
    png.reserve(expected / 2);
    const auto append = [](void* context, void* data, int size) {
        auto* out = static_cast<std::vector<std::byte>*>(context);
        const auto* bytes = static_cast<const std::byte*>(data);
        out->insert(out->end(), bytes, bytes + size);
    };
    if (!stbi_write_png_to_func(append, &png, image.width, image.height, 4, image.rgba.data(),
                                image.width * 4))
        throw ExportError(path, "the PNG encoder failed");
    return png;
}

} // namespace phasor::ui
