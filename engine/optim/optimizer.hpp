// Optimizers update one parameter tensor at a time, because stepped and pipelined training update layers at
// different ticks. Each tensor is registered once and keeps its own state (momentum, moments, slow
// weights...).
#pragma once
#include "engine/core/tensor.hpp"

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace phasor {

using ParamMap = Eigen::Map<Eigen::VectorXf>;
using GradMap = Eigen::Map<const Eigen::VectorXf>;

struct OptimizerSpec {
    std::string name = "sgd";
    float momentum = 0.0f;     // sgd
    float weight_decay = 0.0f; // decoupled, for optimizers that support it
};

class Optimizer {
  public:
    virtual ~Optimizer() = default;
    // Registers a tensor of `size` parameters and returns its slot. Called at build time only.
    virtual int add_tensor(int size) = 0;
    // Applies one update with learning rate `lr` to the tensor in `slot`. Allocates nothing.
    virtual void update(int slot, ParamMap param, GradMap grad, float lr) = 0;
    // Forgets all state (after restoring weights, for example), keeping the registered tensors.
    virtual void clear_state() = 0;
};

std::span<const char* const> optimizer_names();
// Throws InputError for an unknown name or bad parameters.
std::unique_ptr<Optimizer> make_optimizer(const OptimizerSpec& spec);

} // namespace phasor
