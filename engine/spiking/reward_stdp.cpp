// Reward-modulated STDP with eligibility traces (see reward_stdp.hpp).
#include "engine/spiking/reward_stdp.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace phasor {

namespace {
// Past this the frame is folded into the values, long before a float could overflow or lose the increments.
constexpr double kFrameLimit = 1e4;
} // namespace

RewardStdp::RewardStdp(std::uint32_t pre, std::uint32_t post, RewardStdpParams params, float dt)
    : pre_(pre), post_(post), params_(params), weight_(std::size_t{pre} * post, 0.f),
      eligibility_(weight_.size(), 0.f), x_(pre, 0.f), y_(post, 0.f) {
    if (!(dt > 0) || !(params.tau_plus > 0) || !(params.tau_minus > 0) || !(params.tau_eligibility > 0) ||
        !(params.w_max > 0) || !(params.baseline_rate >= 0 && params.baseline_rate <= 1))
        throw std::invalid_argument("RewardStdp: dt, time constants and w_max > 0, baseline rate in [0, 1]");
    decay_plus_ = static_cast<float>(std::exp(-double(dt) / params.tau_plus));
    decay_minus_ = static_cast<float>(std::exp(-double(dt) / params.tau_minus));
    log_growth_ = double(dt) / params.tau_eligibility;
}

float RewardStdp::eligibility(std::uint32_t i, std::uint32_t j) const {
    return static_cast<float>(eligibility_[std::size_t{i} * post_ + j] / frame_);
}

void RewardStdp::fold_frame() {
    for (float& e : eligibility_) e = static_cast<float>(e / frame_);
    frame_cycles_ = 0;
    frame_ = 1.0;
}

void RewardStdp::step(std::span<const std::uint32_t> pre_spikes, std::span<const std::uint32_t> post_spikes) {
    ++frame_cycles_;
    frame_ = std::exp(static_cast<double>(frame_cycles_) * log_growth_);
    if (frame_ > kFrameLimit) fold_frame();
    for (float& x : x_) x *= decay_plus_;
    for (float& y : y_) y *= decay_minus_;
    // Both kinds of pair read the traces as they were before this cycle's spikes.
    const auto depress = static_cast<float>(params_.a_minus * params_.w_max * frame_);
    for (std::uint32_t i : pre_spikes) {
        float* e = eligibility_.data() + std::size_t{i} * post_;
        for (std::uint32_t j = 0; j < post_; ++j) e[j] -= depress * y_[j];
    }
    const auto potentiate = static_cast<float>(params_.a_plus * params_.w_max * frame_);
    for (std::uint32_t j : post_spikes) {
        float* e = eligibility_.data() + j;
        for (std::uint32_t i = 0; i < pre_; ++i) e[std::size_t{i} * post_] += potentiate * x_[i];
    }
    for (std::uint32_t i : pre_spikes) x_[i] += 1.f;
    for (std::uint32_t j : post_spikes) y_[j] += 1.f;
}

float RewardStdp::reinforce(float reward) {
    const float modulation = reward - baseline_;
    fold_frame();
    const float scale = params_.reward_lr * modulation;
    if (scale != 0.f) {
        const float w_max = params_.w_max;
        for (std::size_t s = 0; s < weight_.size(); ++s)
            weight_[s] = std::clamp(weight_[s] + scale * eligibility_[s], 0.f, w_max);
    }
    baseline_ += params_.baseline_rate * modulation;
    return modulation;
}

} // namespace phasor
