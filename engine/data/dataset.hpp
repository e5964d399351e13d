// A labelled data set in memory, shared by every family that trains on batches: each sample a row of inputs
// scaled to [0, 1] and a class; a training set and a fixed test set; where it came from, for messages.
#pragma once
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace phasor {

struct Dataset {
    int features = 0; // inputs per sample
    int classes = 0;
    std::vector<float> inputs; // size() × features, row by row, each in [0, 1]
    std::vector<std::int32_t> labels;

    std::size_t size() const { return labels.size(); }
    std::span<const float> row(std::size_t i) const {
        return {inputs.data() + i * static_cast<std::size_t>(features), static_cast<std::size_t>(features)};
    }
};

struct DataSplit {
    std::string source; // "Fashion-MNIST (/usr/share/datasets/fashion-mnist)", "iris.csv"
    Dataset train, test;
    std::vector<std::string> class_names; // one per class
};

// The error for data that cannot be used: the message names the file, what is wrong with it and, where it
// helps, how to get the data.
struct DataError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace phasor
