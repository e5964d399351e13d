// MNIST-like image sets from a folder of the four IDX files (train-images-idx3-ubyte,
// train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each plain or .gz): Fashion-MNIST
// as Debian's dataset-fashion-mnist installs it, or MNIST files a user has. Pixels are scaled to [0, 1]; the
// t10k files are the fixed test set.
#pragma once
#include "engine/data/dataset.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace phasor {

// Where Debian's dataset-fashion-mnist puts its files.
inline constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

std::vector<std::string> fashion_mnist_classes();

// Reads the four files in `dir`. `title` ("Fashion-MNIST") names the set in messages; `class_names` are the
// ten classes. Throws DataError naming the file and what is wrong (missing, bad magic, truncated, a count
// that differs between images and labels, a label out of range), and how to get the data.
DataSplit load_image_folder(const std::filesystem::path& dir, const std::string& title,
                            std::vector<std::string> class_names);

} // namespace phasor
