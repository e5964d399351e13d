// Lion's update, one tensor at a time.
#include "engine/optim/lion.hpp"

#include "engine/optim/lookahead.hpp"

namespace phasor {

int Lion::add_tensor(std::int64_t size, bool decays) {
    tensors_.push_back({Vec::Zero(size), decays});
    return static_cast<int>(tensors_.size()) - 1;
}

void Lion::update(int slot, std::span<float> param, std::span<const float> grad, float lr) {
    Tensor& t = tensors_[static_cast<std::size_t>(slot)];
    const float b1 = spec_.beta1, b2 = spec_.beta2;
    const float lambda = t.decays ? spec_.weight_decay : 0.f;
    const auto n = static_cast<Eigen::Index>(param.size());
    Eigen::Map<Eigen::ArrayXf> w(param.data(), n);
    const Eigen::Map<const Eigen::ArrayXf> g(grad.data(), n);
    auto m = t.m.array();
    // The step interpolates with β₁ but the momentum remembers with β₂ (longer): the paper's finding is that
    // the step should lean more on the current gradient than the memory does. sign(0) = 0, so a coordinate
    // without gradient or momentum moves by its decay alone. The decay uses the weight before this step.
    w -= lr * ((b1 * m + (1.f - b1) * g).sign() + lambda * w);
    m = b2 * m + (1.f - b2) * g;
}

void Lion::clear_state() {
    for (auto& t : tensors_) t.m.setZero();
}

void Lion::set_hyper(const OptimizerSpec& spec) {
    validate(spec);
    check_live_change(spec_, spec);
    spec_ = spec;
}

} // namespace phasor
