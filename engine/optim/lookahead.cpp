// Lookahead's synchronisation of the slow and fast weights, around the inner optimizer's updates.
#include "engine/optim/lookahead.hpp"

#include "engine/core/error.hpp"

#include <fmt/format.h>
#include <utility>

namespace phasor {

void check_live_change(const OptimizerSpec& from, const OptimizerSpec& to) {
    if (to.name != from.name)
        throw InputError(fmt::format(
            "optimizer cannot change from '{}' to '{}' while training (reset the run)", from.name, to.name));
    if ((to.lookahead_steps > 0) != (from.lookahead_steps > 0))
        throw InputError(
            fmt::format("lookahead_steps cannot change from {} to {} while training (reset the run)",
                        from.lookahead_steps, to.lookahead_steps));
}

Lookahead::Lookahead(const OptimizerSpec& spec, std::unique_ptr<Optimizer> inner)
    : spec_(spec), inner_(std::move(inner)) {}

int Lookahead::add_tensor(std::int64_t size, bool decays) {
    const int slot = inner_->add_tensor(size, decays);
    tensors_.push_back({Vec::Zero(size), false, 0});
    return slot;
}

void Lookahead::update(int slot, std::span<float> param, std::span<const float> grad, float lr) {
    Tensor& t = tensors_[static_cast<std::size_t>(slot)];
    const auto n = static_cast<Eigen::Index>(param.size());
    Eigen::Map<Eigen::ArrayXf> fast(param.data(), n);
    // The slow weights start where the fast ones are before their first step, wherever the tensor was
    // initialised or restored to, rather than at registration, when the weights may not be set yet.
    if (!t.taken) {
        t.slow.array() = fast;
        t.taken = true;
    }
    inner_->update(slot, param, grad, lr);
    // ≥ rather than ==: when k is lowered live below the count already reached, the tensor synchronises at
    // its next update instead of never.
    if (++t.since_sync < spec_.lookahead_steps) return;
    t.since_sync = 0;
    const float alpha = spec_.lookahead_alpha;
    auto slow = t.slow.array();
    // (1 − α)·slow + α·fast rather than slow + α·(fast − slow): with α = 1 it gives the fast weights exactly,
    // so that k = 1, α = 1 is the inner optimizer bit for bit.
    slow = (1.f - alpha) * slow + alpha * fast;
    fast = slow;
}

void Lookahead::clear_state() {
    inner_->clear_state();
    for (auto& t : tensors_) {
        t.taken = false;
        t.since_sync = 0;
    }
}

void Lookahead::set_hyper(const OptimizerSpec& spec) {
    validate(spec);
    check_live_change(spec_, spec);
    inner_->set_hyper(spec);
    spec_ = spec;
}

} // namespace phasor
