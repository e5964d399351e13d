// Loading MNIST-like IDX folders (see image_folder.hpp).
#include "engine/data/image_folder.hpp"

#include "engine/data/idx_file.hpp"

#include <fmt/format.h>
#include <system_error>

namespace phasor {

namespace fs = std::filesystem;

std::vector<std::string> fashion_mnist_classes() {
    return {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
}

namespace {

std::string how_to_get(const std::string& title) {
    return fmt::format(
        "To get it: Fashion-MNIST is Debian's `sudo apt install dataset-fashion-mnist` (into {}), "
        "and scripts/dev.sh installs it; for {} or your own files, set data.dir to a folder "
        "holding train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
        "t10k-labels-idx1-ubyte (each may be .gz)",
        kFashionMnistDir, title);
}

// The file named `stem` in `dir`, compressed or not.
fs::path find_file(const fs::path& dir, const std::string& stem, const std::string& title) {
    std::error_code ec;
    for (const char* ending : {".gz", ""})
        if (fs::exists(dir / (stem + ending), ec)) return dir / (stem + ending);
    const bool folder = fs::is_directory(dir, ec);
    throw DataError(fmt::format("{} not found: {}{} (looked for {}.gz and {}). {}", title, dir.string(),
                                folder ? fmt::format(" has no {}", stem) : std::string(": no such folder"),
                                stem, stem, how_to_get(title)));
}

Dataset read_pair(const fs::path& dir, const std::string& prefix, const std::string& title, int classes) {
    const fs::path images_file = find_file(dir, prefix + "-images-idx3-ubyte", title);
    const fs::path labels_file = find_file(dir, prefix + "-labels-idx1-ubyte", title);
    const IdxArray images = read_idx(images_file);
    const IdxArray labels = read_idx(labels_file);
    if (images.dims.size() != 3)
        throw DataError(fmt::format("{}: {} dimensions, images have 3 (count, rows, columns)",
                                    images_file.string(), images.dims.size()));
    if (labels.dims.size() != 1)
        throw DataError(
            fmt::format("{}: {} dimensions, labels have 1", labels_file.string(), labels.dims.size()));
    if (images.dims[0] != labels.dims[0])
        throw DataError(fmt::format("wrong count: {} holds {} images but {} holds {} labels",
                                    images_file.string(), images.dims[0], labels_file.string(),
                                    labels.dims[0]));
    Dataset set;
    set.features = static_cast<int>(images.dims[1] * images.dims[2]);
    set.classes = classes;
    set.inputs.resize(images.values.size());
    for (std::size_t i = 0; i < images.values.size(); ++i)
        set.inputs[i] = static_cast<float>(images.values[i]) * (1.f / 255.f);
    set.labels.resize(labels.values.size());
    for (std::size_t i = 0; i < labels.values.size(); ++i) {
        if (labels.values[i] >= classes)
            throw DataError(fmt::format("{}: label {} of sample {} is out of range (0 to {})",
                                        labels_file.string(), labels.values[i], i, classes - 1));
        set.labels[i] = labels.values[i];
    }
    return set;
}

} // namespace

DataSplit load_image_folder(const fs::path& dir, const std::string& title,
                            std::vector<std::string> class_names) {
    const int classes = static_cast<int>(class_names.size());
    DataSplit split{fmt::format("{} ({})", title, dir.string()), read_pair(dir, "train", title, classes),
                    read_pair(dir, "t10k", title, classes), std::move(class_names)};
    if (split.train.features != split.test.features)
        throw DataError(fmt::format("{}: the training images have {} pixels and the test images {}",
                                    dir.string(), split.train.features, split.test.features));
    return split;
}

} // namespace phasor
