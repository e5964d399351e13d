// Backward-mode names and the whole-config checks of a stepped-network experiment.
//
// Every message starts with the dotted preset key it is about ("network.layers: ..."), because the preset
// loader looks that key up to point at its line in the file.
#include "engine/stepnet/config.hpp"

#include "engine/core/enum_names.hpp"
#include "engine/core/error.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>
#include <span>

namespace phasor {

namespace {
constexpr std::array<EnumName<BackwardMode>, 3> kModeNames{{{BackwardMode::Snapshot, "snapshot"},
                                                            {BackwardMode::Aligned, "aligned"},
                                                            {BackwardMode::Pipelined, "pipelined"}}};
} // namespace

std::string_view to_string(BackwardMode m) {
    return name_of(kModeNames, m);
}
std::optional<BackwardMode> parse_backward_mode(std::string_view name) {
    return value_named(kModeNames, name);
}
std::vector<std::string_view> backward_mode_names() {
    return names_of(kModeNames);
}

namespace {

[[noreturn]] void fail(std::string_view key, const std::string& what) {
    throw InputError(fmt::format("{}: {}", key, what));
}

// Lower-level checks (schedule, optimizer) name the bare field first ("lr must be > 0"); this turns that into
// "train.lr: must be > 0" so the message names the preset key, or falls back to `fallback_key`.
[[noreturn]] void rethrow_keyed(std::string_view prefix, std::string_view fallback_key,
                                std::string_view message, std::span<const std::string_view> fields) {
    for (std::string_view f : fields) {
        if (message.size() > f.size() && message.substr(0, f.size()) == f &&
            (message[f.size()] == ' ' || message[f.size()] == ':')) {
            std::string_view rest = message.substr(f.size());
            if (rest.front() == ':') rest.remove_prefix(1);
            while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
            throw InputError(fmt::format("{}.{}: {}", prefix, f, rest));
        }
    }
    throw InputError(fmt::format("{}: {}", fallback_key, message));
}

void validate_network(const StepNetConfig& c, const Task& task) {
    const auto& sizes = c.layers;
    if (sizes.size() < 2)
        fail("network.layers",
             fmt::format("needs at least 2 sizes (input and output), got {}", sizes.size()));
    for (std::size_t i = 0; i < sizes.size(); ++i)
        if (sizes[i] < 1) fail("network.layers", fmt::format("size {} is {}, must be >= 1", i + 1, sizes[i]));
    if (sizes.front() != task.input_dim())
        fail("network.layers",
             fmt::format("the first size ({}) must equal the task's input size ({}) for task '{}'",
                         sizes.front(), task.input_dim(), c.task.name));
    if (sizes.back() != task.num_classes())
        fail("network.layers",
             fmt::format("the last size ({}) must equal the task's number of classes ({}) for task '{}'",
                         sizes.back(), task.num_classes(), c.task.name));

    // Weights and biases counted in 64 bits (a product of two int sizes overflows past 2^31), and bounded
    // before anything is allocated, so a huge network is refused with a reason instead of std::bad_alloc.
    std::uint64_t parameters = 0;
    for (std::size_t i = 0; i + 1 < sizes.size(); ++i)
        parameters += static_cast<std::uint64_t>(sizes[i]) * static_cast<std::uint64_t>(sizes[i + 1]) +
                      static_cast<std::uint64_t>(sizes[i + 1]);
    if (parameters > kMaxParameters)
        fail(
            "network.layers",
            fmt::format("{} weights and biases, at most {} (the run would reserve about {:.1f} GiB: weights, "
                        "gradients, optimizer state and checkpoints, ~{} bytes each)",
                        parameters, kMaxParameters,
                        static_cast<double>(parameters * kBytesPerParameter) / double(1u << 30),
                        kBytesPerParameter));

    const std::size_t weight_layers = sizes.size() - 1;
    if (c.activations.size() != weight_layers)
        fail("network.activations",
             fmt::format("{} given, expected {} (one per layer)", c.activations.size(), weight_layers));
    for (std::size_t i = 0; i + 1 < c.activations.size(); ++i)
        if (c.activations[i] == Activation::Softmax)
            fail("network.activations",
                 "softmax is only allowed as the output activation with loss = \"cross_entropy\"");
    const Activation out = c.activations.back();
    if (c.loss == Loss::CrossEntropy && out != Activation::Softmax)
        fail("network.activations",
             fmt::format(
                 "with loss = \"cross_entropy\" the output activation must be softmax (the loss folds it "
                 "in), got {}",
                 to_string(out)));
    if (c.loss != Loss::CrossEntropy && out == Activation::Softmax)
        fail("network.activations",
             "softmax is only allowed as the output activation with loss = \"cross_entropy\"");
}

void validate_train(const StepNetConfig& c) {
    if (c.delay_depth && (*c.delay_depth < 0 || *c.delay_depth > kMaxDelayDepth))
        fail("train.delay_depth", fmt::format("must be in [0, {}], got {}", kMaxDelayDepth, *c.delay_depth));
    if (!(std::isfinite(c.temperature) && c.temperature > 0.f))
        fail("train.temperature", fmt::format("must be > 0 and finite, got {}", c.temperature));
    if (c.rolling_window < 1)
        fail("train.rolling_window", fmt::format("must be >= 1, got {}", c.rolling_window));
    if (c.series_every < 1) fail("train.series_every", fmt::format("must be >= 1, got {}", c.series_every));
    if (!(std::isfinite(c.l2) && c.l2 >= 0.f))
        fail("train.l2", fmt::format("must be >= 0 and finite, got {}", c.l2));
    if (!(std::isfinite(c.l1) && c.l1 >= 0.f))
        fail("train.l1", fmt::format("must be >= 0 and finite, got {}", c.l1));
    if (c.batch < 1 || c.batch > kMaxBatch)
        fail("train.batch", fmt::format("must be in [1, {}], got {}", kMaxBatch, c.batch));
    if (!(std::isfinite(c.optimizer.weight_decay) && c.optimizer.weight_decay >= 0.f))
        fail("train.weight_decay", fmt::format("must be >= 0 and finite, got {}", c.optimizer.weight_decay));

    static constexpr std::array<std::string_view, 5> schedule_fields{"lr", "decay", "floor", "step_every",
                                                                     "gamma"};
    try {
        validate(c.schedule);
    } catch (const InputError& e) {
        rethrow_keyed("train", "train.schedule", e.what(), schedule_fields);
    }
    static constexpr std::array<std::string_view, 5> optimizer_fields{"momentum", "weight_decay", "beta1",
                                                                      "beta2", "eps"};
    try {
        (void)make_optimizer(c.optimizer);
    } catch (const InputError& e) {
        rethrow_keyed("train", "train.optimizer", e.what(), optimizer_fields);
    }
}

} // namespace

void validate(const StepNetConfig& c, const Task& task) {
    if (c.task.hold_ticks < 1)
        fail("task.hold_ticks", fmt::format("must be >= 1, got {}", c.task.hold_ticks));
    if (!(std::isfinite(c.task.noise) && c.task.noise >= 0.f))
        fail("task.noise", fmt::format("must be >= 0 and finite, got {}", c.task.noise));
    if (c.task.points < 1) fail("task.points", fmt::format("must be >= 1, got {}", c.task.points));
    validate_network(c, task);
    validate_train(c);
}

} // namespace phasor
