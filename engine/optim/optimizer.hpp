// Optimizers update one parameter tensor at a time, because stepped and pipelined training update layers at
// different ticks. Each tensor is registered once and keeps its own state (momentum, moments, slow
// weights...). Hyper-parameters can change while training runs; the tensors' state is kept across a change.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace phasor {

struct OptimizerSpec {
    std::string name = "sgd";
    float momentum = 0.0f;     // sgd
    float weight_decay = 0.0f; // decoupled (AdamW-style), on the tensors registered as decaying
    float beta1 = 0.9f;        // adamw: how slowly the mean of the gradients (first moment) forgets
    float beta2 = 0.999f;      // adamw: how slowly the mean of their squares (second moment) forgets
    float eps = 1e-8f; // adamw: added to the root of the second moment, so a zero gradient stays finite
    // Lookahead (Zhang et al. 2019) around any of them: every k inner steps the slow weights move alpha of
    // the way to the fast ones and the fast ones restart from there; 0 steps: off.
    int lookahead_steps = 0;
    float lookahead_alpha = 0.5f;
};

class Optimizer {
  public:
    virtual ~Optimizer() = default;
    // Registers a tensor of `size` parameters and returns its slot. `decays` says whether weight decay
    // applies to it (weight matrices: yes; biases: no). Called at build time only.
    virtual int add_tensor(std::int64_t size, bool decays) = 0;
    // Applies one update with learning rate `lr` to the tensor in `slot` (param and grad of the size it was
    // registered with). Allocates nothing.
    virtual void update(int slot, std::span<float> param, std::span<const float> grad, float lr) = 0;
    // Forgets all state (after restoring weights, for example), keeping the registered tensors.
    virtual void clear_state() = 0;
    // The hyper-parameters in use.
    virtual const OptimizerSpec& spec() const = 0;
    // Changes the hyper-parameters from the next update on, keeping the state. Validates like make_optimizer
    // and throws InputError naming the field first ("momentum must be in [0, 1), got 2"), leaving the
    // optimizer as it was; the name must be this optimizer's own (switching optimizers needs a new one).
    virtual void set_hyper(const OptimizerSpec& spec) = 0;
};

std::span<const char* const> optimizer_names();
// The same, as a parameter row's choices.
std::vector<std::string_view> optimizer_choices();
// Throws InputError for an unknown name or a bad value, naming the field first.
void validate(const OptimizerSpec& spec);
// Throws InputError for an unknown name or bad parameters.
std::unique_ptr<Optimizer> make_optimizer(const OptimizerSpec& spec);

} // namespace phasor
