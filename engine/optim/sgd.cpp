// SGD with momentum, and the optimizer factory.
#include "engine/optim/sgd.hpp"

#include "engine/core/error.hpp"

#include <array>
#include <fmt/format.h>
#include <span>

namespace phasor {

int SgdMomentum::add_tensor(int size) {
    velocity_.push_back(Vec::Zero(size));
    return static_cast<int>(velocity_.size()) - 1;
}

void SgdMomentum::update(int slot, ParamMap param, GradMap grad, float lr) {
    if (momentum_ == 0.f) {
        param.noalias() -= lr * grad;
        return;
    }
    Vec& v = velocity_[static_cast<std::size_t>(slot)];
    v = momentum_ * v + grad;
    param.noalias() -= lr * v;
}

void SgdMomentum::clear_state() {
    for (auto& v : velocity_) v.setZero();
}

std::span<const char* const> optimizer_names() {
    static constexpr std::array<const char*, 1> names{"sgd"};
    return names;
}

std::unique_ptr<Optimizer> make_optimizer(const OptimizerSpec& spec) {
    if (spec.name == "sgd") {
        if (!(spec.momentum >= 0.f && spec.momentum < 1.f))
            throw InputError(fmt::format("momentum must be in [0, 1), got {}", spec.momentum));
        return std::make_unique<SgdMomentum>(spec.momentum);
    }
    throw InputError(fmt::format("unknown optimizer '{}' (known: sgd)", spec.name));
}

} // namespace phasor
