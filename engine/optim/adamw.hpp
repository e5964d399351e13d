// AdamW (Loshchilov & Hutter): Adam's bias-corrected moment estimates with the weight decay decoupled from
// them, w ← w − lr·(m̂/(√v̂ + ε) + λ·w), λ applied only to the tensors registered as decaying.
#pragma once
#include "engine/optim/adam_moments.hpp"
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
    OptimizerSpec spec_;
    std::vector<AdamMoments> tensors_;
};

} // namespace phasor
