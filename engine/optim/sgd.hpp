// Stochastic gradient descent with (heavy-ball) momentum and decoupled weight decay:
// v ← μ v + g, w ← w − lr (v + λ w), with λ applied only to tensors registered as decaying.
#pragma once
#include "engine/core/tensor.hpp"
#include "engine/optim/optimizer.hpp"

namespace phasor {

class SgdMomentum final : public Optimizer {
  public:
    // Expects a validated spec (make_optimizer validates).
    explicit SgdMomentum(const OptimizerSpec& spec) : spec_(spec) {}
    int add_tensor(std::int64_t size, bool decays) override;
    void update(int slot, std::span<float> param, std::span<const float> grad, float lr) override;
    void clear_state() override;
    const OptimizerSpec& spec() const override { return spec_; }
    void set_hyper(const OptimizerSpec& spec) override;

  private:
    struct Tensor {
        Vec velocity;
        bool decays = false;
    };
    OptimizerSpec spec_;
    std::vector<Tensor> tensors_;
};

} // namespace phasor
