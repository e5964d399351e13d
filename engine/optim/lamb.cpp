// LAMB's update, one tensor at a time.
#include "engine/optim/lamb.hpp"

#include "engine/optim/lookahead.hpp"

#include <cmath>

namespace phasor {

int Lamb::add_tensor(std::int64_t size, bool decays) {
    tensors_.emplace_back(size, decays);
    return static_cast<int>(tensors_.size()) - 1;
}

void Lamb::update(int slot, std::span<float> param, std::span<const float> grad, float lr) {
    AdamMoments& t = tensors_[static_cast<std::size_t>(slot)];
    const float lambda = t.decays ? spec_.weight_decay : 0.f;
    const auto n = static_cast<Eigen::Index>(param.size());
    Eigen::Map<Eigen::ArrayXf> w(param.data(), n);
    const auto [inv_c1, inv_c2] =
        t.advance(Eigen::Map<const Eigen::ArrayXf>(grad.data(), n), spec_.beta1, spec_.beta2);
    // r is an unevaluated expression, read twice (for its norm, then for the step) rather than stored: the
    // update allocates nothing and keeps no scratch that concurrent updates of other tensors could share.
    const auto r = (t.m.array() * inv_c1) / ((t.v.array() * inv_c2).sqrt() + spec_.eps) + lambda * w;
    // Norms summed in double: a large tensor's sum of squares in float loses the small entries.
    const double w_norm = std::sqrt(w.cast<double>().square().sum());
    const double r_norm = std::sqrt(r.cast<double>().square().sum());
    // A zero weight norm (a tensor initialised at zero, such as a bias) would freeze the tensor for good, and
    // a zero step needs no scaling: both take the plain AdamW step.
    const double trust = w_norm > 0.0 && r_norm > 0.0 ? w_norm / r_norm : 1.0;
    // The step reads the weight before it is written, coefficient by coefficient, so r's decay term uses the
    // weight before this step, as the paper's update does.
    w -= (lr * static_cast<float>(trust)) * r;
}

void Lamb::clear_state() {
    for (auto& t : tensors_) t.clear();
}

void Lamb::set_hyper(const OptimizerSpec& spec) {
    validate(spec);
    check_live_change(spec_, spec);
    spec_ = spec;
}

} // namespace phasor
