// Atomic export writes (see atomic_file.hpp) on POSIX: O_EXCL temporary, fsync, rename.
#include "ui/export/atomic_file.hpp"

#include <cerrno>
#include <fcntl.h>
#include <fmt/format.h>
#include <random>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

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

namespace {

// strerror() may share one buffer between threads; the category's message does not.
std::string describe(int err) {
    return std::generic_category().message(err);
}

// The temporary: closed and removed on every path that does not reach the rename.
class PartFile {
  public:
    explicit PartFile(const fs::path& final_path) : final_(final_path) {
        thread_local std::mt19937_64 random{std::random_device{}()};
        const fs::path dir = final_.has_parent_path() ? final_.parent_path() : fs::path(".");
        for (int attempt = 0; attempt < 64; ++attempt) {
            path_ = dir / fmt::format("{}.part-{:06x}", final_.filename().string(), random() & 0xffffff);
            // 0666 lets the umask decide, as for any file the user creates.
            fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
            if (fd_ >= 0) return;
            if (errno != EEXIST) throw ExportError(final_, describe(errno));
        }
        throw ExportError(final_, "no free temporary name in its folder");
    }
    PartFile(const PartFile&) = delete;
    PartFile& operator=(const PartFile&) = delete;
    ~PartFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!committed_) ::unlink(path_.c_str());
    }

    void write(std::span<const std::byte> bytes) {
        while (!bytes.empty()) {
            const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
            if (n < 0) {
                if (errno == EINTR) continue;
                fail();
            }
            bytes = bytes.subspan(static_cast<std::size_t>(n));
        }
    }

    void commit() {
        // Without fsync a crash after the rename can leave an empty file under the final name.
        if (::fsync(fd_) != 0) fail();
        const int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) fail(); // network file systems report a full disk only here
        if (::rename(path_.c_str(), final_.c_str()) != 0) fail();
        committed_ = true;
        // Make the rename itself durable; failing here loses nothing that is already visible.
        const fs::path dir = final_.has_parent_path() ? final_.parent_path() : fs::path(".");
        if (const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir_fd >= 0) {
            ::fsync(dir_fd);
            ::close(dir_fd);
        }
    }

  private:
    [[noreturn]] void fail() { throw ExportError(final_, describe(errno)); }

    fs::path final_, path_;
    int fd_ = -1;
    bool committed_ = false;
};

void create_parent(const fs::path& path) {
    if (!path.has_parent_path()) return;
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    if (error)
        throw ExportError(
            path, fmt::format("cannot create folder {}: {}", path.parent_path().string(), error.message()));
}

} // namespace

void write_file_atomic(const fs::path& path, std::span<const std::byte> bytes) {
    if (path.filename().empty()) throw ExportError(path, "the path names no file");
    create_parent(path);
    PartFile part(path);
    part.write(bytes);
    part.commit();
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
