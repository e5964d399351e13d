// AdamW's update, one tensor at a time.
#include "engine/optim/adamw.hpp"

#include "engine/core/error.hpp"

#include <cmath>
#include <fmt/format.h>

namespace phasor {

int AdamW::add_tensor(std::int64_t size, bool decays) {
    tensors_.push_back({Vec::Zero(size), Vec::Zero(size), 1.0, 1.0, decays});
    return static_cast<int>(tensors_.size()) - 1;
}

void AdamW::update(int slot, std::span<float> param, std::span<const float> grad, float lr) {
    Tensor& t = tensors_[static_cast<std::size_t>(slot)];
    const float b1 = spec_.beta1, b2 = spec_.beta2, eps = spec_.eps;
    const float lambda = t.decays ? spec_.weight_decay : 0.f;
    t.beta1_power *= static_cast<double>(b1);
    t.beta2_power *= static_cast<double>(b2);
    // m̂ = m / (1 − Πβ₁) and v̂ = v / (1 − Πβ₂): the moments start at zero, and without the correction the
    // first steps would be far too short.
    const auto inv_c1 = static_cast<float>(1.0 / (1.0 - t.beta1_power));
    const auto inv_c2 = static_cast<float>(1.0 / (1.0 - t.beta2_power));
    // Eigen's array expressions, so that the square roots and divisions run in vector packets: a plain loop
    // with std::sqrt stays scalar and made AdamW ten times slower than the rest of a tick.
    const auto n = static_cast<Eigen::Index>(param.size());
    Eigen::Map<Eigen::ArrayXf> w(param.data(), n);
    const Eigen::Map<const Eigen::ArrayXf> g(grad.data(), n);
    auto m = t.m.array();
    auto v = t.v.array();
    m = b1 * m + (1.f - b1) * g;
    v = b2 * v + (1.f - b2) * g.square();
    // The decay uses the weight before this step, as the paper's update does.
    w -= lr * ((m * inv_c1) / ((v * inv_c2).sqrt() + eps) + lambda * w);
}

void AdamW::clear_state() {
    for (auto& t : tensors_) {
        t.m.setZero();
        t.v.setZero();
        t.beta1_power = t.beta2_power = 1.0;
    }
}

void AdamW::set_hyper(const OptimizerSpec& spec) {
    validate(spec);
    if (spec.name != spec_.name)
        throw InputError(
            fmt::format("optimizer cannot change from '{}' to '{}' while training (reset the run)",
                        spec_.name, spec.name));
    spec_ = spec;
}

} // namespace phasor
