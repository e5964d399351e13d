// Everything that defines a stepped-network (ALBA) experiment; presets are parsed into this.
#pragma once
#include "engine/core/activation.hpp"
#include "engine/core/dense.hpp"
#include "engine/core/loss.hpp"
#include "engine/optim/optimizer.hpp"
#include "engine/optim/schedule.hpp"
#include "engine/tasks/task.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phasor {

// How the stepped network turns the scored error into weight updates (see docs/ENGINE.md).
enum class BackwardMode {
    Snapshot,  // backprop through the current buffers every tick (layers may hold different samples)
    Aligned,   // exact backprop for the scored sample, from a per-layer activation history
    Pipelined, // the error travels one layer per tick; each stage updates from local information only
};

std::string_view to_string(BackwardMode m);
std::optional<BackwardMode> parse_backward_mode(std::string_view name);
std::vector<std::string_view> backward_mode_names();

struct StepNetConfig {
    std::string name;        // shown to the user
    std::string description; // one or two sentences
    std::uint64_t seed = 1;
    std::uint64_t ticks = 50000; // default run length for the command-line runner

    TaskSpec task;

    std::vector<int> layers{4, 32, 16, 3}; // sizes, input first
    std::vector<Activation> activations{Activation::Relu, Activation::Tanh, Activation::Softmax};
    Loss loss = Loss::CrossEntropy;
    std::optional<Init> init; // default: He before relu-like activations, Xavier otherwise

    BackwardMode backward = BackwardMode::Aligned;
    std::optional<int> delay_depth; // default: the pipeline lag, layer count − 1
    OptimizerSpec optimizer;
    ScheduleSpec schedule;
    float l2 = 0.0f; // coupled L2: l2·w added to the weight gradient (not the biases') before attention
    float l1 = 0.0f; // l1·sign(w) likewise
    int batch = 1;   // updates whose gradients are averaged into one applied update, per layer
    bool attention = true;
    float temperature = 1.0f;
    int rolling_window = 200; // rolling accuracy over this many scored ticks
    int series_every = 100;   // ticks between series samples
};

// Checks the config as a whole (sizes agree with the task, softmax only as the cross-entropy output, ranges).
// Throws InputError naming the offending key in preset terms (e.g. "network.layers").
void validate(const StepNetConfig& config, const Task& task);

inline constexpr int kMaxDelayDepth = 1024;
inline constexpr int kMaxBatch = 1024;
// The most weights and biases a network may have (network.layers), and roughly what each costs in memory
// (the weight, its gradient, two optimizer slots, the checkpoint's copy, a batch accumulator): 2^27 holds
// two of the widest (8192 × 8192) layers' worth, about 3 GiB.
inline constexpr std::uint64_t kMaxParameters = std::uint64_t{1} << 27;
inline constexpr std::uint64_t kBytesPerParameter = 24;

} // namespace phasor
