// AdamW's update, one tensor at a time.
#include "engine/optim/adamw.hpp"

#include "engine/optim/lookahead.hpp"

#include <cmath>

namespace phasor {

int AdamW::add_tensor(std::int64_t size, bool decays) {
    tensors_.emplace_back(size, decays);
    return static_cast<int>(tensors_.size()) - 1;
}

void AdamW::update(int slot, std::span<float> param, std::span<const float> grad, float lr) {
    AdamMoments& t = tensors_[static_cast<std::size_t>(slot)];
    const float lambda = t.decays ? spec_.weight_decay : 0.f;
    // Eigen's array expressions, so that the square roots and divisions run in vector packets: a plain loop
    // with std::sqrt stays scalar and made AdamW ten times slower than the rest of a tick.
    const auto n = static_cast<Eigen::Index>(param.size());
    Eigen::Map<Eigen::ArrayXf> w(param.data(), n);
    const auto [inv_c1, inv_c2] =
        t.advance(Eigen::Map<const Eigen::ArrayXf>(grad.data(), n), spec_.beta1, spec_.beta2);
    // The decay uses the weight before this step, as the paper's update does.
    w -= lr * ((t.m.array() * inv_c1) / ((t.v.array() * inv_c2).sqrt() + spec_.eps) + lambda * w);
}

void AdamW::clear_state() {
    for (auto& t : tensors_) t.clear();
}

void AdamW::set_hyper(const OptimizerSpec& spec) {
    validate(spec);
    check_live_change(spec_, spec);
    spec_ = spec;
}

} // namespace phasor
