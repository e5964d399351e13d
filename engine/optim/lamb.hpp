// LAMB (You et al. 2020, "Large Batch Optimization for Deep Learning"): AdamW's step rescaled per tensor so
// that its length is in proportion to the weights' own. With Adam's bias-corrected moments m̂ and v̂,
// r = m̂/(√v̂ + ε) + λ·w (λ only on the tensors registered as decaying), φ = ‖w‖/‖r‖ (1 when either norm is
// 0), w ← w − lr·φ·r.
#pragma once
#include "engine/optim/adam_moments.hpp"
#include "engine/optim/optimizer.hpp"

#include <vector>

namespace phasor {

class Lamb final : public Optimizer {
  public:
    // Expects a validated spec (make_optimizer validates).
    explicit Lamb(const OptimizerSpec& spec) : spec_(spec) {}
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
