// The process-wide cache of loaded data sets (see shared_data.hpp).
#include "engine/data/shared_data.hpp"

#include "engine/data/image_folder.hpp"

#include <map>
#include <mutex>

namespace phasor {

std::shared_ptr<const DataSplit> shared_image_folder(const std::string& dir) {
    static std::mutex mutex;
    static std::map<std::string, std::weak_ptr<const DataSplit>> loaded;
    // Held while loading, so two seeds asking at once read the files once.
    std::lock_guard lock(mutex);
    if (auto held = loaded[dir].lock()) return held;
    const bool fashion = dir == kFashionMnistDir || dir.find("fashion") != std::string::npos;
    std::vector<std::string> names = fashion_mnist_classes();
    if (!fashion)
        for (int d = 0; d < 10; ++d) names[static_cast<std::size_t>(d)] = std::to_string(d);
    auto split =
        std::make_shared<const DataSplit>(load_image_folder(dir, fashion ? "Fashion-MNIST" : "MNIST", names));
    loaded[dir] = split;
    return split;
}

} // namespace phasor
