// AdamW (Loshchilov & Hutter): Adam's bias-corrected moment estimates with the weight decay decoupled from
// them, w ← w − lr·(m̂/(√v̂ + ε) + λ·w), λ applied only to the tensors registered as decaying.
#pragma once
#include "engine/core/tensor.hpp"
#include "engine/optim/optimizer.hpp"

#include <vector>

namespace phasor {

class AdamW final : public Optimizer {
  public:
    // Expects a validated spec (make_optimizer validates).
    explicit AdamW(const OptimizerSpec& spec) : spec_(spec) {}
    int add_tensor(std::int64_t size, bool decays) override;
    void update(int slot, std::span<float> param, std::span<const float> grad, float lr) override;
    void clear_state() override;
    const OptimizerSpec& spec() const override { return spec_; }
    void set_hyper(const OptimizerSpec& spec) override;

  private:
    // Each tensor counts its own steps, since the layers of a stepped network update at different ticks.
    // The bias corrections are 1 − Π β over the steps taken: the same as 1 − βᵗ while β stays put, and still
    // the exact weight the moment estimate has gathered when β is changed during training.
    struct Tensor {
        Vec m, v;
        double beta1_power = 1.0, beta2_power = 1.0;
        bool decays = false;
    };
    OptimizerSpec spec_;
    std::vector<Tensor> tensors_;
};

} // namespace phasor
