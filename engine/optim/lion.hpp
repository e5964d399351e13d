// Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"): a step of the same size in every
// coordinate, the sign of an interpolation between the momentum and the gradient, with decoupled weight
// decay: c = β₁m + (1−β₁)g, w ← w − lr·(sign(c) + λ·w), m ← β₂m + (1−β₂)g; λ applies only to the tensors
// registered as decaying.
#pragma once
#include "engine/core/tensor.hpp"
#include "engine/optim/optimizer.hpp"

#include <vector>

namespace phasor {

class Lion final : public Optimizer {
  public:
    // Expects a validated spec (make_optimizer validates).
    explicit Lion(const OptimizerSpec& spec) : spec_(spec) {}
    int add_tensor(std::int64_t size, bool decays) override;
    void update(int slot, std::span<float> param, std::span<const float> grad, float lr) override;
    void clear_state() override;
    const OptimizerSpec& spec() const override { return spec_; }
    void set_hyper(const OptimizerSpec& spec) override;

  private:
    // One moment only (half of Adam's state); no bias correction, since the sign does not care how large
    // the still-short average is.
    struct Tensor {
        Vec m;
        bool decays = false;
    };
    OptimizerSpec spec_;
    std::vector<Tensor> tensors_;
};

} // namespace phasor
