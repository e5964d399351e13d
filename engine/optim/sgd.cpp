// SGD with momentum and decoupled weight decay.
//
// The updates are loops over Eigen's packets rather than Eigen expressions on maps, which cost more than the
// arithmetic on these small tensors. With weight decay 0 they do exactly the arithmetic of the expressions
// they replace (v = μ v + g, w −= lr v, each one multiply-add, fused where the target has FMA), so that
// training does not change by a bit.
#include "engine/optim/sgd.hpp"

#include "engine/core/error.hpp"
#include "engine/core/madd.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>
#include <span>

namespace phasor {

namespace {
namespace ei = Eigen::internal;
using Packet = ei::packet_traits<float>::type;
constexpr Eigen::Index kLanes = ei::packet_traits<float>::size;

// w ← w − lr·(s + λ·w) over a tensor, where s is the gradient or the velocity; λ = 0 skips the decay term
// altogether (so that no decay is bit-identical to plain SGD, signed zeros included).
template <bool Decay> void descend(float* w, const float* s, Eigen::Index n, float lr, float lambda) {
    const Packet p_minus_lr = ei::pset1<Packet>(-lr), p_lambda = ei::pset1<Packet>(lambda);
    Eigen::Index k = 0;
    for (; k + kLanes <= n; k += kLanes) {
        const Packet wk = ei::ploadu<Packet>(w + k);
        Packet step = ei::ploadu<Packet>(s + k);
        if constexpr (Decay) step = ei::pmadd(p_lambda, wk, step);
        ei::pstoreu(w + k, ei::pmadd(p_minus_lr, step, wk));
    }
    for (; k < n; ++k) {
        const float step = Decay ? madd(lambda, w[k], s[k]) : s[k];
        w[k] = madd(-lr, step, w[k]);
    }
}

// v ← μ v + g.
void accumulate(float* v, const float* g, Eigen::Index n, float mu) {
    const Packet p_mu = ei::pset1<Packet>(mu);
    Eigen::Index k = 0;
    for (; k + kLanes <= n; k += kLanes)
        ei::pstoreu(v + k, ei::pmadd(p_mu, ei::ploadu<Packet>(v + k), ei::ploadu<Packet>(g + k)));
    for (; k < n; ++k) v[k] = madd(mu, v[k], g[k]);
}
} // namespace

int SgdMomentum::add_tensor(std::int64_t size, bool decays) {
    tensors_.push_back({Vec::Zero(size), decays});
    return static_cast<int>(tensors_.size()) - 1;
}

void SgdMomentum::update(int slot, std::span<float> param, std::span<const float> grad, float lr) {
    Tensor& t = tensors_[static_cast<std::size_t>(slot)];
    const auto n = static_cast<Eigen::Index>(param.size());
    const float lambda = t.decays ? spec_.weight_decay : 0.f;
    const float* step = grad.data();
    if (spec_.momentum != 0.f) {
        accumulate(t.velocity.data(), grad.data(), n, spec_.momentum);
        step = t.velocity.data();
    }
    if (lambda == 0.f)
        descend<false>(param.data(), step, n, lr, 0.f);
    else
        descend<true>(param.data(), step, n, lr, lambda);
}

void SgdMomentum::clear_state() {
    for (auto& t : tensors_) t.velocity.setZero();
}

void SgdMomentum::set_hyper(const OptimizerSpec& spec) {
    validate(spec);
    if (spec.name != spec_.name)
        throw InputError(
            fmt::format("optimizer cannot change from '{}' to '{}' while training (reset the run)",
                        spec_.name, spec.name));
    // Without momentum the velocity is not kept up to date: momentum switched back on starts from rest.
    if (spec_.momentum == 0.f && spec.momentum != 0.f) clear_state();
    spec_ = spec;
}

} // namespace phasor
