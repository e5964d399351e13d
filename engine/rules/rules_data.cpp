// The rule lab's data (rules_data.hpp).
#include "engine/rules/rules_data.hpp"

#include "engine/data/shared_data.hpp"
#include "engine/tasks/task.hpp"

#include <algorithm>
#include <numeric>

namespace phasor {

namespace {

void append(Dataset& set, const Sample& s) {
    set.inputs.insert(set.inputs.end(), s.x.data(), s.x.data() + s.x.size());
    set.labels.push_back(s.label);
}

// A stream task's training set is drawn once per seed and then shared by every variant; a finite one
// (parity4) is its patterns.
std::shared_ptr<const DataSplit> task_data(const RulesConfig& c) {
    TaskSpec spec;
    spec.name = c.task;
    const auto task = make_task(spec, c.seed);
    auto split = std::make_shared<DataSplit>();
    split->source = "task " + c.task;
    split->class_names = task->class_names();
    for (Dataset* set : {&split->train, &split->test}) {
        set->features = task->input_dim();
        set->classes = task->num_classes();
    }
    if (!task->train_set().empty() && c.train_samples == 0) {
        for (const Sample& s : task->train_set()) append(split->train, s);
    } else {
        Rng rng(c.seed * 0x9E3779B97F4A7C15ull + 17);
        Sample s;
        s.x.resize(task->input_dim());
        const std::int64_t n = c.train_samples > 0 ? c.train_samples : 2000;
        for (std::int64_t i = 0; i < n; ++i) {
            s.label = task->draw(rng, s.x);
            append(split->train, s);
        }
    }
    for (const Sample& s : task->eval_set()) append(split->test, s);
    return split;
}

} // namespace

std::vector<std::uint32_t> easiest_first(const Dataset& set) {
    const auto n = static_cast<Eigen::Index>(set.size());
    const Eigen::Map<const Mat> X(set.inputs.data(), set.features, n);
    Mat means = Mat::Zero(set.features, set.classes);
    Vec counts = Vec::Zero(set.classes);
    for (Eigen::Index i = 0; i < n; ++i) {
        means.col(set.labels[static_cast<std::size_t>(i)]) += X.col(i);
        counts(set.labels[static_cast<std::size_t>(i)]) += 1.f;
    }
    for (int c = 0; c < set.classes; ++c)
        if (counts(c) > 0) means.col(c) /= counts(c);
    std::vector<float> distance(set.size());
    for (Eigen::Index i = 0; i < n; ++i)
        distance[static_cast<std::size_t>(i)] =
            (X.col(i) - means.col(set.labels[static_cast<std::size_t>(i)])).squaredNorm();
    std::vector<std::uint32_t> order(set.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return distance[a] < distance[b]; });
    return order;
}

bool rules_test_held_out(const RulesConfig& c) {
    if (c.task == "fashion_mnist") return true;
    TaskSpec spec;
    spec.name = c.task;
    return make_task(spec, c.seed)->eval_held_out();
}

std::shared_ptr<const DataSplit> rules_data(const RulesConfig& c) {
    if (c.task != "fashion_mnist") return task_data(c);
    auto whole = shared_image_folder(c.data_dir);
    if (c.train_samples == 0 || static_cast<std::size_t>(c.train_samples) >= whole->train.size())
        return whole;
    auto part = std::make_shared<DataSplit>();
    part->source = whole->source;
    part->class_names = whole->class_names;
    part->test = whole->test;
    part->train.features = whole->train.features;
    part->train.classes = whole->train.classes;
    const auto n = static_cast<std::size_t>(c.train_samples);
    part->train.inputs.assign(whole->train.inputs.begin(),
                              whole->train.inputs.begin() +
                                  static_cast<std::ptrdiff_t>(n * whole->train.features));
    part->train.labels.assign(whole->train.labels.begin(),
                              whole->train.labels.begin() + static_cast<std::ptrdiff_t>(n));
    return part;
}

} // namespace phasor
