// Lookahead (Zhang et al. 2019, "Lookahead Optimizer: k steps forward, 1 step back") around any optimizer:
// the inner optimizer moves the (fast) weights; every k updates of a tensor its slow weights move α of the
// way to the fast ones, slow ← slow + α·(fast − slow), and the fast weights restart from them, fast ← slow.
// k = lookahead_steps, α = lookahead_alpha.
#pragma once
#include "engine/core/tensor.hpp"
#include "engine/optim/optimizer.hpp"

#include <memory>
#include <vector>

namespace phasor {

class Lookahead final : public Optimizer {
  public:
    // Expects a validated spec with lookahead_steps > 0 (make_optimizer validates); `inner` was made from
    // the same spec.
    Lookahead(const OptimizerSpec& spec, std::unique_ptr<Optimizer> inner);
    int add_tensor(std::int64_t size, bool decays) override;
    void update(int slot, std::span<float> param, std::span<const float> grad, float lr) override;
    // Forgets the inner optimizer's state and the slow weights, which are taken again from the parameters at
    // each tensor's next update.
    void clear_state() override;
    const OptimizerSpec& spec() const override { return spec_; }
    void set_hyper(const OptimizerSpec& spec) override;

  private:
    struct Tensor {
        Vec slow; // sized at registration, so that taking the weights allocates nothing
        bool taken = false;
        int since_sync = 0; // this tensor's updates since its last synchronisation
    };
    OptimizerSpec spec_;
    std::unique_ptr<Optimizer> inner_;
    std::vector<Tensor> tensors_;
};

// Throws InputError when `to` cannot be taken live by an optimizer running with `from`: another name, or
// Lookahead switched on or off (either needs a new optimizer, with different state).
void check_live_change(const OptimizerSpec& from, const OptimizerSpec& to);

} // namespace phasor
