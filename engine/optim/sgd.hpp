// Stochastic gradient descent with (heavy-ball) momentum: v ← μ v + g, w ← w − lr v.
#pragma once
#include "engine/optim/optimizer.hpp"

namespace phasor {

class SgdMomentum final : public Optimizer {
  public:
    explicit SgdMomentum(float momentum) : momentum_(momentum) {}
    int add_tensor(int size) override;
    void update(int slot, ParamMap param, GradMap grad, float lr) override;
    void clear_state() override;

  private:
    float momentum_;
    std::vector<Vec> velocity_;
};

} // namespace phasor
